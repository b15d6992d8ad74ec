/**
 * Files named on the command line: read (capped) or refused with the reason; the site file, or the nearest; a
 * library's complaint about them as the CLI's input error.
 */
import { resolve } from 'node:path';
import { readCappedAsync } from '../../lib/core';
import { InputError } from '../../lib/engine';
import { siteOf } from '../../lib/site';

export async function readInput(file: string): Promise<Buffer> {
  const read = await readCappedAsync(resolve(file));
  if (!read.ok) throw new InputError(`${file}: ${read.why}`);
  return read.bytes;
}

export async function readInputText(file: string): Promise<string> {
  return (await readInput(file)).toString('utf8');
}

/** `--site FILE`, else the nearest pxe-site.json in the folder or a folder above it. */
export function siteFileFor(options: { site?: string }, cwd: string): string {
  const siteFile = options.site ? resolve(cwd, options.site) : siteOf(cwd);
  if (!siteFile) throw new InputError(`no pxe-site.json in ${cwd} or a folder above it: pass --site FILE.`);
  return siteFile;
}

/** What `load` returns; an error of one of `kinds` (a bad site file or setting) becomes an InputError. */
export function asInput<T>(load: () => T, ...kinds: (new (...args: never[]) => Error)[]): T {
  try {
    return load();
  } catch (error) {
    if (kinds.some((kind) => error instanceof kind)) throw new InputError((error as Error).message);
    throw error;
  }
}
