import { promises as fs } from 'node:fs';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { classify } from './classify';
import { report } from '../core/rule';
import { SERVICES, type LanguageId } from './registry';
import { INTERNAL } from '../core/coreRules';
import type { RuleContext } from '../core/ruleContext';
import { ChainCache, loadSecureBoot } from '../chain';
import { diskFiles, type DiskFiles } from '../site/disk';
import { skippedFolder } from '../site/discover';
import { diskContext } from '../site/view';
import { isBinary, MAX_TEXT_BYTES, readCapped, textLooksBinary, type ReadResult } from '../core/untrusted';
import { levelOf, lintDocument, type Finding, type RuleLevels } from './lint';

export interface FileReport {
  /** Absolute path. */
  path: string;
  /** Undefined for a file only the boot chain has findings on (e.g. the nginx snippet). */
  language: LanguageId | undefined;
  text: string;
  findings: Finding[];
}

export class InputError extends Error {
  override readonly name = 'InputError';
}

/**
 * The regular files under `root`, by name within each folder, through the run's disk view: each folder is
 * listed once for the walk and the site's rules. Links are not followed; a folder that cannot be listed is
 * an error that names it.
 */
function* walk(disk: DiskFiles, root: string): Generator<string> {
  const entries = disk.kinds(root);
  if (!entries) throw new InputError(`${root}: this folder cannot be read. Check its permissions.`);
  for (const name of [...entries.keys()].sort((a, b) => a.localeCompare(b))) {
    const path = join(root, name);
    const kind = entries.get(name);
    if (kind === 'folder') {
      if (!skippedFolder(name)) yield* walk(disk, path); // the folders site discovery skips too
    } else if (kind === 'file') {
      yield path;
    }
  }
}

/** A name some language reads to decide by content (`.json`, `.cfg`, `.yaml`…). */
function readsByName(path: string): boolean {
  const name = basename(path).toLowerCase();
  return [...SERVICES.values()].some((l) => l.files.readsByName?.(name));
}

/**
 * Worth reading whole: named on the command line, named like one of ours, or starting with the iPXE
 * magic. A file whose head cannot be read is read whole too, so its report says why it is unreadable.
 */
function candidate(run: Run, path: string, explicit: boolean): boolean {
  if (explicit || classify(path, undefined) !== undefined || readsByName(path)) return true;
  const head = run.disk.head?.(path, 16);
  return head === undefined || classify(path, Buffer.from(head).toString('latin1')) === 'ipxe';
}

export interface LintPathsOptions {
  levels?: RuleLevels;
  cwd?: string;
  /** Told of each file looked at but not linted, and why (binary, not a language PXE Workbench checks). */
  onSkip?(path: string, why: string): void;
}

/** One lint run: its options, the disk and the chains every file shares, the files already seen. */
interface Run {
  options: LintPathsOptions;
  cwd: string;
  levels: RuleLevels;
  disk: DiskFiles;
  chains: ChainCache;
  seen: Set<string>;
  /** Each folder's site (or none), looked up once per run: a site lookup checks every folder above. */
  sites: Map<string, RuleContext['site']>;
}

/** A file's rule context: its folder's site, as `diskContext` finds it. */
function contextOf(run: Run, path: string): RuleContext {
  const folder = dirname(path);
  if (!run.sites.has(folder)) run.sites.set(folder, diskContext(path, run.disk).site);
  const site = run.sites.get(folder);
  return { path, files: run.disk, ...(site ? { site } : {}) };
}

/**
 * Lints files and folders as the editor would classify them. Throws `InputError` (with a message that says
 * what to do) for a path that does not exist or cannot be read.
 */
export async function lintPaths(paths: readonly string[], options: LintPathsOptions = {}): Promise<FileReport[]> {
  // The chain's signature reader loads on first use; a one-shot lint waits for it so its verdicts are in.
  await loadSecureBoot();
  const disk = diskFiles();
  const run: Run = {
    options,
    cwd: options.cwd ?? process.cwd(),
    levels: options.levels ?? {},
    disk,
    chains: new ChainCache(() => disk),
    seen: new Set(),
    sites: new Map(),
  };
  const reports: FileReport[] = [];
  for (const given of paths) {
    const absolute = resolve(run.cwd, given);
    const stat = await fs.stat(absolute).catch(() => undefined);
    if (!stat) throw new InputError(`${given}: no such file or folder. Check the path (relative to ${run.cwd}).`);
    const files: Iterable<string> = stat.isDirectory() ? walk(run.disk, absolute) : [absolute];
    for (const path of files) {
      if (run.seen.has(path)) continue;
      run.seen.add(path);
      const report = await lintPath(run, given, path, !stat.isDirectory());
      if (report) reports.push(report);
    }
  }
  return reports;
}

/**
 * A file's text and whether it is binary, or why it cannot be read. A file the chain already read (capped,
 * a regular file) is not read again; others are read synchronously — a one-shot lint has nothing else to do
 * meanwhile, and a thousand small files read one await at a time spent the run waiting on the thread pool.
 */
function textOf(
  run: Run,
  path: string,
): { ok: true; text: string; binary: boolean } | Exclude<ReadResult, { ok: true }> {
  const known = run.chains.knownText(path);
  if (known !== undefined) return { ok: true, text: known, binary: textLooksBinary(known) };
  const read = readCapped(path, MAX_TEXT_BYTES);
  if (!read.ok) return read;
  return { ok: true, binary: isBinary(read.bytes), text: read.bytes.toString('utf8') };
}

/** One file: its report, or undefined when it is skipped; `explicit` when named on the command line. */
async function lintPath(run: Run, given: string, path: string, explicit: boolean): Promise<FileReport | undefined> {
  const { options } = run;
  if (!candidate(run, path, explicit)) {
    options.onSkip?.(path, 'not a file PXE Workbench checks (by its name and first bytes)');
    return undefined;
  }
  const shown = relative(run.cwd, path) || path;
  const read = textOf(run, path);
  if (!read.ok) {
    // Named on the command line: the user must hear it. Met in a folder: a finding, never silence.
    if (explicit || read.reason === 'unreadable') throw new InputError(`${shown}: ${read.why}`);
    const level = levelOf('internal.notChecked', run.levels);
    const message = `Not checked: ${read.why}`;
    if (level === 'off') return undefined;
    const findings: Finding[] = [{ ...report(INTERNAL.notChecked, { start: 0, end: 0 }, message), severity: level }];
    return { path, language: undefined, text: '', findings };
  }
  if (read.binary) {
    const why = 'binary (a NUL byte or invalid UTF-8 in its first 8 KiB), not linted';
    if (explicit) throw new InputError(`${shown}: ${why}.`);
    options.onSkip?.(path, why);
    return undefined;
  }
  const text = read.text;
  const rules = contextOf(run, path);
  const crossFile = run.chains.problemsFor(rules.site, path);
  const { language, findings } = lintDocument(text, { path, rules, levels: run.levels, crossFile });
  if (language || findings.length) return { path, language, text, findings };
  if (!explicit) options.onSkip?.(path, 'not a file PXE Workbench checks (by its content)');
  else
    throw new InputError(
      `${given}: not a file PXE Workbench checks (iPXE script, PXELINUX config, RouterOS .rsc, Ignition config or pxe-site.json).`,
    );
  return undefined;
}
