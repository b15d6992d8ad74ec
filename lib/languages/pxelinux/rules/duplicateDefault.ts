import type { Problem } from '../../../core/problem';
import { report } from '../../../core/rule';
import type { Directive } from '../ast';
import { title } from '../structure';
import { pxelinuxRule } from './shared';

export const duplicateDefault = pxelinuxRule({
  id: 'pxelinux.duplicateDefault',
  language: 'pxelinux',
  severity: 'warning',
  summary: 'DEFAULT (or UI, or MENU DEFAULT) given more than once: only the last one counts.',
  example: 'DEFAULT fcos\nDEFAULT local',
  fix: 'Keep only the one you mean, usually the last.',
  levelWhy: 'Warning: SYSLINUX silently uses the last one, so the earlier line, which its author meant, does nothing.',
  check(config) {
    const problems: Problem[] = [];
    const last = new Map<string, Directive>();
    // Each submenu (MENU BEGIN … MENU END) has its own MENU DEFAULT.
    const menus = [0];
    let nextMenu = 1;
    for (const directive of config.directives) {
      const sub = directive.name === 'menu' ? directive.sub?.text.toLowerCase() : undefined;
      if (sub === 'begin') menus.push(nextMenu++);
      if (sub === 'end' && menus.length > 1) menus.pop();
      const k =
        directive.name === 'default' || directive.name === 'ui'
          ? directive.name
          : sub === 'default'
            ? `menu default ${menus.at(-1) ?? 0}`
            : undefined;
      if (!k) continue;
      const earlier = last.get(k);
      if (earlier) {
        problems.push(
          report(
            this,
            { start: earlier.keyword.start, end: earlier.end },
            `${title(earlier)} is given again further down; this one is ignored.`,
            { related: [{ start: directive.start, end: directive.end, message: 'the one that counts' }] },
          ),
        );
      }
      last.set(k, directive);
    }
    return problems;
  },
});
