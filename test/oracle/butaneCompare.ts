/**
 * The comparison of our Butane translator with the official `butane` binary (v0.29.0, the test oracle) on one
 * config: the verdict without and with `--strict`, the Ignition output as parsed JSON with every `data:` URL
 * decoded (and gunzipped under `compression: gzip`, so the decision to compress must match but the deflate
 * bytes need not), and the multiset of (level, path) of the reports. Butane reports some fatal errors without a
 * path (YAML type errors name a line; a bad variant names nothing): those match one of our errors on that line,
 * or one of our variant/version/YAML errors.
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

export type Translate = (text: string, filesDir: string | undefined) => Said;

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

function cacheKey(c: ButaneCase, strict: boolean): string {
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

// ---------------------------------------------------------------------------------------------- comparison

export interface Disagreement {
  /** Stable across list positions (indexes written `*`): the cause it is grouped under. */
  category: string;
  detail: string;
}

const show = (value: unknown): string => String(JSON.stringify(value)).slice(0, 300);
const star = (key: string): string => key.replace(/\.\d+(?=\.|$)/g, '.*').replace(/^line:\d+$/, 'line:N');

/**
 * Matches our reports to Butane's: by (level, path); a Butane `line:N` (a YAML type or duplicate-key error) to
 * one of our errors on line N; a YAML syntax error to one of our butane.yamlSyntax errors; a pathless fatal
 * error (variant, version) to one of our errors at the top, `variant` or `version`.
 */
export function matchReports(theirs: Report[], ours: Report[]): { onlyTheirs: Report[]; onlyOurs: Report[] } {
  const left = [...ours];
  const take = (test: (r: Report) => boolean): boolean => {
    const i = left.findIndex(test);
    if (i >= 0) left.splice(i, 1);
    return i >= 0;
  };
  const onlyTheirs: Report[] = [];
  const byPath = theirs.filter((r) => !/^(line:\d+|global|syntax)$/.test(r.key));
  for (const r of byPath) if (!take((o) => o.level === r.level && o.key === r.key)) onlyTheirs.push(r);
  for (const r of theirs.filter((t) => t.key.startsWith('line:'))) {
    const line = Number(r.key.slice(5));
    if (!take((o) => o.level === 'error' && o.line === line)) onlyTheirs.push(r);
  }
  for (const r of theirs.filter((t) => t.key === 'syntax'))
    if (!take((o) => o.level === 'error' && o.rule === 'butane.yamlSyntax')) onlyTheirs.push(r);
  const globalKeys = new Set(['', 'variant', 'version']);
  for (const r of theirs.filter((t) => t.key === 'global'))
    if (!take((o) => o.level === 'error' && globalKeys.has(o.key))) onlyTheirs.push(r);
  return { onlyTheirs, onlyOurs: left };
}

const theirDetail = (r: Report): string => `butane: ${r.level} at ${r.key || '$'}: ${r.message}`;
const ourDetail = (r: Report): string =>
  `ours:   ${r.level} at ${r.key || '$'} line ${r.line ?? '?'} (${r.rule ?? '?'}): ${r.message}`;

/** Two paths of one finding: one inside the other, or siblings (`inline` vs `source` of one resource). */
function near(a: string, b: string): boolean {
  const parent = (k: string): string => k.split('.').slice(0, -1).join('.');
  return a.startsWith(`${b}.`) || b.startsWith(`${a}.`) || (a !== '' && parent(a) === parent(b));
}

/**
 * The same finding reported at another place (removed from both lists): a Butane `line:N` error and one of our
 * errors on another line, or a report at a nearby path. One cause, one category.
 */
function elsewhere(onlyTheirs: Report[], onlyOurs: Report[]): Disagreement[] {
  const out: Disagreement[] = [];
  for (const r of [...onlyTheirs]) {
    const line = r.key.startsWith('line:');
    const i = onlyOurs.findIndex((o) => o.level === r.level && (line ? o.level === 'error' : near(o.key, r.key)));
    if (i < 0 || r.key === 'syntax' || r.key === 'global') continue;
    const o = onlyOurs.splice(i, 1)[0]!;
    onlyTheirs.splice(onlyTheirs.indexOf(r), 1);
    const category = line
      ? `a YAML error on another line than butane's (${o.rule ?? '?'})`
      : `${r.level} at another path: butane ${star(r.key)}, ours ${star(o.key)} (${o.rule ?? '?'})`;
    out.push({ category, detail: `${theirDetail(r)}\n${ourDetail(o)}` });
  }
  return out;
}

