/**
 * Test helpers for the variant layer and the sugar (bootDevice, grub, mountUnits, trees, local, flatcar):
 * a translation context over a config given as YAML (YAML 1.1, so `0644` is octal as in Butane), a naive
 * base translation of the plain fields (snake_case → camelCase), the sugar steps, and the `butane` oracle
 * (run when its binary is beside the repository) to compare against.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { parse } from 'yaml';
import { expect } from 'vitest';
import type { ButaneReport, ConfigPath } from '../../../lib/languages/butane/ast';
import {
  type Decoded,
  type DecodedObject,
  type Json,
  type JsonObject,
  type TranslateContext,
  TranslationSet,
} from '../../../lib/languages/butane/translate/context';
import { filterVariant, translateSugar, validateSugar } from '../../../lib/languages/butane/translate/fcos';
import { readLocal } from '../../../lib/languages/butane/translate/local';
import { parseButane } from '../../../lib/languages/butane/parser';
import { translateButane } from '../../../lib/languages/butane/translate';
import type { ButaneSpec } from '../../../lib/languages/butane/translate/types';

const IGNITION: Record<string, string> = {
  'fcos 1.0.0': '3.0.0',
  'fcos 1.1.0': '3.1.0',
  'fcos 1.2.0': '3.2.0',
  'fcos 1.3.0': '3.2.0',
  'fcos 1.4.0': '3.3.0',
  'fcos 1.5.0': '3.4.0',
  'fcos 1.6.0': '3.5.0',
  'fcos 1.7.0': '3.6.0',
  'fcos 1.8.0-experimental': '3.7.0-experimental',
  'flatcar 1.0.0': '3.3.0',
  'flatcar 1.1.0': '3.4.0',
  'flatcar 1.2.0-experimental': '3.7.0-experimental',
};

export const SPECS = Object.keys(IGNITION);

export function specOf(name: string): ButaneSpec {
  const [variant, version] = name.split(' ') as [ButaneSpec['variant'], string];
  return { variant, version, ignition: IGNITION[name] ?? '', experimental: version.endsWith('-experimental') };
}

/** Butane-only fields the naive base leaves to the sugar. */
const SUGAR = new Set(['variant', 'version', 'boot_device', 'grub', 'with_mount_unit', 'trees']);

const camel = (k: string): string =>
  k.endsWith('_mib') ? camel(k.slice(0, -4)) + 'MiB' : k.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());

function naiveBase(value: Decoded, from: ConfigPath, to: ConfigPath, ts: TranslationSet): Json {
  if (Array.isArray(value)) return value.map((v, i) => naiveBase(v, [...from, i], [...to, i], ts));
  if (typeof value === 'object') {
    const out: JsonObject = {};
    for (const [k, v] of Object.entries(value)) {
      if (v === undefined || SUGAR.has(k)) continue;
      out[camel(k)] = naiveBase(v, [...from, k], [...to, camel(k)], ts);
    }
    ts.add(from, to);
    return out;
  }
  ts.add(from, to);
  return value;
}

const snake = (p: ConfigPath): ConfigPath =>
  p.map((s) => (typeof s === 'string' ? s.replace(/(MiB|[A-Z])/g, '_$1').toLowerCase() : s));

export interface Run {
  ignition?: JsonObject;
  reports: ButaneReport[];
}

/** Validates and translates the sugar of `yaml` (a config without variant/version) for `spec`. */
export function runSugar(spec: string, yaml: string, filesDir?: string): Run {
  const source = (parse(yaml, { version: '1.1' }) ?? {}) as DecodedObject;
  const translations = new TranslationSet();
  const ignition: JsonObject = {};
  const reports: ButaneReport[] = [];
  const pending: { rule: string; level: ButaneReport['level']; path: ConfigPath; message: string }[] = [];
  const report = (rule: string, level: ButaneReport['level'], path: ConfigPath, message: string): void => {
    reports.push({ rule, level, path, message, start: 0, end: 0 });
  };
  const ctx: TranslateContext = {
    spec: specOf(spec),
    options: { filesDir },
    source,
    spanOf: () => ({ start: 0, end: 0 }),
    ignition,
    translations,
    reports,
    report,
    reportIgnition: (rule, level, path, message) => pending.push({ rule, level, path, message }),
    readLocal: (path, rel) => readLocal(ctx, path, rel),
    failed: () => reports.some((r) => r.level === 'error'),
  };
  validateSugar(ctx);
  if (ctx.failed()) return { reports };
  Object.assign(ignition, naiveBase(source, [], [], translations) as JsonObject, {
    ignition: { version: specOf(spec).ignition },
  });
  translateSugar(ctx);
  const flush = (): void => {
    for (const p of pending.splice(0)) report(p.rule, p.level, translations.get(p.path) ?? snake(p.path), p.message);
  };
  flush();
  if (ctx.failed()) return { reports };
  filterVariant(ctx);
  flush();
  return { ignition: ctx.failed() ? undefined : ignition, reports };
}

/** The `butane` binary (a test oracle only), when it is beside the repository. */
export const ORACLE = resolve(__dirname, '../../../../shared/tools/butane/butane');
export const haveOracle = existsSync(ORACLE);

