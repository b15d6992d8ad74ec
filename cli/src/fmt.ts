/** `pxe-workbench fmt`: RouterOS scripts formatted without changing what they mean. */
import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { formatRouterOs, parseRouterOs } from '../../lib/languages';
import { InputError } from '../../lib/engine';
import { EXIT } from './exit';
import { readInputText } from './input';

export async function fmtCommand(files: string[], options: { check?: boolean; write?: boolean }): Promise<number> {
  let changed = 0;
  for (const file of files) {
    const text = await readInputText(file);
    const formatted = formatRouterOs(parseRouterOs(text).ast, text);
    if (formatted === undefined)
      throw new InputError(`${file}: has syntax errors; fix them first (pxe-workbench lint ${file}).`);
    if (formatted === text) continue;
    changed++;
    if (options.check) process.stdout.write(`${file}: would be reformatted\n`);
    else if (options.write) await writeFile(resolve(file), formatted);
    else process.stdout.write(formatted);
  }
  if (options.check || options.write)
    process.stderr.write(`${changed} of ${files.length} file(s) ${options.check ? 'need' : 'got'} formatting.\n`);
  return options.check && changed ? EXIT.errors : EXIT.ok;
}
