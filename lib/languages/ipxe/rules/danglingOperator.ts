import type { Problem } from '../../../core/problem';
import { report } from '../../../core/rule';
import { ipxeRule } from './shared';

export const danglingOperator = ipxeRule({
  id: 'ipxe.danglingOperator',
  language: 'ipxe',
  severity: 'warning',
  summary:
    '`||` or `&&` with no command before it: iPXE treats the missing command as a success, so the line does not do what it says.',
  example: '#!ipxe\n|| goto failed',
  fix: 'Join it to the command it belongs to (iPXE has no line continuation without a trailing backslash).',
  levelWhy:
    'Warning: the line runs, but the operator no longer guards the command it was meant for, so a failure is not handled.',
  check(script) {
    const problems: Problem[] = [];
    for (const { word: op } of script.strays) {
      problems.push(
        report(
          this,
          op,
          `\`${op.text}\` has no command before it: the empty command "succeeds", so this is probably a broken line.`,
        ),
      );
    }
    return problems;
  },
});
