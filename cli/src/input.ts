/** Files named on the command line: read (capped) or refused with the reason; the site file, or the nearest. */
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
