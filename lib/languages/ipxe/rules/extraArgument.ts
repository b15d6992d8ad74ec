import type { Problem } from '../../../core/problem';
import { report } from '../../../core/rule';
import { positionalStart, wordsEnd } from '../args';
import { arityOf, COMMANDS } from '../catalog';
import { factsOf } from '../facts';
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
  check(script) {
    const problems: Problem[] = [];
    for (const [name, commands] of factsOf(script).named) {
      const spec = COMMANDS.get(name);
      if (!spec) continue;
      // The synopsis is read once per command name; an open-ended one (a command line) takes any number of words.
      const arity = arityOf(spec.synopsis);
      if (arity.max === Infinity) continue;
      for (const command of commands) {
        const positional = positionalStart(script, command);
        const end = wordsEnd(script, command);
        if (end - positional <= arity.max) continue;
        const first = positional + arity.max;
        const takes = `takes at most ${arity.max} argument${arity.max === 1 ? '' : 's'}`;
        problems.push(
          report(
            this,
            { start: script.wordStart[first] as number, end: script.wordEnd[end - 1] as number },
            `\`${name}\` ${takes}; iPXE rejects the extra \`${script.wordText(first)}\`. ` +
              `Quotes do not group words in iPXE. Synopsis: \`${spec.synopsis}\``,
          ),
        );
      }
    }
    return problems;
  },
});
