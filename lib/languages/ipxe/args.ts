import type { Command, IpxeScript, Word } from './ast';
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

export const NO_OPTIONS: ReadonlyMap<string, Word | undefined> = new Map();

function readArgs(command: Command): SplitArgs {
  // Most commands carry no option at all: share one empty map and the argument list itself.
  if (!mayHaveOptions(command)) return { options: NO_OPTIONS, positional: command.args };
  const args = command.args;
  const { options, first } = readOptions(
    command.name.text,
    args.length,
    (k) => (args[k] as Word).text,
    (k) => args[k],
    (k) => (args[k] as Word).end,
  );
  return { options, positional: args.slice(first) };
}

/** A command's options in the tables: the map, and the word index of its first positional word. */
export interface SplitWords {
  options: ReadonlyMap<string, Word | undefined>;
  positional: number;
}

const splits = new WeakMap<IpxeScript, (SplitWords | undefined)[]>();

/** True when the table command's first argument starts with `-` (else it has no options). */
export function hasOptionsAt(script: IpxeScript, command: number): boolean {
  return (
    (script.commandWords[command] as number) > 1 &&
    script.firstCode((script.commandFirst[command] as number) + 1) === 45
  );
}

/** `splitArgs` over the tables: made once per command that may carry options. */
export function splitAt(script: IpxeScript, command: number): SplitWords {
  const name = script.commandFirst[command] as number;
  if (!hasOptionsAt(script, command)) return { options: NO_OPTIONS, positional: name + 1 };
  let known = splits.get(script);
  // Sized once (holey): filled at every few indices, a growing array would turn into a dictionary.
  if (!known) splits.set(script, (known = new Array<SplitWords | undefined>(script.commandCount)));
  const cached = known[command];
  if (cached) return cached;
  const { options, first } = readOptions(
    script.commandName[command] as string,
    (script.commandWords[command] as number) - 1,
    (k) => script.wordText(name + 1 + k),
    (k) => script.word(name + 1 + k),
    (k) => script.wordEnd[name + 1 + k] as number,
  );
  return (known[command] = { options, positional: name + 1 + first });
}

/** The word index of a table command's first positional argument (its end when it has none). */
export function positionalStart(script: IpxeScript, command: number): number {
  if (!hasOptionsAt(script, command)) return (script.commandFirst[command] as number) + 1;
  return splitAt(script, command).positional;
}

/** The end of a table command's words (one past its last word index). */
export function wordsEnd(script: IpxeScript, command: number): number {
  return (script.commandFirst[command] as number) + (script.commandWords[command] as number);
}

/** The options of a table command (the shared empty map when it has none). */
export function optionsAt(script: IpxeScript, command: number): SplitWords['options'] {
  return hasOptionsAt(script, command) ? splitAt(script, command).options : NO_OPTIONS;
}

/**
 * Reads the options at the start of `count` arguments (by accessor: the tree and the tables share this), and
 * where the positional arguments start.
 */
function readOptions(
  commandName: string,
  count: number,
  textAt: (k: number) => string,
  wordAt: (k: number) => Word | undefined,
  endAt: (k: number) => number,
): { options: Map<string, Word | undefined>; first: number } {
  const commandSpec = COMMANDS.get(commandName);
  const specs = commandSpec?.options ?? [];
  const options = new Map<string, Word | undefined>();
  let i = 0;
  for (; i < count; i++) {
    const text = textAt(i);
    // Options end at the first positional argument (no leading `-`, or no option of this command); later words
    // belong to the image's command line.
    if (text.charCodeAt(0) !== 45 /* - */) break;
    // `--name` and `-n` are looked up; the rest (`--name=value`, a word that is no option) is read in full.
    const exact = commandSpec && optionSpelled(commandSpec, text);
    const long = exact ? null : /^--([\w-]+)(?:=(.*))?$/.exec(text);
    const spec = exact ?? (long ? specFor(specs, 'long', long[1]) : shortOption(specs, text));
    if (!spec) break;
    if (long?.[2] !== undefined) {
      options.set(spec.long, { text: long[2], start: endAt(i) - long[2].length, end: endAt(i) });
    } else if (spec.arg) {
      options.set(spec.long, i + 1 < count ? wordAt(i + 1) : undefined);
      i++;
    } else {
      options.set(spec.long, undefined);
    }
  }
  return { options, first: Math.min(i, count) };
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
