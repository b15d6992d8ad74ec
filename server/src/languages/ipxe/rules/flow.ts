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
  // `boot` and `chain --replace` hand the machine over; a plain `chain` of a script would return.
  if (name === 'boot' || ((name === 'chain' || name === 'imgexec') && last.args.some((a) => a.text === '--replace' || a.text === '-r'))) return last;
  return undefined;
}

export const unreachableCode: Rule<IpxeScript> = {
  id: 'ipxe.unreachableCode',
  language: 'ipxe',
  severity: 'warning',
  summary: 'Lines after an unconditional `exit`, `goto`, `boot` or `chain --replace` that no label leads to: they never run.',
  example: '#!ipxe\nboot\necho never printed',
  fix: 'Put a `:label` before them and jump there, guard the line above with `||`, or remove them.',
  check(script) {
    const problems: Problem[] = [];
    let end: Command | undefined;
    for (const line of script.lines) {
      if (line.label) end = undefined;
      if (end && line.commands.length) {
        const first = line.commands[0] as Command;
        const last = line.commands[line.commands.length - 1] as Command;
        problems.push({
          ruleId: this.id,
          start: first.start,
          end: last.end,
          message: `Unreachable: \`${end.name.text}\` above never falls through to this line, and no label leads here.`,
          related: [{ start: end.start, end: end.end, message: 'the script leaves here' }],
        });
        continue;
      }
      end = unconditionalEnd(line) ?? end;
    }
    return problems;
  },
};

export const unhandledFailure: Rule<IpxeScript> = {
  id: 'ipxe.unhandledFailure',
  language: 'ipxe',
  severity: 'info',
  summary: 'A download or boot command whose failure is not handled: a failing line aborts the whole script, leaving the machine at a prompt.',
  example: '#!ipxe\nkernel http://nas/vmlinuz',
  fix: 'Add `|| goto failed` (with a `:failed` label that retries, shows a message or drops to a shell).',
  check(script) {
    const problems: Problem[] = [];
    for (const line of script.lines) {
      line.commands.forEach((command, index) => {
        const traits = COMMANDS.get(command.name.text)?.traits ?? [];
        if (!traits.includes('fetch')) return;
        // Handled when some later command on the line runs on failure.
        for (let i = index; i < line.commands.length; i++) if (line.commands[i]?.next === '||') return;
        problems.push({
          ruleId: this.id,
          start: command.name.start,
          end: command.name.end,
          message: `If \`${command.name.text}\` fails (server down, typo in the URL), the whole script stops here. Add \`|| goto failed\` and a \`:failed\` label.`,
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
  summary: '`||` or `&&` with no command before it: iPXE treats the missing command as a success, so the line does not do what it says.',
  example: '#!ipxe\n|| goto failed',
  fix: 'Join it to the command it belongs to (iPXE has no line continuation without a trailing backslash).',
  check(script) {
    const problems: Problem[] = [];
    for (const line of script.lines) {
      for (const op of line.strayOperators ?? []) {
        problems.push({ ruleId: this.id, start: op.start, end: op.end, message: `\`${op.text}\` has no command before it: the empty command "succeeds", so this is probably a broken line.` });
      }
    }
    return problems;
  },
};
