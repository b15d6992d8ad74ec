import type { Problem } from '../../../core/problem';
import { changeTo, report } from '../../../core/rule';
import { pxelinuxRule } from './shared';
import { didYouMean } from '../../../core/suggest';
import { KEYWORDS, MENU_KEYWORDS, UBOOT_KEYWORDS } from '../catalog';

/** Top-level keywords either reader knows: SYSLINUX 3.x–6.x, or U-Boot (its `fdt`, `fdtdir`, … on ARM boards). */
const ALL_KEYWORDS: ReadonlySet<string> = new Set([...KEYWORDS.keys(), ...UBOOT_KEYWORDS.keys()]);

export const unknownKeyword = pxelinuxRule({
  id: 'pxelinux.unknownKeyword',
  language: 'pxelinux',
  severity: 'warning',
  summary:
    "A keyword neither SYSLINUX (3.x–6.x) nor U-Boot's extlinux reader knows: both silently ignore the whole line.",
  example: 'DEFAULT fcos\nTIMOUT 50',
  fix: 'Correct the spelling (the message suggests the closest keyword) or remove the line.',
  levelWhy:
    'Warning: the line is ignored without a word at boot, so what it meant to set (a timeout, a kernel, a menu entry) ' +
    'silently does not happen; usually a typo.',
  check(config) {
    const problems: Problem[] = [];
    for (const directive of config.directives) {
      const isMenu = directive.name === 'menu' && directive.sub !== undefined;
      const word = isMenu ? directive.sub! : directive.keyword;
      const table: ReadonlySet<string> | ReadonlyMap<string, unknown> = isMenu ? MENU_KEYWORDS : ALL_KEYWORDS;
      const name = word.text.toLowerCase();
      if (table.has(name)) continue;
      const suggestion = didYouMean(name, table.keys());
      const shown = suggestion && word.text === word.text.toUpperCase() ? suggestion.toUpperCase() : suggestion;
      problems.push(
        report(
          this,
          { start: word.start, end: word.end },
          `Unknown ${isMenu ? 'MENU directive' : 'keyword'} \`${word.text}\`: SYSLINUX ` +
            `(3.x–6.x)${isMenu ? '' : ' and U-Boot'} ignore${isMenu ? 's' : ''} this ` +
            `line${shown ? `. Did you mean \`${shown}\`?` : '. Check the spelling.'}`,
          shown ? { fixes: [changeTo(word, shown)] } : undefined,
        ),
      );
    }
    return problems;
  },
});
