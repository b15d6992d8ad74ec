import type { Problem } from '../../../core/problem';
import { report } from '../../../core/rule';
import { key, placed, spec, title, topLevel } from '../structure';
import { pxelinuxRule } from './shared';

/** Per-entry MENU directives that, before any LABEL of a submenu, set the submenu's own entry (menu readconfig.c). */
const SUBMENU_ENTRY = new Set(['menu label', 'menu passwd', 'menu default']);

export const misplacedKeyword = pxelinuxRule({
  id: 'pxelinux.misplacedKeyword',
  language: 'pxelinux',
  severity: 'warning',
  summary:
    'A per-entry keyword (KERNEL-type, TEXT HELP, MENU LABEL, …) where no LABEL is open: SYSLINUX and menu.c32 drop it.',
  example: 'LINUX vmlinuz\nLABEL fcos',
  fix: 'Move it under the LABEL it belongs to.',
  levelWhy:
    'Warning: the line is parsed and then dropped with the empty entry, so the kernel, help text or menu label it gives ' +
    "never shows. Before a submenu's first LABEL, MENU LABEL/PASSWD/DEFAULT name the submenu itself " +
    'and are not flagged.',
  check(config, _text, context) {
    const problems: Problem[] = [];
    const top = topLevel(context);
    for (const { directive, label, depth, unknown } of placed(config)) {
      if (label || unknown || spec(directive)?.where !== 'label' || directive.name === 'endtext') continue;
      // In a submenu (MENU BEGIN here, or this file MENU INCLUDEd with a tag) these set the submenu's entry.
      if (SUBMENU_ENTRY.has(key(directive)) && (depth > 0 || !top)) continue;
      const what = directive.name === 'text' ? `${title(directive)} … ENDTEXT` : title(directive);
      problems.push(
        report(
          this,
          { start: directive.keyword.start, end: (directive.sub ?? directive.keyword).end },
          `${what} comes before any LABEL of its menu, so it belongs to no entry and SYSLINUX drops it. ` +
            'Move it under its LABEL.',
        ),
      );
    }
    return problems;
  },
});
