import type { Problem } from '../../../core/problem';
import { report } from '../../../core/rule';
import { mayHaveOptions, positionalOf, splitArgs } from '../args';
import { arityOf } from '../catalog';
import { modelOf } from '../model';
import { ipxeRule } from './shared';

export const missingArgument = ipxeRule({
  id: 'ipxe.missingArgument',
  language: 'ipxe',
  severity: 'error',
  summary: 'A command is missing a required argument, or an option its value: the line fails with a usage message.',
  example: '#!ipxe\ngoto\nchoose --default',
  fix: 'Add the missing argument (the message names it and shows the synopsis).',
  levelWhy: 'Error: iPXE prints the usage and the line fails, which aborts the script unless it is handled.',
  check(script, text) {
    const problems: Problem[] = [];
    for (const { command, spec } of modelOf(script, text).commands) {
      if (!spec) continue;
      // Without a leading `-` there are no options to miss a value (and nothing to split).
      if (mayHaveOptions(command)) {
        const { options } = splitArgs(command);
        for (const option of spec.options ?? []) {
          if (option.arg && options.has(option.long) && options.get(option.long) === undefined) {
            const word =
              command.args.find((a) => a.text === `--${option.long}` || a.text === `-${option.short}`) ?? command.name;
            problems.push(
              report(this, word, `\`${word.text}\` needs a value (<${option.arg}>). Synopsis: \`${spec.synopsis}\``),
            );
          }
        }
      }
      const arity = arityOf(spec.synopsis);
      const positional = positionalOf(command);
      if (positional.length < arity.min) {
        const missing = arity.required.slice(positional.length).join(' ');
        problems.push(
          report(
            this,
            { start: command.name.start, end: command.end },
            `\`${command.name.text}\` needs ${missing}. Synopsis: \`${spec.synopsis}\``,
          ),
        );
      }
    }
    return problems;
  },
});
