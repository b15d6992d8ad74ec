import type { Command, IpxeScript, Word } from './ast';
import { COMMANDS, optionSpelled, type CommandSpec, type OptionSpec } from './catalog';

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
  const spec = COMMANDS.get(command.name.text);
  const args = command.args;
  const options = new Map<string, Word | undefined>();
  let i = 0;
  for (; i < args.length; i++) {
    const word = args[i] as Word;
    const option = optionIn(spec, word.text);
    if (!option) break;
    const inline = inlineIn(word.text);
    if (inline !== undefined) {
      options.set(option.long, { text: inline, start: word.end - inline.length, end: word.end });
    } else if (option.arg) {
      options.set(option.long, args[i + 1]);
      i++;
    } else {
      options.set(option.long, undefined);
    }
  }
  return { options, positional: args.slice(i) };
}

/**
 * The option a word gives (`--name`, `-n`, `--name=value`), or undefined: the options end at a word that is
 * none (no leading `-`, or no option of this command); later words belong to the image's command line.
 */
function optionIn(spec: CommandSpec | undefined, text: string): OptionSpec | undefined {
  if (text.charCodeAt(0) !== 45 /* - */) return undefined;
  // `--name` and `-n` are looked up; the rest (`--name=value`, a word that is no option) is read in full.
  const exact = spec && optionSpelled(spec, text);
  if (exact) return exact;
  const specs = spec?.options ?? [];
  const long = LONG.exec(text);
  return long ? specFor(specs, 'long', long[1]) : shortOption(specs, text);
}

/** The value an option word carries after its `=` (`--name=value`), or undefined (an exact spelling has none). */
function inlineIn(text: string): string | undefined {
  return text.includes('=') ? LONG.exec(text)?.[2] : undefined;
}

const LONG = /^--([\w-]+)(?:=(.*))?$/;

/** A command's options in the tables, and the word index of its first positional word. */
export interface SplitWords {
  options: ReadonlyMap<string, Word | undefined>;
  positional: number;
}

/** True when the table command's first argument starts with `-` (else it has no options). */
export function hasOptionsAt(script: IpxeScript, command: number): boolean {
  return (
    (script.commandWords[command] as number) > 1 &&
    script.firstCode((script.commandFirst[command] as number) + 1) === 45
  );
}

/** Where each table command's positional words start (plus one; 0 until read), by script. */
const positionals = new WeakMap<IpxeScript, Int32Array>();

/**
 * The word index of a table command's first positional argument (its end when it has none). Kept as a number
 * per command (several rules ask of every command), not as a split: a map per command would stay alive through
 * the lint.
 */
export function positionalStart(script: IpxeScript, command: number): number {
  const first = (script.commandFirst[command] as number) + 1;
  if (!hasOptionsAt(script, command)) return first;
  let known = positionals.get(script);
  if (!known) positionals.set(script, (known = new Int32Array(script.commandCount)));
  if (!known[command]) known[command] = readPositional(script, command, first) + 1;
  return (known[command] as number) - 1;
}

function readPositional(script: IpxeScript, command: number, first: number): number {
  const spec = COMMANDS.get(script.commandName[command] as string);
  const end = wordsEnd(script, command);
  let word = first;
  for (; word < end; word++) {
    const text = script.wordText(word);
    const option = optionIn(spec, text);
    if (!option) break;
    if (option.arg && inlineIn(text) === undefined) word++;
  }
  return Math.min(word, end);
}

/**
 * The option of a table command that wants a value and has none: only the last word can be one (a value is
 * the next word, whatever it is), so one read of the options finds it (`choose --default` at the end).
 */
export function danglingOptionAt(script: IpxeScript, command: number): OptionSpec | undefined {
  if (!hasOptionsAt(script, command)) return undefined;
  const spec = COMMANDS.get(script.commandName[command] as string);
  const end = wordsEnd(script, command);
  for (let word = (script.commandFirst[command] as number) + 1; word < end; word++) {
    const text = script.wordText(word);
    const option = optionIn(spec, text);
    if (!option) return undefined;
    if (!option.arg || inlineIn(text) !== undefined) continue;
    if (word + 1 >= end) return option;
    word++;
  }
  return undefined;
}

/**
 * The value of one option of a table command: its word, `undefined` when the option is given without one (a
 * flag, or a value missing at the end), `null` when it is not given. No map is made.
 */
export function optionAt(script: IpxeScript, command: number, long: string): Word | undefined | null {
  if (!hasOptionsAt(script, command)) return null;
  const spec = COMMANDS.get(script.commandName[command] as string);
  const end = wordsEnd(script, command);
  let value: Word | undefined | null = null;
  for (let word = (script.commandFirst[command] as number) + 1; word < end; word++) {
    const text = script.wordText(word);
    const option = optionIn(spec, text);
    if (!option) break;
    const inline = inlineIn(text);
    const valued = inline === undefined && option.arg;
    // The last of the same name wins, as in the map of `splitArgs`.
    if (option.long === long) {
      const at = script.wordEnd[word] as number;
      if (inline !== undefined) value = { text: inline, start: at - inline.length, end: at };
      else value = valued && word + 1 < end ? script.word(word + 1) : undefined;
    }
    if (valued) word++;
  }
  return value;
}

/** `splitArgs` over the tables (a new map each time: for the few commands that define menus and settings). */
export function splitAt(script: IpxeScript, command: number): SplitWords {
  const options = new Map<string, Word | undefined>();
  if (hasOptionsAt(script, command)) {
    const spec = COMMANDS.get(script.commandName[command] as string);
    for (const option of spec?.options ?? []) {
      const value = optionAt(script, command, option.long);
      if (value !== null) options.set(option.long, value);
    }
  }
  return { options, positional: positionalStart(script, command) };
}

/** The end of a table command's words (one past its last word index). */
export function wordsEnd(script: IpxeScript, command: number): number {
  return (script.commandFirst[command] as number) + (script.commandWords[command] as number);
}

/** The options of a table command (the shared empty map when it has none). */
export function optionsAt(script: IpxeScript, command: number): SplitWords['options'] {
  return hasOptionsAt(script, command) ? splitAt(script, command).options : NO_OPTIONS;
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
