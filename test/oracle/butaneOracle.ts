/**
 * The official `butane` binary (v0.29.0, the test oracle in ../shared/tools/butane) run on a config: its verdict
 * without and with `--strict`, its `--raw-errors` reports, and its Ignition output normalized for comparison
 * (every `data:` URL decoded, and gunzipped under `compression: gzip`, so the decision to compress must match but
 * the deflate bytes need not). Runs can be cached by content (the long campaign reruns the same configs).
 */
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync, chmodSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { gunzipSync } from 'node:zlib';
import type { ButaneCase } from './butaneGen';

/** The oracle (the tests and the campaign run from the repository root). */
export const BUTANE = resolve('../shared/tools/butane/butane');

/** What a translator says about a config (ours is adapted to this in the tests). */
export interface Said {
  ok: boolean;
  strictOk: boolean;
  /** Normalized Ignition output (see normalizeIgnition), when ok. */
  ignition?: unknown;
  reports: Report[];
}

export interface Report {
  level: 'error' | 'warning';
  /** `storage.files.0.path` (Butane's `$.storage.files.0.path`), `line:6`, `syntax` or `global`. */
  key: string;
  /** Our reports: the line of the report's start (1-based) and its rule. */
  line?: number;
  rule?: string;
  message: string;
}

// ---------------------------------------------------------------------------------------------- case files

/** Writes the case under `root` (its config and local files); returns the config's path and the files dir. */
export function writeCase(root: string, c: ButaneCase): { config: string; filesDir?: string } {
  rmSync(root, { recursive: true, force: true });
  mkdirSync(join(root, 'files'), { recursive: true });
  for (const f of c.files) {
    const path = join(root, f.path);
    mkdirSync(f.dir ? path : dirname(path), { recursive: true });
    if (f.symlink) {
      if (!existsSync(path)) symlinkSync(f.symlink, path);
    } else if (!f.dir && !existsSync(path)) {
      writeFileSync(path, f.data ?? '');
      if (f.mode !== undefined) chmodSync(path, f.mode);
    }
  }
  const config = join(root, 'config.bu');
  writeFileSync(config, c.yaml);
  return { config, filesDir: c.filesDir ? join(root, 'files') : undefined };
}

// ---------------------------------------------------------------------------------------------- the oracle

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

function runButane(args: string[]): Promise<Run> {
  return new Promise((resolveRun, reject) => {
    execFile(BUTANE, args, { maxBuffer: 64 << 20 }, (error, stdout, stderr) => {
      const code = error ? (error as { code?: number | string }).code : 0;
      if (typeof code !== 'number') return reject(new Error(`${BUTANE} did not run: ${String(error)}`));
      resolveRun({ code, stdout, stderr });
    });
  });
}

const REPORT = /^(error|warning) at (?:\$([^,]*), )?line (\d+) col (\d+): (.*)$/;
const WRAPUP = new RegExp(
  '^(?:Error translating config: )?(?:source config is invalid|config generated was invalid|' +
    'Config produced warnings and --strict was specified)$',
);

/** Butane's `--raw-errors` stderr as reports. */
export function parseRawErrors(stderr: string): Report[] {
  const reports: Report[] = [];
  const lines = stderr.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const m = REPORT.exec(line);
    if (m) {
      const key = m[2] === undefined ? `line:${m[3]}` : m[2].replace(/^\./, '');
      reports.push({ level: m[1] as Report['level'], key, message: m[5]! });
      continue;
    }
    if (!line.trim() || WRAPUP.test(line)) continue;
    const fatal = line.replace(/^Error translating config: /, '');
    if (/yaml: unmarshal errors:$/.test(fatal)) {
      for (; /^ {2}line \d+: /.test(lines[i + 1] ?? ''); i++) {
        const [, n, message] = /^ {2}line (\d+): (.*)$/.exec(lines[i + 1]!)!;
        reports.push({ level: 'error', key: `line:${n}`, message: message! });
      }
      continue;
    }
    // go-yaml's syntax errors (`yaml: line 3: did not find…`, or no line): only "a syntax error" compares, the
    // line a parser gives up on differs between parsers.
    reports.push({ level: 'error', key: /\byaml: /.test(fatal) ? 'syntax' : 'global', message: fatal });
  }
  return reports;
}

/** A store of oracle runs by content (the campaign reruns the same seeds as the translator improves). */
export interface OracleCache {
  get(key: string): Run | undefined;
  set(key: string, run: Run): void;
}

export function directoryCache(dir: string): OracleCache {
  mkdirSync(dir, { recursive: true });
  return {
    get: (key) => {
      const file = join(dir, key.slice(0, 2), `${key}.json`);
      return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as Run) : undefined;
    },
    set: (key, run) => {
      mkdirSync(join(dir, key.slice(0, 2)), { recursive: true });
      writeFileSync(join(dir, key.slice(0, 2), `${key}.json`), JSON.stringify(run));
    },
  };
}

