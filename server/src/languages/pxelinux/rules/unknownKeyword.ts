import type { Problem } from '../../../core/problem';
import type { Rule } from '../../../core/rule';
import { didYouMean } from '../../../core/suggest';
import type { PxelinuxConfig } from '../ast';
import { KEYWORDS, MENU_KEYWORDS } from '../catalog';

export const unknownKeyword: Rule<PxelinuxConfig> = {
  id: 'pxelinux.unknownKeyword',
  language: 'pxelinux',
  severity: 'warning',
  summary: 'A keyword SYSLINUX does not know: it silently ignores the whole line.',
  example: 'DEFAULT fcos\nTIMOUT 50',
  fix: 'Correct the spelling (the message suggests the closest keyword) or remove the line.',
  check(config) {
    const problems: Problem[] = [];
    for (const directive of config.directives) {
      const isMenu = directive.name === 'menu' && directive.sub !== undefined;
      const word = isMenu ? directive.sub! : directive.keyword;
      const table = isMenu ? MENU_KEYWORDS : KEYWORDS;
      const name = word.text.toLowerCase();
      if (table.has(name)) continue;
      const suggestion = didYouMean(name, table.keys());
      const shown = suggestion && word.text === word.text.toUpperCase() ? suggestion.toUpperCase() : suggestion;
      problems.push({
        ruleId: this.id,
        start: word.start,
        end: word.end,
        message: `Unknown ${isMenu ? 'MENU directive' : 'keyword'} \`${word.text}\`: SYSLINUX ignores this line${shown ? `. Did you mean \`${shown}\`?` : '. Check the spelling.'}`,
        ...(shown ? { fixes: [{ title: `Change to \`${shown}\``, edits: [{ start: word.start, end: word.end, newText: shown }], preferred: true }] } : {}),
      });
    }
    return problems;
  },
};
