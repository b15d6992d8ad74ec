/**
 * The upstream Butane test vectors (test/unit/butane/vectors/*.yaml, transcribed from coreos/butane's *_test.go):
 * loading them, building each case's files-dir, and comparing an Ignition output and a report list with what a
 * case expects. Shared by vectors.test.ts (our translator) and test/oracle/butaneVectors.test.ts (the butane
 * binary, which proves the transcription).
 */
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { parse } from 'yaml';

export interface VectorReport {
  level: 'error' | 'warning';
  /** Butane's path, `$.storage.files.0.contents.local`. */
  path: string;
  /** Butane's message (for the oracle; ours are our own words); `{filesDir}` stands for the files-dir. */
  message: string;
  /** 1-based line, when the Go test names one. */
  line?: number;
}

/** A file of a case's files-dir: text, or bytes, a folder, a symlink or a socket; `mode` in octal ('0644'). */
export type FileSpec =
  string | { text?: string; base64?: string; mode?: string; dir?: boolean; symlink?: string; socket?: boolean };

export interface VectorCase {
  name: string;
  note?: string;
  /** The case needs permissions to bite (chmod 000): skipped when running as root. */
  unlessRoot?: boolean;
  files?: Record<string, FileSpec>;
  filesDir?: boolean;
  butane: string;
  /** The Ignition output; null: no output (an error); 'unchecked': the Go test does not say. */
  ignition: Record<string, unknown> | null | 'unchecked';
  /** Only these dotted subtrees of the output are compared. */
  partial?: string[];
  reports: VectorReport[];
  /** Ignition path → the Butane path it comes from (the Go test's TranslationSet expectations). */
  sources?: Record<string, string>;
}

export interface VectorFile {
  variant: string;
  version: string;
  cases: VectorCase[];
}

export interface DecimalModeVectors {
  name: string;
  /** The modes tried, inclusive. */
  range: [number, number];
  /** The modes for which Butane warns that a decimal mode was probably meant. */
  file: number[];
  directory: number[];
}

export const VECTOR_DIR = resolve(__dirname, 'vectors');
export const CASE_FILES = ['base', 'fcos', 'flatcar'] as const;

export function loadVectors(name: (typeof CASE_FILES)[number]): VectorFile {
  return parse(readFileSync(join(VECTOR_DIR, `${name}.yaml`), 'utf8')) as VectorFile;
}

export function loadDecimalModes(): DecimalModeVectors {
  return (parse(readFileSync(join(VECTOR_DIR, 'util.yaml'), 'utf8')) as { decimalModes: DecimalModeVectors })
    .decimalModes;
}

/** One config holding every mode of the range, as files (`storage.files.N.mode`) or directories. */
export function decimalModeConfig(range: [number, number], kind: 'files' | 'directories'): string {
  const lines = ['variant: fcos', 'version: 1.7.0', 'storage:', `  ${kind}:`];
  for (let mode = range[0]; mode <= range[1]; mode++)
    lines.push(`    - path: /m${mode - range[0]}`, `      mode: ${mode}`);
  return lines.join('\n') + '\n';
}

/** The modes (of the range) whose entry got a warning at `.mode`. */
export function warnedModes(reports: readonly { level: string; path: string }[], range: [number, number]): number[] {
  const modes = reports
    .map((r) => (r.level === 'warning' ? /^\$\.storage\.\w+\.(\d+)\.mode$/.exec(r.path) : null))
    .filter((m): m is RegExpExecArray => m !== null)
    .map((m) => Number(m[1]) + range[0]);
  return [...new Set(modes)].sort((a, b) => a - b);
}

export interface FilesDir {
  dir: string;
  close(): Promise<void>;
}

