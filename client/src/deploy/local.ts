/** The local side of a deploy: every file and symlink under the folder, with size and mtime. */
import { createHash, type Hash } from 'node:crypto';
import { createReadStream, promises as fs } from 'node:fs';
import { join, posix } from 'node:path';
import { DeployError } from './errors';

export interface LocalEntry {
  /** Relative, with `/`. */
  path: string;
  kind: 'file' | 'link';
  size: number;
  /** Whole seconds (what SFTP keeps). */
  mtime: number;
  linkTarget?: string;
}

/** Files never deployed: editor and VCS leftovers, our own temp files. */
export const SKIP = /(^|\/)(\.git|\.svn|\.hg|node_modules|\.DS_Store|Thumbs\.db|\.gitignore|\.gitkeep)(\/|$)|\.tmp$|\.pxe-upload-[0-9a-f]+$/;

export async function listLocal(root: string): Promise<LocalEntry[]> {
  const out: LocalEntry[] = [];
  const walk = async (dir: string, rel: string): Promise<void> => {
    let names: string[];
    try {
      names = (await fs.readdir(dir)).sort();
    } catch (error) {
      if (!rel) throw new DeployError(`The local folder ${root} cannot be read (${(error as NodeJS.ErrnoException).code ?? String(error)}): check tftp.root in pxe-site.json.`);
      return;
    }
    for (const name of names) {
      const path = rel ? `${rel}/${name}` : name;
      if (SKIP.test(path)) continue;
      const full = join(dir, name);
      const stat = await fs.lstat(full);
      if (stat.isSymbolicLink()) {
        const linkTarget = await fs.readlink(full);
        const resolved = posix.normalize(posix.join(posix.dirname(path), linkTarget));
        if (linkTarget.startsWith('/') || resolved.startsWith('../') || resolved === '..') {
          throw new DeployError(`${path} links to ${linkTarget}, outside the folder being deployed: on the NAS it would point outside the remote root. Make the link relative and inside ${root}.`);
        }
        out.push({ path, kind: 'link', size: 0, mtime: Math.floor(stat.mtimeMs / 1000), linkTarget });
      } else if (stat.isDirectory()) {
        await walk(full, path);
      } else if (stat.isFile()) {
        out.push({ path, kind: 'file', size: stat.size, mtime: Math.floor(stat.mtimeMs / 1000) });
      }
    }
  };
  await walk(root, '');
  return out;
}

/** Feeds a file to a hash (the image updater continues it with the rest of a resumed download). */
export async function hashInto(path: string, hash: Hash): Promise<void> {
  for await (const chunk of createReadStream(path) as AsyncIterable<Buffer>) hash.update(chunk);
}

export async function sha256Of(path: string): Promise<string> {
  const hash = createHash('sha256');
  await hashInto(path, hash);
  return hash.digest('hex');
}
