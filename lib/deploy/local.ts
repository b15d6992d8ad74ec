/**
 * The local side of a deploy: every file and symlink under the folder, with size and mtime. Links are
 * resolved for real before anything is uploaded: one that leads outside the folder (directly, through
 * other links, or in a loop) is refused, since on the NAS it would lead outside the remote root too.
 * Links that stay inside are mirrored as written, dangling or not (a rotated image link is reported by
 * the chain rules). Pipes, sockets and devices are skipped with a message: they have no content to send.
 */
import { createHash, type Hash } from 'node:crypto';
import { constants, promises as fs } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { confine, escapeControl, fileKind } from '../core/untrusted';
import { diskFiles } from '../site/disk';
import { followLink, linkProblem } from '../site/links';
import { DeployError } from './errors';

export interface LocalEntry {
  /** Relative, with `/`. */
  path: string;
  kind: 'file' | 'link';
  size: number;
  /** Whole seconds (what SFTP keeps). */
  mtime: number;
  linkTarget?: string;
  /** Generated here, not read from disk: the translation of a Butane source (sent from memory). */
  content?: Buffer;
}

/** Files never deployed: editor and VCS leftovers, our own temp files. */
export const SKIP =
  /(^|\/)(\.git|\.svn|\.hg|node_modules|\.DS_Store|Thumbs\.db|\.gitignore|\.gitkeep)(\/|$)|\.tmp$|\.pxe-upload-[0-9a-f]+$/;

export async function listLocal(root: string, log?: (line: string) => void): Promise<LocalEntry[]> {
  const out: LocalEntry[] = [];
  const refused: string[] = [];
  const disk = diskFiles();
  const shown = (path: string): string => relative(root, path).split(sep).join('/');
  const where = escapeControl(root);
  const walk = async (dir: string, rel: string): Promise<void> => {
    let names: string[];
    try {
      names = (await fs.readdir(dir)).sort();
    } catch (error) {
      if (!rel)
        throw new DeployError(
          `The local folder ${root} cannot be read (${(error as NodeJS.ErrnoException).code ?? String(error)}): ` +
            'check tftp.root in pxe-site.json.',
        );
      return;
    }
    for (const name of names) {
      const path = rel ? `${rel}/${name}` : name;
      if (SKIP.test(path)) continue;
      const full = join(dir, name);
      const stat = await fs.lstat(full);
      if (stat.isSymbolicLink()) {
        const linkTarget = await fs.readlink(full);
        const verdict = followLink({ link: (p) => disk.link?.(p) }, root, full);
        // The walk above is the NAS's view; realpath is this machine's: both must stay inside.
        if (verdict.kind !== 'inside') refused.push(linkProblem(verdict, full, shown, 'the TFTP root'));
        else if (confine(root, full) === undefined)
          refused.push(
            `the symlink ${escapeControl(shown(full))} -> ${escapeControl(linkTarget)} resolves outside ${where} on this machine`,
          );
        else out.push({ path, kind: 'link', size: 0, mtime: Math.floor(stat.mtimeMs / 1000), linkTarget });
      } else if (stat.isDirectory()) {
        await walk(full, path);
      } else if (stat.isFile()) {
        out.push({ path, kind: 'file', size: stat.size, mtime: Math.floor(stat.mtimeMs / 1000) });
      } else {
        log?.(
          `skipped ${escapeControl(shown(full))}: ${fileKind(stat)}, not a regular file (only files, folders and symlinks are deployed)`,
        );
      }
    }
  };
  await walk(root, '');
  if (refused.length) {
    const list = refused.slice(0, 5).join('; ') + (refused.length > 5 ? `; and ${refused.length - 5} more` : '');
    throw new DeployError(
      `Not deployed, nothing was uploaded: ${list}. ` +
        `Make each a regular file (a copy of what it points at), or point it at a file inside ${where}.`,
    );
  }
  return out;
}

/**
 * Feeds a file to a hash (the image updater continues it with the rest of a resumed download). Opens
 * without blocking and refuses anything but a regular file, so a pipe swapped in cannot hang the hashing.
 */
export async function hashInto(path: string, hash: Hash): Promise<void> {
  const handle = await fs.open(path, constants.O_RDONLY | constants.O_NONBLOCK);
  try {
    const stat = await handle.stat();
    if (!stat.isFile())
      throw new DeployError(
        `${escapeControl(path)} is ${fileKind(stat)}, not a regular file: it cannot be hashed. Remove it or replace it with a file.`,
      );
    for await (const chunk of handle.createReadStream({ autoClose: false }) as AsyncIterable<Buffer>)
      hash.update(chunk);
  } finally {
    await handle.close();
  }
}

export async function sha256Of(path: string): Promise<string> {
  const hash = createHash('sha256');
  await hashInto(path, hash);
  return hash.digest('hex');
}
