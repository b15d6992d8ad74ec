import type { Problem } from '../../../core/problem';
import { report } from '../../../core/rule';
import { factsOf } from '../facts';
import { ipxeRule, typoOf, unresolved } from './shared';

export const undefinedVariable = ipxeRule({
  id: 'ipxe.undefinedVariable',
  language: 'ipxe',
  severity: 'info',
  summary:
    '`${name}` is never set in this script and is not a built-in setting: it expands to nothing unless a script that chains here set it.',
  example: '#!ipxe\nchain http://${sever}/boot.ipxe',
  fix: 'Set it first (`set name value`), correct the spelling, or ignore when an earlier script sets it.',
  levelWhy:
    'Info: a setting the script never sets is usually set by the script that chains it (or by DHCP, or a build), which ' +
    'the linter cannot see; one letter away from a set one is ipxe.misspelledVariable, a warning.',
  check(script) {
    const model = factsOf(script);
    const problems: Problem[] = [];
    const reported = new Set<string>();
    for (const ref of unresolved(model)) {
      // Once per name: the first use says it, the others would only repeat it.
      if (reported.has(ref.name)) continue;
      reported.add(ref.name);
      if (typoOf(ref.name, model)) continue;
      const uses = model.refs.filter((r) => r.name === ref.name).length;
      problems.push(
        report(
          this,
          { start: ref.nameStart, end: ref.nameEnd },
          `\`${ref.name}\` is never set in this script and is not a built-in setting: \`\${${ref.name}}\` expands to ` +
            `nothing unless a script that chains here sets it${uses > 1 ? ` (used ${uses} times)` : ''}.`,
        ),
      );
    }
    return problems;
  },
});
