/**
 * Finding site files, one policy for the server, the CLI and the extension: `sitesIn` looks down a workspace
 * folder a few levels (sites sit at the top of a workspace or just below), `siteOf` looks up from a file or
 * folder. Both skip a site file anyone could have planted (`trustedSiteFile`).
 */
import { lstatSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { childOf, parentOf } from '../core/paths';
import { SITE_FILE_NAME } from './recognize';
import type { FileView } from '../core/ruleContext';
import { diskFiles } from './disk';

/** Folders never walked (build output, dependencies, version control, editor state), nor any `.name` folder. */
export const SKIP_DIRS: ReadonlySet<string> = new Set([
  'node_modules',
  'out',
  'dist',
  '.git',
  '.hg',
  '.svn',
  '.vscode-test',
]);

/** True for a folder the walks (site discovery, `lint <folder>`) do not enter. */
export function skippedFolder(name: string): boolean {
  return SKIP_DIRS.has(name) || name.startsWith('.');
}

/**
 * False for a site file anyone could have put there, as git refuses a repository owned by someone else: one
 * in a world-writable folder (`/tmp`) or owned by another user (root's excepted). Such a file would decide
 * what is deployed where for every file below it.
 */
export function trustedSiteFile(file: string): boolean {
  try {
    if (statSync(dirname(file)).mode & 0o002) return false;
    const owner = lstatSync(file).uid;
    const me = process.getuid?.();
    return me === undefined || owner === me || owner === 0;
  } catch {
    return true; // not on disk (a memory view): nothing to judge
  }
}

/**
 * The nearest trusted pxe-site.json for `path`: in the folder itself when `path` is one (a command's working
 * folder), else in the folder of the file, or a folder above.
 */
export function siteOf(path: string, files: FileView = diskFiles()): string | undefined {
  const start = resolve(path);
  for (let current = files.list(start) ? start : parentOf(start); ; current = parentOf(current)) {
    const candidate = childOf(current, SITE_FILE_NAME);
    if (files.exists(candidate) && trustedSiteFile(candidate)) return candidate;
    if (parentOf(current) === current) return undefined;
  }
}

/** Trusted site files under a folder, `depth` levels down at most: the folder's own first, then by folder name. */
export function sitesIn(folder: string, depth = 3): string[] {
  let entries;
  try {
    entries = readdirSync(folder, { withFileTypes: true });
  } catch {
    return [];
  }
  const own = join(folder, SITE_FILE_NAME);
  const found = entries.some((e) => e.isFile() && e.name === SITE_FILE_NAME) && trustedSiteFile(own) ? [own] : [];
  if (depth <= 0) return found;
  const folders = entries.filter((e) => e.isDirectory() && !skippedFolder(e.name)).map((e) => e.name);
  for (const name of folders.sort()) found.push(...sitesIn(join(folder, name), depth - 1));
  return found;
}

/** The site files of several workspace folders, each once (a folder may sit inside another). */
export function workspaceSites(folders: readonly string[]): string[] {
  return [...new Set(folders.flatMap((folder) => sitesIn(folder)))];
}
