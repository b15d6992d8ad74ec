import type { Problem } from '../../../core/problem';
import { changeTo, report } from '../../../core/rule';
import { factsOf } from '../facts';
import { ipxeRule, typoOf, unresolved } from './shared';

export const misspelledVariable = ipxeRule({
  id: 'ipxe.misspelledVariable',
  language: 'ipxe',
  severity: 'warning',
  summary:
    '`${name}` is never set, and one letter away from a setting that is (`${BASEURLL}` beside `set BASEURL`): almost ' +
    'always a typo, and it expands to nothing.',
  example: '#!ipxe\nset base-url http://nas\nkernel ${base-ur}/vmlinuz',
  fix: 'Correct the name (quick fix).',
  levelWhy:
    'Warning: an unset name one edit from a set or built-in one is a typo far more often than a setting of a parent ' +
    'script; the expansion is empty and the URL or argument is wrong.',
  check(script) {
    const model = factsOf(script);
    const problems: Problem[] = [];
    for (const ref of unresolved(model)) {
      const typo = typoOf(ref.name, model);
      if (!typo) continue;
      const where = model.defs.some((d) => d.name === typo) ? 'set in this script' : 'a built-in setting';
      problems.push(
        report(
          this,
          { start: ref.nameStart, end: ref.nameEnd },
          `\`\${${ref.name}}\` is never set, so it expands to nothing: did you mean \`${typo}\` (${where})?`,
          { fixes: [changeTo({ start: ref.nameStart, end: ref.nameEnd }, typo)] },
        ),
      );
    }
    return problems;
  },
});
