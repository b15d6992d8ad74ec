import type { Problem } from '../../../core/problem';
import type { Rule } from '../../../core/rule';
import type { IpxeScript } from '../ast';
import { splitArgs } from '../args';
import { arityOf } from '../catalog';
import { modelOf } from '../model';

export const missingArgument: Rule<IpxeScript> = {
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
      const { options, positional } = splitArgs(command);
      for (const option of spec.options ?? []) {
        if (option.arg && options.has(option.long) && options.get(option.long) === undefined) {
          const word =
            command.args.find((a) => a.text === `--${option.long}` || a.text === `-${option.short}`) ?? command.name;
          problems.push({
            ruleId: this.id,
            start: word.start,
            end: word.end,
            message: `\`${word.text}\` needs a value (<${option.arg}>). Synopsis: \`${spec.synopsis}\``,
          });
        }
      }
      const arity = arityOf(spec.synopsis);
      if (positional.length < arity.min) {
        const missing = arity.required.slice(positional.length).join(' ');
        problems.push({
          ruleId: this.id,
          start: command.name.start,
          end: command.end,
          message: `\`${command.name.text}\` needs ${missing}. Synopsis: \`${spec.synopsis}\``,
        });
      }
    }
    return problems;
  },
};

export const extraArgument: Rule<IpxeScript> = {
  id: 'ipxe.extraArgument',
  language: 'ipxe',
  severity: 'warning',
  summary:
    'More arguments than the command takes: iPXE refuses the line (often a value with a space, which iPXE cannot quote).',
  example: '#!ipxe\ngoto retry now',
  fix: 'Remove the extra words; a value with spaces must come from a setting (`set x a b` then `${x}`).',
  levelWhy:
    'Warning: iPXE refuses the line when it runs; kept below error because an optional word the catalog lacks (a newer iPXE) would look the same.',
  check(script, text) {
    const problems: Problem[] = [];
    for (const { command, spec } of modelOf(script, text).commands) {
      if (!spec) continue;
      const arity = arityOf(spec.synopsis);
      const { positional } = splitArgs(command);
      if (positional.length <= arity.max) continue;
      const first = positional[arity.max];
      const last = positional[positional.length - 1];
      if (!first || !last) continue;
      problems.push({
        ruleId: this.id,
        start: first.start,
        end: last.end,
        message: `\`${command.name.text}\` takes at most ${arity.max} argument${arity.max === 1 ? '' : 's'}; iPXE rejects the extra \`${first.text}\`. Quotes do not group words in iPXE. Synopsis: \`${spec.synopsis}\``,
      });
    }
    return problems;
  },
};
