import type { Problem } from '../../../core/problem';
import { report } from '../../../core/rule';
import { didYouMean } from '../../../core/suggest';
import { COMMANDS } from '../catalog';
import { deadBlocks } from '../flow';
import { commandsNamed, modelOf } from '../model';
import { ipxeRule } from './shared';

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
  check(script, text) {
    const problems: Problem[] = [];
    const model = modelOf(script, text);
    // A command name built from a setting (e.g. `${cmd}`) is only known at boot time.
    const unknown = commandsNamed(model, { has: (name) => !COMMANDS.has(name) && !name.includes('${') });
    if (!unknown.length) return problems;
    const dead = new Set(deadBlocks(script).flatMap((b) => b.lines.flatMap((l) => l.commands)));
    for (const command of unknown) {
      if (dead.has(command)) continue;
      const name = command.name.text;
      // `… || start` where `:start` is a label: the `goto` was left out.
      const suggestion =
        model.labels.has(name) && command.args.length === 0 ? `goto ${name}` : didYouMean(name, COMMANDS.keys());
      problems.push(
        report(
          this,
          command.name,
          suggestion
            ? `Unknown command \`${name}\`: did you mean \`${suggestion}\`?`
            : `Unknown command \`${name}\`: iPXE will stop the script here. Check the spelling or the iPXE build options.`,
          suggestion
            ? {
                fixes: [
                  {
                    title: `Change to \`${suggestion}\``,
                    edits: [{ start: command.name.start, end: command.name.end, newText: suggestion }],
                    preferred: true,
                  },
                ],
              }
            : undefined,
        ),
      );
    }
    return problems;
  },
});
