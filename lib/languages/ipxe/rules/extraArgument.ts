import type { Problem } from '../../../core/problem';
import { report } from '../../../core/rule';
import { positionalOf } from '../args';
import { arityOf } from '../catalog';
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
    for (const { command, spec } of modelOf(script, text).commands) {
      if (!spec) continue;
      const arity = arityOf(spec.synopsis);
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
    return problems;
  },
});
