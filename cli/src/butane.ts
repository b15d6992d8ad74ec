/**
 * `pxe-workbench butane [FILE]`: Butane → Ignition, in-process, with the `butane` CLI's flags and exit codes
 * (0 translated, 1 an error or, with --strict, a warning; 2 bad usage). Reports go to standard error in
 * Butane's raw form, `error at $.path, line L col C: message`, followed by what to do.
 */
import { writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { escapeControl, MAX_TEXT_BYTES } from '../../lib/core';
import { reportLine, translateText } from '../../lib/deploy';
import { InputError } from '../../lib/engine';
import { diskContext } from '../../lib/site';
import { EXIT } from './exit';
import { readInputText } from './input';

export interface ButaneCliOptions {
  strict?: boolean;
  pretty?: boolean;
  filesDir?: string;
  output?: string;
  check?: boolean;
  /** Accepted for the `butane` CLI's sake: the output is always plain Ignition. */
  raw?: boolean;
  /** Accepted for the `butane` CLI's sake: reports are always printed raw. */
  rawErrors?: boolean;
}

/** Standard input, refused past the cap (a translation reads all of it before it starts). */
async function readStdin(maxBytes = MAX_TEXT_BYTES): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of process.stdin as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > maxBytes)
      throw new InputError(
        `standard input is larger than ${maxBytes / 1024 / 1024} MiB, more than a Butane config can be: ` +
          'check what is piped in.',
      );
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** `-d`, else the site's butane.filesDir, else the file's folder; none for standard input (as `butane`). */
function filesDirFor(file: string | undefined, options: ButaneCliOptions, cwd: string): string | undefined {
  if (options.filesDir) return resolve(cwd, options.filesDir);
  if (!file) return undefined;
  const path = resolve(cwd, file);
  return diskContext(path).site?.butane?.filesDir ?? dirname(path);
}

const say = (line: string): void => void process.stderr.write(`${line}\n`);

export async function butaneCommand(file: string | undefined, options: ButaneCliOptions, cwd = process.cwd()) {
  let text: string;
  try {
    text = file ? await readInputText(resolve(cwd, file)) : await readStdin();
  } catch (error) {
    if (!(error instanceof InputError)) throw error;
    say(`pxe-workbench: ${escapeControl(error.message)}`);
    return EXIT.errors; // `butane` exits 1 on input it cannot open
  }
  const name = escapeControl(file ?? 'standard input');
  const result = translateText(text, filesDirFor(file, options, cwd));
  for (const report of result.translation.reports) say(reportLine(report, text));
  if (result.output === undefined) {
    const count = result.errors.length;
    say(
      `pxe-workbench: ${name} does not translate (${count} error${count === 1 ? '' : 's'} above). ` +
        'Fix each at its line (the editor marks them as you type), then run again.',
    );
    return EXIT.errors;
  }
  if (options.strict && result.warnings.length) {
    say(
      `pxe-workbench: ${result.warnings.length} warning(s) above and --strict: nothing was written. ` +
        'Fix them, or run without --strict.',
    );
    return EXIT.errors;
  }
  if (options.check) return EXIT.ok;
  const output = options.pretty ? result.output : `${JSON.stringify(result.translation.ignition)}\n`;
  if (!options.output) {
    process.stdout.write(output);
    return EXIT.ok;
  }
  try {
    writeFileSync(resolve(cwd, options.output), output);
  } catch (error) {
    say(`pxe-workbench: cannot write ${escapeControl(options.output)} (${(error as Error).message}).`);
    return EXIT.errors;
  }
  return EXIT.ok;
}
