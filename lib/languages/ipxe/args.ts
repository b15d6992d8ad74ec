import type { Command, Word } from './ast';
import { COMMANDS, optionSpelled, type OptionSpec } from './catalog';

export interface SplitArgs {
  /** Option values by long name (`--name main`, `-n main`, `--name=main`); flags map to ''. */
  options: ReadonlyMap<string, Word | undefined>;
  positional: Word[];
}

/** Splits a command's arguments into options and positional words, the way iPXE's getopt reads them. */
export function splitArgs(command: Command): SplitArgs {
  // Memoised on the command itself: several rules ask, and a WeakMap costs more than the split.
  const memo = command as Command & { split?: SplitArgs };
  return (memo.split ??= readArgs(command));
}

/** The positional words alone: when the first word is no option, they are all of them (nothing to split). */
export function positionalOf(command: Command): Word[] {
  return mayHaveOptions(command) ? splitArgs(command).positional : command.args;
}

/** The options alone (the shared empty map when the first word is no option). */
export function optionsOf(command: Command): SplitArgs['options'] {
  return mayHaveOptions(command) ? splitArgs(command).options : NO_OPTIONS;
}

/** True when the command may carry options (its first word starts with `-`): else `splitArgs` finds none. */
export function mayHaveOptions(command: Command): boolean {
  // A character compare (45 = '-'): every rule that reads options asks this of every command.
  return command.args[0]?.text.charCodeAt(0) === 45;
}

const NO_OPTIONS: ReadonlyMap<string, Word | undefined> = new Map();

function readArgs(command: Command): SplitArgs {
  // Most commands carry no option at all: share one empty map and the argument list itself.
  if (!mayHaveOptions(command)) return { options: NO_OPTIONS, positional: command.args };
  const commandSpec = COMMANDS.get(command.name.text);
  const specs = commandSpec?.options ?? [];
  const options = new Map<string, Word | undefined>();
  const args = command.args;
  let i = 0;
  for (; i < args.length; i++) {
    const word = args[i] as Word;
    // Options end at the first positional argument (no leading `-`, or no option of this command); later words
    // belong to the image's command line.
    if (word.text.charCodeAt(0) !== 45 /* - */) break;
    // `--name` and `-n` are looked up; the rest (`--name=value`, a word that is no option) is read in full.
    const exact = commandSpec && optionSpelled(commandSpec, word.text);
    const long = exact ? null : /^--([\w-]+)(?:=(.*))?$/.exec(word.text);
    const spec = exact ?? (long ? specFor(specs, 'long', long[1]) : shortOption(specs, word.text));
    if (!spec) break;
    if (long?.[2] !== undefined) {
      options.set(spec.long, { text: long[2], start: word.end - long[2].length, end: word.end });
    } else if (spec.arg) {
      options.set(spec.long, args[i + 1]);
      i++;
    } else {
      options.set(spec.long, undefined);
    }
  }
  return { options, positional: args.slice(i) };
}

/** The option a `-x` word names. */
function shortOption(specs: OptionSpec[], text: string): OptionSpec | undefined {
  const short = /^-(\w)$/.exec(text);
  return short ? specFor(specs, 'short', short[1]) : undefined;
}

function specFor(specs: OptionSpec[], key: 'long' | 'short', name: string | undefined): OptionSpec | undefined {
  for (const spec of specs) if (spec[key] === name) return spec;
  return undefined;
}
