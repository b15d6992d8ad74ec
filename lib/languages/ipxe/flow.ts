/** Control flow of an iPXE script: the lines no path reaches (over the tables: commands and lines are indices). */
import { AND, OR, type IpxeScript } from './ast';
import { wordsEnd } from './args';
import { EXEC_COMMANDS } from './catalog';

/** Commands after which a script does not go on to the next line. */
const ENDS_SCRIPT = new Set(['exit', 'goto', 'reboot', 'poweroff']);
/** `-r` in a bundle of `chain`'s flags (`-ar`, `-qr`): `--replace`. */
const REPLACE = /^-[aqr]*r[aqr]*$/;

/** The last command of the line when it always runs and ends the script (nothing before it skips it), or -1. */
function unconditionalEnd(script: IpxeScript, line: number): number {
  const count = script.lineCommands[line] as number;
  const first = script.lineFirst[line] as number;
  const last = first + count - 1;
  if (!count || script.commandNext[last]) return -1;
  // `||` and `&&` make what follows conditional; `;` does not.
  for (let command = first; command <= last; command++) {
    const next = script.commandNext[command] as number;
    if (next === OR || next === AND) return -1;
  }
  const name = script.commandName[last] as string;
  if (ENDS_SCRIPT.has(name)) return last;
  // `chain --replace` stops the script (imgexec calls shell_stop). A plain `boot` or `chain` returns when the
  // image does (an EFI program, memtest, a script), so the line after it is a fallback, not dead code.
  if (EXEC_COMMANDS.has(name)) {
    for (let word = (script.commandFirst[last] as number) + 1; word < wordsEnd(script, last); word++) {
      const text = script.wordText(word);
      if (text === '--replace' || REPLACE.test(text)) return last;
    }
  }
  return -1;
}

/** A run of lines that never run (line indices), and the command that leaves the script before them. */
export interface DeadBlock {
  end: number;
  lines: number[];
}

function isLoneExit(script: IpxeScript, line: number): boolean {
  return script.lineCommands[line] === 1 && script.commandName[script.lineFirst[line] as number] === 'exit';
}

/** True when no command follows the line at `index` before the next label (or the end of the script). */
function isLastCodeLine(script: IpxeScript, index: number): boolean {
  for (let line = index + 1; line < script.lineCount; line++) {
    if ((script.lineLabel[line] as number) >= 0) return true;
    if (script.lineCommands[line]) return false;
  }
  return true;
}

const blocksCache = new WeakMap<IpxeScript, DeadBlock[]>();

/** The blocks of lines after an unconditional end that no label leads to (a label line starts a live block). */
export function deadBlocks(script: IpxeScript): DeadBlock[] {
  const cached = blocksCache.get(script);
  if (cached) return cached;
  const blocks: DeadBlock[] = [];
  let end = -1;
  let current: DeadBlock | undefined;
  for (let line = 0; line < script.lineCount; line++) {
    if ((script.lineLabel[line] as number) >= 0) {
      end = -1;
      current = undefined;
    }
    if (end >= 0 && script.lineCommands[line]) {
      // A lone `exit` after a `goto`/`exit` is a harmless belt-and-braces terminator, not forgotten code.
      if (!current && isLoneExit(script, line) && isLastCodeLine(script, line)) continue;
      if (!current) blocks.push((current = { end, lines: [] }));
      current.lines.push(line);
      continue;
    }
    const ends = unconditionalEnd(script, line);
    if (ends >= 0) end = ends;
  }
  blocksCache.set(script, blocks);
  return blocks;
}

/** The commands of the dead blocks, by index (asked only once a rule has something to report). */
export function deadCommands(script: IpxeScript): Set<number> {
  const dead = new Set<number>();
  for (const block of deadBlocks(script))
    for (const line of block.lines) {
      const first = script.lineFirst[line] as number;
      for (let k = 0; k < (script.lineCommands[line] as number); k++) dead.add(first + k);
    }
  return dead;
}
