import type { Problem } from '../../../core/problem';
import type { Rule } from '../../../core/rule';
import type { Command, IpxeScript, Line } from '../ast';
import { COMMANDS } from '../catalog';

/** Commands after which a script does not go on to the next line. */
const ENDS_SCRIPT = new Set(['exit', 'goto', 'reboot', 'poweroff']);

/** True when the last command of the line always runs (nothing before it can skip it with `||`/`&&`). */
function unconditionalEnd(line: Line): Command | undefined {
  const last = line.commands[line.commands.length - 1];
  if (!last || last.next) return undefined;
  if (line.commands.some((c) => c.next === '||' || c.next === '&&')) return undefined;
  const name = last.name.text;
  if (ENDS_SCRIPT.has(name)) return last;
  // `chain --replace` stops the script (imgexec calls shell_stop). A plain `boot` or `chain` returns when the
  // image does (an EFI program, memtest, a script), so the line after it is a fallback, not dead code.
  if (
    (name === 'chain' || name === 'imgexec' || name === 'boot') &&
    last.args.some((a) => a.text === '--replace' || /^-[aqr]*r[aqr]*$/.test(a.text))
  )
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

/** True when no command follows `line` before the next label (or the end of the script). */
function isLastCodeLine(script: IpxeScript, line: Line): boolean {
  for (const other of script.lines.slice(script.lines.indexOf(line) + 1)) {
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
  for (const line of script.lines) {
    if (line.label) end = current = undefined;
    if (end && line.commands.length) {
      // A lone `exit` after a `goto`/`exit` is a harmless belt-and-braces terminator, not forgotten code.
      if (!current && isLoneExit(line) && isLastCodeLine(script, line)) continue;
      if (!current) blocks.push((current = { end, lines: [] }));
      current.lines.push(line);
      continue;
    }
    end = unconditionalEnd(line) ?? end;
  }
  blocksCache.set(script, blocks);
  return blocks;
}

/** Commands that can fail, after which a fallback line is a common intent (`X || fallback` was meant). */
const CAN_FAIL = new Set(['goto', 'chain', 'imgexec', 'boot']);

export const unreachableCode: Rule<IpxeScript> = {
  id: 'ipxe.unreachableCode',
  language: 'ipxe',
  severity: 'warning',
  summary:
    'Lines after an unconditional `exit`, `goto`, `reboot` or `chain --replace` that no label leads to: they never run.',
  example: '#!ipxe\nexit\necho never printed',
  fix: 'Put a `:label` before them and jump there, guard the line above with `||`, or remove them.',
  levelWhy:
    'Warning: dead lines are almost always a missing label or a fallback that was meant to run on failure (`X || fallback`); the boot itself does not fail, so not an error.',
  check(script) {
    return deadBlocks(script).map(({ end, lines }) => {
      const first = (lines[0] as Line).commands[0] as Command;
      const lastLine = lines[lines.length - 1] as Line;
      const last = lastLine.commands[lastLine.commands.length - 1] as Command;
      const hint = CAN_FAIL.has(end.name.text)
        ? ` If \`${end.name.text}\` fails, the script stops with an error before reaching ${lines.length > 1 ? 'them' : 'it'}: to run a fallback, write \`${end.name.text} … || <fallback>\`.`
        : '';
      return {
        ruleId: this.id,
        start: first.start,
        end: last.end,
        message: `Unreachable: \`${end.name.text}\` above never falls through to ${lines.length > 1 ? `these ${lines.length} lines` : 'this line'}, and no label leads here.${hint}`,
        related: [{ start: end.start, end: end.end, message: 'the script leaves here' }],
      };
    });
  },
};

export const unhandledFailure: Rule<IpxeScript> = {
  id: 'ipxe.unhandledFailure',
  language: 'ipxe',
  severity: 'info',
  summary:
    'A download or boot command whose failure is not handled (or handled by a `goto` to a label this script lacks): a failing line aborts the whole script, leaving the machine at a prompt or to the script that chained it.',
  example: '#!ipxe\nkernel http://nas/vmlinuz',
  fix: 'Add `|| goto failed` (with a `:failed` label that retries, shows a message or drops to a shell).',
  levelWhy:
    'Info: advice; stopping the script on a failed download is often acceptable (the firmware tries the next boot device), so it is not a mistake in itself.',
  check(script) {
    const problems: Problem[] = [];
    const labels = new Set(script.labels.map((l) => l.name));
    for (const line of script.lines) {
      line.commands.forEach((command, index) => {
        const traits = COMMANDS.get(command.name.text)?.traits ?? [];
        if (!traits.includes('fetch')) return;
        // Handled when some later command on the line runs on failure, unless that is a goto to no label here.
        let handler: Command | undefined;
        for (let i = index; i < line.commands.length && !handler; i++)
          if (line.commands[i]?.next === '||') handler = line.commands[i + 1] ?? line.commands[i];
        const missing =
          handler?.name.text === 'goto' &&
          handler.args[0] &&
          !handler.args[0].text.includes('${') &&
          !labels.has(handler.args[0].text)
            ? handler.args[0].text
            : undefined;
        if (handler && !missing) return;
        problems.push({
          ruleId: this.id,
          start: command.name.start,
          end: command.name.end,
          message: missing
            ? `If \`${command.name.text}\` fails, \`goto ${missing}\` fails too (no \`:${missing}\` in this script; \`goto\` never searches the script that chained this one), so the script stops with the error, which goes on to whatever ran it. Add a \`:${missing}\` label here if this script should handle it.`
            : `If \`${command.name.text}\` fails (server down, typo in the URL), the whole script stops here. Add \`|| goto failed\` and a \`:failed\` label.`,
        });
      });
    }
    return problems;
  },
};

export const danglingOperator: Rule<IpxeScript> = {
  id: 'ipxe.danglingOperator',
  language: 'ipxe',
  severity: 'warning',
  summary:
    '`||` or `&&` with no command before it: iPXE treats the missing command as a success, so the line does not do what it says.',
  example: '#!ipxe\n|| goto failed',
  fix: 'Join it to the command it belongs to (iPXE has no line continuation without a trailing backslash).',
  levelWhy:
    'Warning: the line runs, but the operator no longer guards the command it was meant for, so a failure is not handled.',
  check(script) {
    const problems: Problem[] = [];
    for (const line of script.lines) {
      for (const op of line.strayOperators ?? []) {
        problems.push({
          ruleId: this.id,
          start: op.start,
          end: op.end,
          message: `\`${op.text}\` has no command before it: the empty command "succeeds", so this is probably a broken line.`,
        });
      }
    }
    return problems;
  },
};
