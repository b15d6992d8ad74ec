import { report } from '../../../core/rule';
import type { Command, Line } from '../ast';
import { EXEC_COMMANDS } from '../catalog';
import { deadBlocks } from '../flow';
import { ipxeRule } from './shared';

export const unreachableCode = ipxeRule({
  id: 'ipxe.unreachableCode',
  language: 'ipxe',
  severity: 'warning',
  summary:
    'Lines after an unconditional `exit`, `goto`, `reboot` or `chain --replace` that no label leads to: they never run.',
  example: '#!ipxe\nexit\necho never printed',
  fix: 'Put a `:label` before them and jump there, guard the line above with `||`, or remove them.',
  levelWhy:
    'Warning: dead lines are almost always a missing label or a fallback that was meant to run on failure (`X || ' +
    'fallback`); the boot itself does not fail, so not an error.',
  check(script) {
    return deadBlocks(script).map(({ end, lines }) => {
      const first = (lines[0] as Line).commands[0] as Command;
      const lastLine = lines[lines.length - 1] as Line;
      const last = lastLine.commands[lastLine.commands.length - 1] as Command;
      const name = end.name.text;
      // Commands that can fail, after which a fallback line is a common intent (`X || fallback` was meant).
      const hint =
        name === 'goto' || EXEC_COMMANDS.has(name)
          ? ` If \`${name}\` fails, the script stops with an error before reaching ${lines.length > 1 ? 'them' : 'it'}: ` +
            `to run a fallback, write \`${name} … || <fallback>\`.`
          : '';
      const these = lines.length > 1 ? `these ${lines.length} lines` : 'this line';
      return report(
        this,
        { start: first.start, end: last.end },
        `Unreachable: \`${name}\` above never falls through to ${these}, and no label leads here.${hint}`,
        { related: [{ start: end.start, end: end.end, message: 'the script leaves here' }] },
      );
    });
  },
});