/** Every way our answer differs from Butane's (empty: they agree). */
export function compare(theirs: Said, ours: Said): Disagreement[] {
  const out: Disagreement[] = [];
  const verdict = (ok: boolean): string => (ok ? 'ok' : 'fails');
  if (theirs.ok !== ours.ok)
    out.push({ category: `verdict: butane ${verdict(theirs.ok)}, ours ${verdict(ours.ok)}`, detail: '' });
  else if (theirs.strictOk !== ours.strictOk)
    out.push({
      category: `--strict verdict: butane ${verdict(theirs.strictOk)}, ours ${verdict(ours.strictOk)}`,
      detail: '',
    });
  const { onlyTheirs, onlyOurs } = matchReports(theirs.reports, ours.reports);
  out.push(...elsewhere(onlyTheirs, onlyOurs));
  for (const r of onlyTheirs)
    out.push({
      category: `only butane reports: ${r.level} at ${star(r.key) || '$'}`,
      detail: theirDetail(r),
    });
  for (const r of onlyOurs)
    out.push({
      category: `only ours reports: ${r.level} at ${star(r.key) || '$'} (${r.rule ?? '?'})`,
      detail: ourDetail(r),
    });
  if (theirs.ok && ours.ok) {
    const at = firstDifference(theirs.ignition, ours.ignition);
    if (at) {
      const get = (v: unknown): unknown =>
        at.reduce<unknown>((x, k) => (x as Record<string, unknown> | undefined)?.[k], v);
      out.push({
        category: `output differs at ${star(at.join('.')) || '$'}`,
        detail: `butane: ${show(get(theirs.ignition))}\nours:   ${show(get(ours.ignition))}`,
      });
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------- running

/** Runs `work` over the items with at most `width` at a time, in order of the items. */
export async function pool<T, R>(
  items: readonly T[],
  width: number,
  work: (item: T, index: number, worker: number) => Promise<R>,
): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const worker = async (id: number): Promise<void> => {
    while (next < items.length) {
      const i = next++;
      results[i] = await work(items[i]!, i, id);
    }
  };
  await Promise.all(Array.from({ length: Math.min(width, items.length) }, (_, id) => worker(id)));
  return results;
}

/** Our answer for a config text, or our crash as a disagreement. */
export function ourSaid(text: string, filesDir: string | undefined, translate: Translate): Said | Disagreement {
  try {
    return translate(text, filesDir);
  } catch (error) {
    const message = error instanceof Error ? (error.stack ?? error.message) : String(error);
    return { category: `ours throws: ${message.split('\n')[0]}`, detail: message.split('\n').slice(0, 8).join('\n') };
  }
}

export interface Checked {
  theirs: Said;
  found: Disagreement[];
}

/** Butane's and our answers for a config on disk, compared. */
export async function checkAt(
  at: Located,
  text: string,
  translate: Translate,
  options: OracleOptions = {},
): Promise<Checked> {
  const theirs = await oracleAt(at, options);
  const ours = ourSaid(text, at.filesDir, translate);
  return { theirs, found: 'category' in ours ? [ours] : compare(theirs, ours) };
}

/** Butane's and our answers for a generated case (written under `root`), compared. */
export function check(
  c: ButaneCase,
  root: string,
  translate: Translate,
  options: OracleOptions = {},
): Promise<Checked> {
  return checkAt({ ...writeCase(root, c), cacheKey: (strict) => cacheKey(c, strict) }, c.yaml, translate, options);
}

/** The end of the block a line starts: the lines indented under it (and a flush sequence under a key). */
function blockEnd(lines: string[], start: number): number {
  const indent = (l: string): number => l.length - l.trimStart().length;
  const base = indent(lines[start]!);
  const isKey = /:\s*(#.*)?$/.test(lines[start]!);
  let end = start + 1;
  for (; end < lines.length; end++) {
    const l = lines[end]!;
    const flushItem = isKey && indent(l) === base && l.trimStart().startsWith('- ');
    if (!(l.trim() === '' || indent(l) > base || flushItem)) break;
  }
  return end;
}

/** Removals to try on a YAML text: each line's block (largest first), then each single line. */
function removals(lines: string[]): [number, number][] {
  const blocks: [number, number][] = [];
  const singles: [number, number][] = [];
  for (let i = 0; i < lines.length; i++) {
    if (lines[i]!.trim() === '') continue;
    const end = blockEnd(lines, i);
    if (end > i + 1) blocks.push([i, end]);
    singles.push([i, i + 1]);
  }
  blocks.sort((x, y) => y[1] - y[0] - (x[1] - x[0]));
  return [...blocks, ...singles.reverse()];
}

/**
 * A smaller YAML that still shows the cause (and no cause the original did not): drops blocks (a line and the
 * lines indented under it, largest first), then single lines; at most `budget` oracle runs.
 */
export async function minimize(
  c: ButaneCase,
  root: string,
  translate: Translate,
  category: string,
  options: OracleOptions & { budget?: number } = {},
): Promise<ButaneCase> {
  const budget = options.budget ?? 40;
  const before = new Set((await check(c, root, translate, options)).found.map((d) => d.category));
  let best = c;
  let runs = 0;
  const tried = new Set<string>();
  const still = async (yaml: string): Promise<boolean> => {
    runs++;
    const { found } = await check({ ...c, yaml }, root, translate, options);
    return found.some((d) => d.category === category) && found.every((d) => before.has(d.category));
  };
  for (let progress = true; progress && runs < budget;) {
    progress = false;
    const lines = best.yaml.split('\n');
    for (const [start, end] of removals(lines)) {
      if (runs >= budget) break;
      const candidate = [...lines.slice(0, start), ...lines.slice(end)].join('\n');
      if (tried.has(candidate)) continue;
      tried.add(candidate);
      if (await still(candidate)) {
        best = { ...best, yaml: candidate };
        progress = true;
        break;
      }
    }
  }
  await check(best, root, translate, options); // leave the minimal case's files in place
  return best;
}
