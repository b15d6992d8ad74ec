/** The disk as rules and the chain see it: a FileView that remembers what it saw. */
import {
  closeSync,
  constants,
  existsSync,
  fstatSync,
  lstatSync,
  openSync,
  readdirSync,
  readlinkSync,
  readSync,
  statSync,
} from 'node:fs';
import { parentOf } from '../core/paths';
import type { FileView } from '../core/ruleContext';

/** Runs `read` once per key; undefined (not a folder, not a link, unreadable) is remembered too. */
function memo<T>(read: (key: string) => T | undefined): (key: string) => T | undefined {
  const seen = new Map<string, T | undefined>();
  return (key) => {
    if (!seen.has(key)) seen.set(key, read(key));
    return seen.get(key);
  };
}

/** What a folder listing says an entry is: enough to skip asking the disk again for most entries. */
export type EntryKind = 'folder' | 'link' | 'file' | 'other';

/** A folder's entries by name, with what each is; undefined when it is not a folder or cannot be read. */
function listing(dir: string): Map<string, EntryKind> | undefined {
  try {
    const kinds = new Map<string, EntryKind>();
    for (const e of readdirSync(dir, { withFileTypes: true }))
      kinds.set(e.name, e.isSymbolicLink() ? 'link' : e.isDirectory() ? 'folder' : e.isFile() ? 'file' : 'other');
    return kinds;
  } catch {
    return undefined; // not a folder, or unreadable: nothing to list
  }
}

function linkTarget(path: string): string | undefined {
  try {
    return lstatSync(path).isSymbolicLink() ? readlinkSync(path) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The first `bytes` bytes of a regular file. Opened non-blocking and checked before reading: a FIFO or a
 * device named like a loader must not hang or flood the reader.
 */
function head(path: string, bytes: number): Uint8Array | undefined {
  try {
    const fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK);
    try {
      const stat = fstatSync(fd);
      if (!stat.isFile()) return undefined;
      const buffer = Buffer.alloc(Math.max(0, Math.min(bytes, stat.size)));
      let read = 0;
      while (read < buffer.length) {
        const n = readSync(fd, buffer, read, buffer.length - read, read);
        if (n === 0) break;
        read += n;
      }
      return buffer.subarray(0, read);
    } finally {
      closeSync(fd);
    }
  } catch {
    return undefined; // not a readable file: the caller treats it as unknown
  }
}

/** Size and modification time: what a cache of facts about a binary is keyed by. */
function stamp(path: string): string | undefined {
  try {
    const stat = statSync(path);
    return stat.isFile() ? `${stat.size}:${stat.mtimeMs}:${stat.ino}` : undefined;
  } catch {
    return undefined;
  }
}

/** A FileView over the disk that also says what each entry of a folder is (`kinds`, from one listing). */
export interface DiskFiles extends FileView {
  /** A folder's entries by name, with what each is; undefined when it is not a folder or cannot be read. */
  kinds(dir: string): ReadonlyMap<string, EntryKind> | undefined;
}

/** A FileView over the disk that remembers what it saw (one per lint run or validation). */
export function diskFiles(): DiskFiles {
  // A listed entry that is a plain file is neither listed nor lstat'ed again (a walk of a thousand files
  // used to throw ENOTDIR and lstat once per file).
  const folders = new Map<string, Map<string, EntryKind> | undefined>();
  /** What a folder already listed says the entry is (no disk access). */
  const kindOf = (path: string): EntryKind | undefined => {
    const dir = parentOf(path);
    return folders.get(dir)?.get(path.slice(dir.length + 1));
  };
  const entries = (dir: string): Map<string, EntryKind> | undefined => {
    const kind = kindOf(dir);
    if (!folders.has(dir)) folders.set(dir, kind === 'file' || kind === 'other' ? undefined : listing(dir));
    return folders.get(dir);
  };
  const list = memo((dir: string) => {
    const found = entries(dir);
    return found && [...found.keys()];
  });
  return {
    list,
    kinds: entries,
    link: memo((path: string) => {
      const kind = kindOf(path);
      return kind === undefined || kind === 'link' ? linkTarget(path) : undefined;
    }),
    head,
    stamp,
    exists: (path) => {
      const dir = parentOf(path);
      return entries(dir)?.has(path.slice(dir.length + 1)) ?? existsSync(path);
    },
  };
}
