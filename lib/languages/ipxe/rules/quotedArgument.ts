import type { Problem } from '../../../core/problem';
import { report } from '../../../core/rule';
import { ipxeRule, spanOf } from './shared';

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
    const text = script.text;
    for (let command = 0; command < script.commandCount; command++) {
      if (PRINTING.has(script.commandName[command] as string)) continue;
      const name = script.commandFirst[command] as number;
      for (let word = name + 1; word < name + (script.commandWords[command] as number); word++) {
        // A word's first and last characters are never part of a continuation: read them in place.
        const first = text.charCodeAt(script.wordStart[word] as number);
        const last = text.charCodeAt((script.wordEnd[word] as number) - 1);
        // 34 = ", 39 = '
        if (first !== 34 && first !== 39 && last !== 34 && last !== 39) continue;
        const message = `iPXE has no quoting: the quotes in ${script.wordText(word)} are part of the value.`;
        problems.push(report(this, spanOf(script, word), message));
      }
    }
    return problems;
  },
});
