import type { Problem } from '../../../core/problem';
import { report } from '../../../core/rule';
import { factsOf } from '../facts';
import { ipxeRule } from './shared';

export const duplicateLabel = ipxeRule({
  id: 'ipxe.duplicateLabel',
  language: 'ipxe',
  severity: 'warning',
  summary: 'The same `:label` twice: `goto` always jumps to the first one, the second is never a target.',
  example: '#!ipxe\n:start\necho one\n:start\necho two',
  fix: 'Rename one of the labels.',
  levelWhy:
    'Warning: the code after the second label is reachable only by falling into it, which is rarely what was meant.',
  check(script) {
    const problems: Problem[] = [];
    for (const [name, labels] of factsOf(script).labels) {
      const first = labels[0];
      for (let i = 1; i < labels.length; i++) {
        const label = labels[i] as (typeof labels)[number];
        problems.push(
          report(
            this,
            label,
            `Label \`:${name}\` is already defined above; \`goto ${name}\` always goes to the first one.`,
            first ? { related: [{ start: first.start, end: first.end, message: 'first definition' }] } : undefined,
          ),
        );
      }
    }
    return problems;
  },
});
