/**
 * Reading `local` files (resources, `contents_local`, `ssh_authorized_keys_local`, trees): resolved under the
 * files dir as Butane does (joined and cleaned, refused when it leaves the folder), then, beyond Butane,
 * resolved for real so a symbolic link cannot lead out of it, read only when it is a regular file no larger
 * than a cap (a FIFO would block the editor, a device never ends).
 */
import { statSync } from 'node:fs';
import { isAbsolute, join, relative, resolve, sep } from 'node:path';
import type { ConfigPath } from '../ast';
import { confine, fileKind, MAX_TEXT_BYTES, readCapped, realPathOf, type ReadFailure } from '../../../core/untrusted';
import type { TranslateContext } from './context';
import { BUTANE } from '../ruleIds';

/** Largest local file embedded (a `data:` URL of it lands in the Ignition config, which is read into memory). */
export const MAX_LOCAL_BYTES = MAX_TEXT_BYTES;

export const NO_FILES_DIR =
  'local file paths are relative to a files directory that must be specified with -d/--files-dir. ' +
  'Save the file to disk (its folder is the files directory) or set butane.filesDir in the site file.';

export const ESCAPES_FILES_DIR =
  'local file path traverses outside the files directory. Keep the file inside the files directory and name ' +
  'it relative to it.';

/** Where a `local` path leads, as Butane computes it: joined to the files dir and cleaned, or why not. */
export type LocalPath = { ok: true; path: string } | { ok: false; message: string };

/** Butane's `filepath.Join` + the lexical files-dir check (the first guard; `resolveReal` is the second). */
export function joinUnder(filesDir: string, rel: string): LocalPath {
  const root = resolve(filesDir);
  const path = join(root, rel.split('/').join(sep));
  const back = relative(root, path);
  if (back === '..' || back.startsWith(`..${sep}`) || isAbsolute(back))
    return { ok: false, message: ESCAPES_FILES_DIR };
  return { ok: true, path };
}

/**
 * The real path of a joined `local` path when it stays under the real files dir (links followed), else why
 * not. A link that leads out is refused even though `butane` would follow it: the editor reads the files of
 * a workspace it does not trust.
 */
export function resolveReal(filesDir: string, path: string): LocalPath {
  const real = confine(filesDir, path);
  if (real !== undefined) return { ok: true, path: real };
  if (realPathOf(filesDir) === undefined) {
    return {
      ok: false,
      message: `the files directory ${filesDir} does not exist or cannot be read. Check the setting.`,
    };
  }
  return {
    ok: false,
    message:
      'local file path leads outside the files directory through a symbolic link. Copy the file into the files ' +
      'directory instead of linking to it.',
  };
}

/** The message for a refused read of `rel` at its real path (Butane's words where it has them). */
function readFailure(rel: string, real: string, reason: ReadFailure, maxBytes: number): string {
  switch (reason) {
    case 'missing':
      return `open ${rel}: no such file or directory. Check the path; it is relative to the files directory.`;
    case 'notFile':
      return `local file ${rel} is ${kindOf(real)}; only regular files can be embedded. Name a file, or use storage.trees for a folder.`;
    case 'tooLarge':
      return (
        `local file ${rel} is larger than ${Math.round(maxBytes / 1048576)} MiB, not embedded. A config that big ` +
        'cannot be served to Ignition; fetch the file from a URL with contents.source instead.'
      );
    default:
      return `local file ${rel} cannot be read. Check its permissions.`;
  }
}

function kindOf(real: string): string {
  try {
    return fileKind(statSync(real));
  } catch {
    return 'not a regular file';
  }
}

/**
 * Reads the `local` file `rel` for the Butane field at `path`; undefined after reporting why not at `path`
 * (butane.localFile, an error as in Butane). The context's `readLocal` is this, bound.
 */
export function readLocal(
  ctx: Pick<TranslateContext, 'options' | 'report'>,
  path: ConfigPath,
  rel: string,
  maxBytes = MAX_LOCAL_BYTES,
): Buffer | undefined {
  const fail = (message: string): undefined => {
    ctx.report(BUTANE.localFile, 'error', path, message);
    return undefined;
  };
  const filesDir = ctx.options.filesDir;
  if (filesDir === undefined || filesDir === '') return fail(NO_FILES_DIR);
  const joined = joinUnder(filesDir, rel);
  if (!joined.ok) return fail(joined.message);
  const real = resolveReal(filesDir, joined.path);
  if (!real.ok) return fail(real.message);
  const read = readCapped(real.path, maxBytes);
  if (!read.ok) return fail(readFailure(rel, real.path, read.reason, maxBytes));
  return read.bytes;
}