/** `%XX` escapes to bytes. */
function unescape(text: string): Buffer {
  const bytes: number[] = [];
  for (let i = 0; i < text.length; i++) {
    if (text[i] === '%') {
      bytes.push(parseInt(text.slice(i + 1, i + 3), 16));
      i += 2;
    } else bytes.push(...Buffer.from(text[i] ?? '', 'utf8'));
  }
  return Buffer.from(bytes);
}

/** A JSON value with every `data:` URL decoded (gunzipped when its resource says gzip) for comparison. */
export function decodeUrls(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(decodeUrls);
  if (value === null || typeof value !== 'object') return value;
  const o = value as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(o)) {
    if (k === 'source' && typeof v === 'string' && v.startsWith('data:')) {
      const comma = v.indexOf(',');
      const head = v.slice(5, comma);
      let bytes = head.endsWith(';base64') ? Buffer.from(v.slice(comma + 1), 'base64') : unescape(v.slice(comma + 1));
      if (o.compression === 'gzip') bytes = gunzipSync(bytes);
      out[k] = `decoded:${bytes.toString('utf8')}`;
    } else if (k === 'compression' && v === 'gzip') out[k] = 'gzip';
    else out[k] = decodeUrls(v);
  }
  return out;
}

export interface OracleRun {
  ignition?: unknown;
  reports: { level: string; path: string; message: string }[];
}

/** Runs `butane --raw-errors [-d filesDir]` on the config in a temporary folder. */
export function runOracle(spec: string, yaml: string, filesDir?: string): OracleRun {
  const [variant, version] = spec.split(' ');
  const dir = mkdtempSync(join(tmpdir(), 'butane-oracle-'));
  try {
    const file = join(dir, 'config.bu');
    writeFileSync(file, `variant: ${variant}\nversion: ${version}\n${yaml}`);
    const args = ['--raw-errors', ...(filesDir ? ['-d', filesDir] : []), file];
    const run = spawnSync(ORACLE, args, { encoding: 'utf8' });
    const stdout = run.stdout;
    const stderr = run.stderr;
    const reports = stderr
      .split('\n')
      .map((l) => /^(error|warning) at \$(\S*?)(?:, line \d+ col \d+)?: (.*)$/.exec(l))
      .filter((m): m is RegExpExecArray => m !== null)
      .map((m) => ({ level: m[1] as string, path: m[2] as string, message: m[3] as string }));
    return { ignition: stdout.trim() ? (JSON.parse(stdout) as unknown) : undefined, reports };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Butane's `$.a.0.b` for a path. */
export const dollar = (p: ConfigPath): string => p.map((s) => `.${s}`).join('');

/** (level, path) of each report, sorted, for a multiset comparison. */
export const levelPaths = (rs: { level: string; path: string | ConfigPath }[]): string[] =>
  rs.map((r) => `${r.level} $${typeof r.path === 'string' ? r.path : dollar(r.path)}`).sort();

/** The whole translator (parser, decoding, base, sugar, Ignition checks) on `yaml` under `spec`. */
export function runFull(spec: string, yaml: string, filesDir?: string): Run {
  const [variant, version] = spec.split(' ');
  const doc = parseButane(`variant: ${variant}\nversion: ${version}\n${yaml}`).ast;
  const t = translateButane(doc, { filesDir });
  return { ignition: t.ignition as JsonObject | undefined, reports: t.reports };
}

/** How the whole translator differs from the oracle on one config (verdict, output, (level, path) multiset). */
export function differences(spec: string, yaml: string, filesDir?: string): string[] {
  const ours = runFull(spec, yaml, filesDir);
  const oracle = runOracle(spec, yaml, filesDir);
  const out: string[] = [];
  const [a, b] = [levelPaths(ours.reports), levelPaths(oracle.reports)];
  if (JSON.stringify(a) !== JSON.stringify(b))
    out.push(`${spec}: reports ${JSON.stringify(a)} ≠ butane ${JSON.stringify(b)}`);
  const [x, y] = [JSON.stringify(decodeUrls(ours.ignition)), JSON.stringify(decodeUrls(oracle.ignition))];
  if (!sameJson(ours.ignition, oracle.ignition)) out.push(`${spec}: output ${x} ≠ butane ${y}`);
  return out;
}

function sameJson(a: unknown, b: unknown): boolean {
  try {
    expect(decodeUrls(a)).toEqual(decodeUrls(b));
    return true;
  } catch {
    return false;
  }
}

/**
 * Compares the whole translator with the oracle in every spec of `specs`, but those `known` lists (a known
 * disagreement outside the sugar, with its reason): for them it checks that the disagreement is still there,
 * so the list shrinks when it is fixed.
 */
export function sameAsOracle(
  specs: string[],
  yaml: string,
  filesDir?: string,
  known: Record<string, string> = {},
): void {
  const found = specs.filter((s) => !(s in known)).flatMap((spec) => differences(spec, yaml, filesDir));
  expect(found).toEqual([]);
  const fixed = Object.keys(known).filter((spec) => differences(spec, yaml, filesDir).length === 0);
  expect(fixed, 'known disagreements that are gone: remove them from the list').toEqual([]);
}
