/**
 * The comparison of our Butane translator with the `butane` oracle on one config (butaneOracle.ts runs it): the
 * verdict without and with `--strict`, the normalized Ignition output, and the (level, path) of the
 * reports. Butane reports some fatal errors without a path (YAML type errors name a line; a bad variant names
 * nothing): those match one of our errors on that line, or one of our variant/version/YAML errors. A
 * disagreement is printed minimized.
 */
import { parseAllDocuments } from 'yaml';
import type { ButaneCase } from './butaneGen';
import {
  cacheKey,
  firstDifference,
  oracleAt,
  writeCase,
  type Located,
  type OracleOptions,
  type Report,
  type Said,
} from './butaneOracle';

/** Our translator as the comparison calls it (butaneOurs.ts adapts it). */
export type Translate = (text: string, filesDir: string | undefined) => Said;

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
  const matched = new Set<string>();
  for (const r of byPath) {
    const id = `${r.level} ${r.key}`;
    if (take((o) => o.level === r.level && o.key === r.key)) matched.add(id);
    // Butane may say one thing twice at one path ("duplicate entry defined" and "partition numbers collide"):
    // we say it once, at the same path.
    else if (!matched.has(id)) onlyTheirs.push(r);
  }
  for (const r of theirs.filter((t) => t.key.startsWith('line:'))) {
    // A line of an embedded Ignition config (its JSON failed to decode): one of our errors at that `inline`.
    const embedded = /^(json: |invalid character|unexpected end of JSON)/.test(r.message);
    if (embedded && take((o) => o.level === 'error' && /^ignition\.config\.(merge\.\d+|replace)\.inline$/.test(o.key)))
      continue;
    const line = Number(r.key.slice(5));
    if (take((o) => o.level === 'error' && o.line === line)) continue;
    // go-yaml reads some text YAML forbids (content after a closed quoted scalar) and then fails on its type;
    // we refuse it as a syntax error. Both refuse the config; the line may differ.
    if (/cannot unmarshal/.test(r.message) && take((o) => o.rule === 'butane.yamlSyntax')) continue;
    onlyTheirs.push(r);
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
  return { theirs, found: 'category' in ours ? [ours] : compare(butaneGrubShift(theirs, text), ours) };
}

/**
 * A bug of butane v0.29.0 undone: with `grub.users`, the generated user.cfg goes first in storage.files and the
 * translation set follows the user's files by path, so a file without a path ("" or none) loses its way back:
 * Ignition's findings on it are reported at its output entry N instead of its own entry N-1.
 */
export function butaneGrubShift(theirs: Said, text: string): Said {
  if (!/^grub:/m.test(text) || !/password_hash:/.test(text)) return theirs;
  let files: unknown;
  try {
    files = (parseAllDocuments(text)[0]?.toJS() as { storage?: { files?: unknown } } | null)?.storage?.files;
  } catch {
    return theirs;
  }
  if (!Array.isArray(files)) return theirs;
  const pathless = (i: number): boolean => {
    const f = files[i] as { path?: unknown } | null | undefined;
    return f !== undefined && (f === null || f.path === undefined || f.path === null || f.path === '');
  };
  const own = /unused key|only one of|local file|files directory|unreasonable mode|setuid|no such file/;
  const reports = theirs.reports.map((r) => {
    const m = /^storage\.files\.(\d+)(\..*)?$/.exec(r.key);
    if (!m || Number(m[1]) < 1 || own.test(r.message) || !pathless(Number(m[1]) - 1)) return r;
    return { ...r, key: `storage.files.${Number(m[1]) - 1}${m[2] ?? ''}` };
  });
  return { ...theirs, reports };
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
