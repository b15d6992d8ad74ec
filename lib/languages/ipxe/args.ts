import type { Command, Word } from './ast';
import { COMMANDS } from './catalog';

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

const NO_OPTIONS: ReadonlyMap<string, Word | undefined> = new Map();

function readArgs(command: Command): SplitArgs {
  // Most commands carry no option at all: share one empty map and the argument list itself.
  if (!command.args[0]?.text.startsWith('-')) return { options: NO_OPTIONS, positional: command.args };
  const specs = COMMANDS.get(command.name.text)?.options ?? [];
  const options = new Map<string, Word | undefined>();
  const positional: Word[] = [];
  const args = command.args;
  for (let i = 0; i < args.length; i++) {
    const word = args[i] as Word;
    const long = /^--([\w-]+)(?:=(.*))?$/.exec(word.text);
    const short = long ? undefined : /^-(\w)$/.exec(word.text);
    const spec = long
      ? specs.find((s) => s.long === long[1])
      : short
        ? specs.find((s) => s.short === short[1])
        : undefined;
    if (!spec || positional.length > 0) {
      // Options end at the first positional argument; later words belong to the image's command line.
      positional.push(word);
      continue;
    }
    if (long?.[2] !== undefined) {
      options.set(spec.long, { text: long[2], start: word.end - long[2].length, end: word.end });
    } else if (spec.arg) {
      options.set(spec.long, args[i + 1]);
      i++;
    } else {
      options.set(spec.long, undefined);
    }
  }
  return { options, positional };
}