export function cacheKey(c: ButaneCase, strict: boolean): string {
  const hash = createHash('sha256').update(`${strict} ${c.filesDir}\0${c.yaml}\0`);
  for (const f of c.files)
    hash.update(`${f.path}\0${f.mode ?? ''}\0${f.dir ?? ''}\0${f.symlink ?? ''}\0`).update(f.data ?? '');
  return hash.digest('hex');
}

export interface OracleOptions {
  cache?: OracleCache;
  /** Also run `--strict` when the plain run fails or has no warnings (else its verdict is derived). */
  alwaysStrict?: boolean;
}

/** Where a config is: its file, the files dir (`-d`) or none, and a content key for the cache. */
export interface Located {
  config: string;
  filesDir?: string;
  cacheKey?: (strict: boolean) => string;
}

/** The oracle's verdicts, output and reports for a config on disk. */
export async function oracleAt(at: Located, options: OracleOptions = {}): Promise<Said> {
  const run = async (strict: boolean): Promise<Run> => {
    const key = options.cache && at.cacheKey ? at.cacheKey(strict) : undefined;
    const cached = key ? options.cache?.get(key) : undefined;
    if (cached) return cached;
    const args = [
      '--raw-errors',
      ...(strict ? ['--strict'] : []),
      ...(at.filesDir ? ['-d', at.filesDir] : []),
      at.config,
    ];
    const result = await runButane(args);
    if (key) options.cache?.set(key, result);
    return result;
  };
  const plain = await run(false);
  const reports = parseRawErrors(plain.stderr);
  const ok = plain.code === 0;
  const warned = reports.some((r) => r.level === 'warning');
  const strictOk = (ok && warned) || options.alwaysStrict ? (await run(true)).code === 0 : ok && !warned;
  return { ok, strictOk, reports, ignition: ok ? parseOutput(plain.stdout) : undefined };
}

function parseOutput(stdout: string): unknown {
  try {
    return normalizeIgnition(JSON.parse(stdout));
  } catch {
    return { notJson: stdout.slice(0, 200) }; // openshift's MachineConfig YAML: not a variant we translate
  }
}

/** The oracle's answer for a generated case, written under `root`. */
export function oracle(c: ButaneCase, root: string, options: OracleOptions = {}): Promise<Said> {
  return oracleAt({ ...writeCase(root, c), cacheKey: (strict) => cacheKey(c, strict) }, options);
}

// ---------------------------------------------------------------------------------------------- output

function decodeData(url: string): Buffer {
  const comma = url.indexOf(',');
  if (comma < 0) return Buffer.from(`<no comma: ${url}>`);
  const data = url.slice(comma + 1);
  return /;base64$/i.test(url.slice(0, comma)) ? Buffer.from(data, 'base64') : Buffer.from(unescapeBytes(data));
}

/** Percent-decoding to bytes (a `%FF` is the byte 0xFF, not a UTF-8 sequence). */
function unescapeBytes(data: string): Uint8Array {
  const bytes: number[] = [];
  for (let i = 0; i < data.length; i++) {
    if (data[i] === '%' && /^[0-9a-fA-F]{2}$/.test(data.slice(i + 1, i + 3))) {
      bytes.push(parseInt(data.slice(i + 1, i + 3), 16));
      i += 2;
    } else bytes.push(...Buffer.from(data[i]!, 'utf8'));
  }
  return Uint8Array.from(bytes);
}

function describeBytes(bytes: Buffer): string {
  const text = bytes.toString('utf8');
  return Buffer.from(text, 'utf8').equals(bytes) ? `text:${text}` : `base64:${bytes.toString('base64')}`;
}

/**
 * The Ignition output with every `source: data:…` replaced by its decoded contents (gunzipped when the
 * sibling `compression` is gzip): `{ decoded: 'text:…' | 'base64:…' }`.
 */
export function normalizeIgnition(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(normalizeIgnition);
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  const record = value as Record<string, unknown>;
  for (const [key, v] of Object.entries(record)) {
    if (key === 'source' && typeof v === 'string' && /^data:/i.test(v)) {
      let bytes = decodeData(v);
      if (record.compression === 'gzip') {
        try {
          bytes = gunzipSync(bytes);
        } catch (error) {
          bytes = Buffer.from(`<not gzip: ${String(error)}>`);
        }
      }
      out[key] = { decoded: describeBytes(bytes) };
    } else out[key] = normalizeIgnition(v);
  }
  return out;
}

/** The first JSON path where two values differ, or undefined. */
export function firstDifference(
  a: unknown,
  b: unknown,
  path: (string | number)[] = [],
): (string | number)[] | undefined {
  if (Object.is(a, b)) return undefined;
  if (
    typeof a !== 'object' ||
    typeof b !== 'object' ||
    a === null ||
    b === null ||
    Array.isArray(a) !== Array.isArray(b)
  )
    return path;
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  for (const key of [...keys].sort()) {
    const k = Array.isArray(a) ? Number(key) : key;
    const found = firstDifference((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key], [
      ...path,
      k,
    ]);
    if (found) return found;
  }
  return undefined;
}
