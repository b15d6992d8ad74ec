import { constants, promises as fs } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { classify } from '../core/classify';
import type { LanguageId } from '../core/rule';
import { ChainCache } from '../chain';
import { diskContext, diskFiles } from '../site/context';
import { isBinary, MAX_TEXT_BYTES, readCappedAsync } from '../core/untrusted';
import { levelOf, lintText, type Finding, type RuleLevels } from './lint';

/** Folders never walked: build output, dependencies, version control, editor state. */
const SKIP_DIRS = new Set(['node_modules', 'out', 'dist', '.git', '.hg', '.svn', '.vscode-test']);

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

async function headOf(path: string): Promise<string> {
  // Non-blocking: a named pipe in the tree must not stall the walk.
  const handle = await fs.open(path, constants.O_RDONLY | constants.O_NONBLOCK);
  try {
    const buffer = Buffer.alloc(16);
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
    return buffer.subarray(0, bytesRead).toString('latin1');
  } finally {
    await handle.close();
  }
}

/** Files under `root` that might be ours, by name, or by content for the iPXE magic and JSON. */
async function* walk(root: string): AsyncGenerator<string> {
  const entries = await fs.readdir(root, { withFileTypes: true });
  entries.sort((a, b) => a.name.localeCompare(b.name));
  for (const entry of entries) {
    const path = join(root, entry.name);
    if (entry.isDirectory()) {
      if (!SKIP_DIRS.has(entry.name) && !entry.name.startsWith('.')) yield* walk(path);
    } else if (entry.isFile()) {
      yield path;
    }
  }
}

async function candidate(path: string, explicit: boolean): Promise<boolean> {
  if (explicit || classify(path, undefined) !== undefined || /\.(json|cfg|conf|menu)$/.test(path)) return true;
  return classify(path, await headOf(path)) === 'ipxe';
}

/**
 * Lints files and folders as the editor would classify them. Throws `InputError` (with a message that says
 * what to do) for a path that does not exist or cannot be read.
 */
export interface LintPathsOptions {
  levels?: RuleLevels;
  cwd?: string;
  /** Told of each file looked at but not linted, and why (binary, not a language PXE Workbench checks). */
  onSkip?(path: string, why: string): void;
}

export async function lintPaths(paths: readonly string[], options: LintPathsOptions = {}): Promise<FileReport[]> {
  const cwd = options.cwd ?? process.cwd();
  const reports: FileReport[] = [];
  const seen = new Set<string>();
  const disk = diskFiles();
  const chains = new ChainCache(() => disk);
  for (const given of paths) {
    const absolute = resolve(cwd, given);
    const stat = await fs.stat(absolute).catch(() => undefined);
    if (!stat) throw new InputError(`${given}: no such file or folder. Check the path (relative to ${cwd}).`);
    const files: AsyncIterable<string> | string[] = stat.isDirectory() ? walk(absolute) : [absolute];
    for await (const path of files) {
      if (seen.has(path)) continue;
      seen.add(path);
      const explicit = !stat.isDirectory();
      if (!(await candidate(path, explicit))) {
        options.onSkip?.(path, 'not a file PXE Workbench checks (by its name and first bytes)');
        continue;
      }
      const shown = relative(cwd, path) || path;
      const read = await readCappedAsync(path, MAX_TEXT_BYTES);
      if (!read.ok) {
        // Named on the command line: the user must hear it. Met in a folder: a finding, never silence.
        if (explicit || read.reason === 'unreadable') throw new InputError(`${shown}: ${read.why}`);
        const level = levelOf('internal.notChecked', options.levels ?? {});
        const message = `Not checked: ${read.why}`;
        if (level !== 'off')
          reports.push({
            path,
            language: undefined,
            text: '',
            findings: [{ ruleId: 'internal.notChecked', start: 0, end: 0, message, severity: level }],
          });
        continue;
      }
      if (isBinary(read.bytes)) {
        const why = 'binary (a NUL byte or invalid UTF-8 in its first 8 KiB), not linted';
        if (explicit) throw new InputError(`${shown}: ${why}.`);
        options.onSkip?.(path, why);
        continue;
      }
      const text = read.bytes.toString('utf8');
      const context = diskContext(path, disk);
      const result = lintText(path, text, {
        levels: options.levels ?? {},
        context,
        crossFile: chains.problemsFor(context.site, path),
      });
      if (result.language || result.findings.length)
        reports.push({ path, language: result.language, text, findings: result.findings });
      else if (!explicit) options.onSkip?.(path, 'not a file PXE Workbench checks (by its content)');
      else if (explicit)
        throw new InputError(
          `${given}: not a file PXE Workbench checks (iPXE script, PXELINUX config, RouterOS .rsc, Ignition config or pxe-site.json).`,
        );
    }
  }
  return reports;
}
