/** Control flow of an iPXE script: the lines no path reaches. */
import type { Command, IpxeScript, Line } from './ast';
import { EXEC_COMMANDS } from './catalog';

/** Commands after which a script does not go on to the next line. */
const ENDS_SCRIPT = new Set(['exit', 'goto', 'reboot', 'poweroff']);

/** True when the last command of the line always runs (nothing before it can skip it with `||`/`&&`). */
function unconditionalEnd(line: Line): Command | undefined {
  const last = line.commands[line.commands.length - 1];
  if (!last || last.next) return undefined;
  for (const c of line.commands) if (c.next === '||' || c.next === '&&') return undefined;
  const name = last.name.text;
  if (ENDS_SCRIPT.has(name)) return last;
  // `chain --replace` stops the script (imgexec calls shell_stop). A plain `boot` or `chain` returns when the
  // image does (an EFI program, memtest, a script), so the line after it is a fallback, not dead code.
  if (EXEC_COMMANDS.has(name) && last.args.some((a) => a.text === '--replace' || /^-[aqr]*r[aqr]*$/.test(a.text)))
    return last;
  return undefined;
}

/** A run of lines that never run, and the command that leaves the script before them. */
export interface DeadBlock {
  end: Command;
  lines: Line[];
}

function isLoneExit(line: Line): boolean {
  return line.commands.length === 1 && line.commands[0]?.name.text === 'exit';
}

/** True when no command follows the line at `index` before the next label (or the end of the script). */
function isLastCodeLine(lines: Line[], index: number): boolean {
  for (let i = index + 1; i < lines.length; i++) {
    const other = lines[i] as Line;
    if (other.label) return true;
    if (other.commands.length) return false;
  }
  return true;
}

const blocksCache = new WeakMap<IpxeScript, DeadBlock[]>();

/** The blocks of lines after an unconditional end that no label leads to (a label line starts a live block). */
export function deadBlocks(script: IpxeScript): DeadBlock[] {
  const cached = blocksCache.get(script);
  if (cached) return cached;
  const blocks: DeadBlock[] = [];
  let end: Command | undefined;
  let current: DeadBlock | undefined;
  const lines = script.lines;
  for (let index = 0; index < lines.length; index++) {
    const line = lines[index] as Line;
    if (line.label) end = current = undefined;
    if (end && line.commands.length) {
      // A lone `exit` after a `goto`/`exit` is a harmless belt-and-braces terminator, not forgotten code.
      if (!current && isLoneExit(line) && isLastCodeLine(lines, index)) continue;
      if (!current) blocks.push((current = { end, lines: [] }));
      current.lines.push(line);
      continue;
    }
    end = unconditionalEnd(line) ?? end;
  }
  blocksCache.set(script, blocks);
  return blocks;
}
