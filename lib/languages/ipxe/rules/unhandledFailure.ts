import type { Problem } from '../../../core/problem';
import { report } from '../../../core/rule';
import type { Command } from '../ast';
import { commandsWith } from '../catalog';
import { modelOf } from '../model';
import { ipxeRule } from './shared';

const FETCHES = commandsWith('fetch');

export const unhandledFailure = ipxeRule({
  id: 'ipxe.unhandledFailure',
  language: 'ipxe',
  severity: 'info',
  summary:
    'A download or boot command whose failure is not handled (or handled by a `goto` to a label this script lacks): a ' +
    'failing line aborts the whole script, leaving the machine at a prompt or to the script that ' +
    'chained it.',
  example: '#!ipxe\nkernel http://nas/vmlinuz',
  fix: 'Add `|| goto failed` (with a `:failed` label that retries, shows a message or drops to a shell).',
  levelWhy:
    'Info: advice; stopping the script on a failed download is often acceptable (the firmware tries the next boot ' +
    'device), so it is not a mistake in itself.',
  check(script, text) {
    const problems: Problem[] = [];
    const labels = modelOf(script, text).labels;
    for (const line of script.lines) {
      for (let index = 0; index < line.commands.length; index++) {
        const command = line.commands[index] as Command;
        if (!FETCHES.has(command.name.text)) continue;
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
        if (handler && !missing) continue;
        const name = command.name.text;
        problems.push(
          report(
            this,
            command.name,
            missing
              ? `If \`${name}\` fails, \`goto ${missing}\` fails too (no \`:${missing}\` in this script; \`goto\` never ` +
                  'searches the script that chained this one), so the script stops with the error, which goes on to ' +
                  `whatever ran it. Add a \`:${missing}\` label here if this script should handle it.`
              : `If \`${name}\` fails (server down, typo in the URL), the whole script stops here. ` +
                  'Add `|| goto failed` and a `:failed` label.',
          ),
        );
      }
    }
    return problems;
  },
});
