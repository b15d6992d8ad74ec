/** A file named on the command line, read (capped) or refused with the reason. */
import { resolve } from 'node:path';
import { readCappedAsync } from '../../lib/core';
import { InputError } from '../../lib/engine';

export async function readInput(file: string): Promise<Buffer> {
  const read = await readCappedAsync(resolve(file));
  if (!read.ok) throw new InputError(`${file}: ${read.why}`);
  return read.bytes;
}

export async function readInputText(file: string): Promise<string> {
  return (await readInput(file)).toString('utf8');
}
