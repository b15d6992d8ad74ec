import type { Problem } from '../../../core/problem';
import { report } from '../../../core/rule';
import { positionalOf } from '../args';
import { arityOf, COMMANDS } from '../catalog';
import { modelOf } from '../model';
import { ipxeRule } from './shared';

export const extraArgument = ipxeRule({
  id: 'ipxe.extraArgument',
  language: 'ipxe',
  severity: 'warning',
  summary:
    'More arguments than the command takes: iPXE refuses the line (often a value with a space, which iPXE cannot quote).',
  example: '#!ipxe\ngoto retry now',
  fix: 'Remove the extra words; a value with spaces must come from a setting (`set x a b` then `${x}`).',
  levelWhy:
    'Warning: iPXE refuses the line when it runs; kept below error because an optional word the catalog lacks (a newer ' +
    'iPXE) would look the same.',
  check(script, text) {
    const problems: Problem[] = [];
    for (const [name, commands] of modelOf(script, text).named) {
      const spec = COMMANDS.get(name);
      if (!spec) continue;
      // The synopsis is read once per command name; an open-ended one (a command line) takes any number of words.
      const arity = arityOf(spec.synopsis);
      if (arity.max === Infinity) continue;
      for (const command of commands) {
        const positional = positionalOf(command);
        if (positional.length <= arity.max) continue;
        const first = positional[arity.max];
        const last = positional[positional.length - 1];
        if (!first || !last) continue;
        const takes = `takes at most ${arity.max} argument${arity.max === 1 ? '' : 's'}`;
        problems.push(
          report(
            this,
            { start: first.start, end: last.end },
            `\`${command.name.text}\` ${takes}; iPXE rejects the extra \`${first.text}\`. ` +
              `Quotes do not group words in iPXE. Synopsis: \`${spec.synopsis}\``,
          ),
        );
      }
    }
    return problems;
  },
});
