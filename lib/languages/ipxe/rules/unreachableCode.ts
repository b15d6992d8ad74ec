import { report } from '../../../core/rule';
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
      const first = script.lineFirst[lines[0] as number] as number;
      const lastLine = lines[lines.length - 1] as number;
      const last = (script.lineFirst[lastLine] as number) + (script.lineCommands[lastLine] as number) - 1;
      const name = script.commandName[end] as string;
      // Commands that can fail, after which a fallback line is a common intent (`X || fallback` was meant).
      const hint =
        name === 'goto' || EXEC_COMMANDS.has(name)
          ? ` If \`${name}\` fails, the script stops with an error before reaching ${lines.length > 1 ? 'them' : 'it'}: ` +
            `to run a fallback, write \`${name} … || <fallback>\`.`
          : '';
      const these = lines.length > 1 ? `these ${lines.length} lines` : 'this line';
      return report(
        this,
        { start: script.commandStart(first), end: script.commandEnd(last) },
        `Unreachable: \`${name}\` above never falls through to ${these}, and no label leads here.${hint}`,
        {
          related: [
            { start: script.commandStart(end), end: script.commandEnd(end), message: 'the script leaves here' },
          ],
        },
      );
    });
  },
});
