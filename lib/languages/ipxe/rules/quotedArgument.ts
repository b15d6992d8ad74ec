import type { Problem } from '../../../core/problem';
import { report } from '../../../core/rule';
import { ipxeRule } from './shared';

/** Commands that print their words: quotes there show up on screen, which is rarely a mistake. */
const PRINTING = new Set(['echo', 'prompt', 'menu', 'item', 'form']);

export const quotedArgument = ipxeRule({
  id: 'ipxe.quotedArgument',
  language: 'ipxe',
  severity: 'hint',
  summary: 'Quotes in an argument: iPXE has no quoting, so the quote characters become part of the value.',
  example: '#!ipxe\nset title "Home lab"',
  fix: 'Drop the quotes; `set name several words` joins the words with spaces, and `${name}` stays one argument.',
  levelWhy: 'Hint: style; quotes are harmless in many places (a kernel argument that wants them) and wrong in others.',
  check(script) {
    const problems: Problem[] = [];
    for (const line of script.lines) {
      for (const command of line.commands) {
        if (PRINTING.has(command.name.text)) continue;
        for (const arg of command.args) {
          const first = arg.text.charCodeAt(0);
          const last = arg.text.charCodeAt(arg.text.length - 1);
          // 34 = ", 39 = '
          if (first !== 34 && first !== 39 && last !== 34 && last !== 39) continue;
          problems.push(report(this, arg, `iPXE has no quoting: the quotes in ${arg.text} are part of the value.`));
        }
      }
    }
    return problems;
  },
});
