import type { Problem } from '../../../core/problem';
import { changeTo, report } from '../../../core/rule';
import { didYouMean } from '../../../core/suggest';
import { COMMANDS } from '../catalog';
import { deadCommands } from '../flow';
import { commandsNamed, factsOf } from '../facts';
import { ipxeRule, spanOf } from './shared';

export const unknownCommand = ipxeRule({
  id: 'ipxe.unknownCommand',
  language: 'ipxe',
  severity: 'error',
  summary: 'A command iPXE does not know: the line fails with "command not found" and aborts the script.',
  example: '#!ipxe\nkernal http://nas/vmlinuz',
  fix: 'Correct the spelling (the message suggests the closest command).',
  levelWhy:
    'Error: when the line runs, iPXE answers "command not found" and the script aborts (lines that never run are left to ' +
    'ipxe.unreachableCode).',
  check(script) {
    const problems: Problem[] = [];
    const model = factsOf(script);
    // A command name built from a setting (e.g. `${cmd}`) is only known at boot time.
    const unknown = commandsNamed(model, { has: (name) => !COMMANDS.has(name) && !name.includes('${') });
    if (!unknown.length) return problems;
    const dead = deadCommands(script);
    for (const command of unknown) {
      if (dead.has(command)) continue;
      const name = script.commandName[command] as string;
      const span = spanOf(script, script.commandFirst[command] as number);
      // `… || start` where `:start` is a label: the `goto` was left out.
      const alone = script.commandWords[command] === 1;
      const suggestion = model.labels.has(name) && alone ? `goto ${name}` : didYouMean(name, COMMANDS.keys());
      problems.push(
        report(
          this,
          span,
          suggestion
            ? `Unknown command \`${name}\`: did you mean \`${suggestion}\`?`
            : `Unknown command \`${name}\`: iPXE will stop the script here. Check the spelling or the iPXE build options.`,
          suggestion ? { fixes: [changeTo(span, suggestion)] } : undefined,
        ),
      );
    }
    return problems;
  },
});