/** A fresh folder under the OS temp folder holding the case's files (undefined when the case passes none). */
export async function makeFilesDir(c: VectorCase): Promise<FilesDir | undefined> {
  if (!c.filesDir) return undefined;
  const dir = mkdtempSync(join(tmpdir(), 'butane-vector-'));
  const entries = Object.entries(c.files ?? {}).map(([path, spec]) => [join(dir, path), spec] as const);
  const servers: Server[] = [];
  for (const [path, spec] of entries) {
    const s = typeof spec === 'string' ? { text: spec } : spec;
    mkdirSync(s.dir ? path : dirname(path), { recursive: true });
    if (s.symlink !== undefined) symlinkSync(s.symlink, path);
    else if (s.socket) servers.push(await listen(path));
    else if (!s.dir) writeFileSync(path, s.base64 !== undefined ? Buffer.from(s.base64, 'base64') : (s.text ?? ''));
  }
  // Modes last (a folder made unreadable first would take its files with it), deepest first.
  for (const [path, spec] of [...entries].sort((a, b) => b[0].length - a[0].length)) {
    if (typeof spec !== 'string' && spec.mode !== undefined && spec.symlink === undefined)
      chmodSync(path, parseInt(spec.mode, 8));
  }
  return {
    dir,
    close: async () => {
      await Promise.all(servers.map((s) => new Promise((done) => s.close(done))));
      for (const [path, spec] of entries) if (typeof spec !== 'string' && spec.mode === '0000') chmodSync(path, 0o700);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

function listen(path: string): Promise<Server> {
  return new Promise((done, fail) => {
    const server = createServer();
    server.once('error', fail);
    server.listen(path, () => done(server));
  });
}

/** The bytes of a `data:` URL, or undefined when it is not one. */
export function dataUrlBytes(url: string): Buffer | undefined {
  const m = /^data:([^,]*),(.*)$/s.exec(url);
  if (!m) return undefined;
  const [, meta = '', s = ''] = m;
  if (/;base64$/i.test(meta)) return Buffer.from(s, 'base64');
  const bytes: number[] = [];
  for (let i = 0; i < s.length; i++) {
    if (s[i] === '%' && /^[0-9a-fA-F]{2}$/.test(s.slice(i + 1, i + 3))) {
      bytes.push(parseInt(s.slice(i + 1, i + 3), 16));
      i += 2;
    } else bytes.push(...Buffer.from(s.charAt(i), 'utf8'));
  }
  return Buffer.from(bytes);
}

function decoded(bytes: Buffer, compression: unknown): { data: string | { base64: string } } {
  let b = bytes;
  if (compression === 'gzip' && b[0] === 0x1f && b[1] === 0x8b) b = gunzipSync(b);
  const text = b.toString('utf8');
  return { data: Buffer.from(text, 'utf8').equals(b) ? text : { base64: b.toString('base64') } };
}

/** A copy of an Ignition config with every `source: data:…` replaced by `{data: <decoded contents>}`. */
export function normalizeIgnition(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(normalizeIgnition);
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  const o = value as Record<string, unknown>;
  for (const [k, v] of Object.entries(o)) {
    const bytes = k === 'source' && typeof v === 'string' ? dataUrlBytes(v) : undefined;
    out[k] = bytes ? decoded(bytes, o.compression) : normalizeIgnition(v);
  }
  return out;
}

/** The subtrees named by `partial` (dotted paths), or the whole config. */
export function comparable(config: unknown, partial?: string[]): unknown {
  const normal = normalizeIgnition(config);
  if (!partial) return normal;
  const at = (path: string): unknown =>
    path
      .split('.')
      .reduce<unknown>((o, k) => (o && typeof o === 'object' ? (o as Record<string, unknown>)[k] : undefined), normal);
  return Object.fromEntries(partial.map((p) => [p, at(p) ?? null]));
}

/** Reports as sorted `level path` lines (the multiset the parity target compares). */
export function reportKeys(reports: readonly { level: string; path: string }[]): string[] {
  return reports.map((r) => `${r.level} ${r.path}`).sort();
}

/** The 1-based line of an offset in a text. */
export function lineOf(text: string, offset: number): number {
  return text.slice(0, offset).split('\n').length;
}

/** The dotted paths where two JSON values differ (at most `max`), for one-line failure reports. */
export function differingPaths(actual: unknown, expected: unknown, max = 4, at = ''): string[] {
  if (JSON.stringify(actual) === JSON.stringify(expected)) return [];
  const isObj = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object';
  if (!isObj(actual) || !isObj(expected) || Array.isArray(actual) !== Array.isArray(expected)) {
    return [`${at || '(root)'}: ${JSON.stringify(actual)?.slice(0, 80)} ≠ ${JSON.stringify(expected)?.slice(0, 80)}`];
  }
  const keys = [...new Set([...Object.keys(actual), ...Object.keys(expected)])].sort();
  const out: string[] = [];
  for (const k of keys) {
    if (out.length >= max) break;
    out.push(...differingPaths(actual[k], expected[k], max - out.length, at ? `${at}.${k}` : k));
  }
  return out;
}

/** `$.storage.files.0` → ['storage', 'files', 0]. */
export function parsePathText(text: string): (string | number)[] {
  return text
    .split('.')
    .slice(1)
    .map((p) => (/^\d+$/.test(p) ? Number(p) : p));
}

/** A Butane path as Butane prints it: ['storage', 'files', 0] → `$.storage.files.0`. */
export function pathText(path: readonly (string | number)[]): string {
  return '$' + path.map((p) => `.${p}`).join('');
}
