/** The disk as rules and the chain see it: a FileView that remembers what it saw. */
import { closeSync, existsSync, lstatSync, openSync, readdirSync, readlinkSync, readSync } from 'node:fs';
import { dirname } from 'node:path';
import type { FileView } from '../core/ruleContext';

/** Runs `read` once per key; undefined (not a folder, not a link, unreadable) is remembered too. */
function memo<T>(read: (key: string) => T | undefined): (key: string) => T | undefined {
  const seen = new Map<string, T | undefined>();
  return (key) => {
    if (!seen.has(key)) seen.set(key, read(key));
    return seen.get(key);
  };
}

function listing(dir: string): string[] | undefined {
  try {
    return readdirSync(dir);
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

function head(path: string, bytes: number): Uint8Array | undefined {
  try {
    const fd = openSync(path, 'r');
    try {
      const buffer = Buffer.alloc(bytes);
      return buffer.subarray(0, readSync(fd, buffer, 0, bytes, 0));
    } finally {
      closeSync(fd);
    }
  } catch {
    return undefined; // not a readable file: the caller treats it as unknown
  }
}

/** A FileView over the disk that remembers what it saw (one per lint run or validation). */
export function diskFiles(): FileView {
  const list = memo(listing);
  return {
    list,
    link: memo(linkTarget),
    head,
    exists: (path) => list(dirname(path))?.includes(path.slice(dirname(path).length + 1)) ?? existsSync(path),
  };
}
