import type { Problem } from '../../../core/problem';
import { report } from '../../../core/rule';
import { placed, spec, title } from '../structure';
import { pxelinuxRule } from './shared';

/** Global keywords each (sub)menu keeps for itself in menu.c32: inside MENU BEGIN they are that submenu's. */
const PER_MENU = new Set([
  'timeout',
  'ontimeout',
  'allowoptions',
  'f1',
  'f2',
  'f3',
  'f4',
  'f5',
  'f6',
  'f7',
  'f8',
  'f9',
  'f10',
  'f11',
  'f12',
  'f0',
]);

export const globalInLabel = pxelinuxRule({
  id: 'pxelinux.globalInLabel',
  language: 'pxelinux',
  severity: 'hint',
  summary:
    'A global keyword (TIMEOUT, UI, MENU TITLE, …) written inside a LABEL entry: it still applies to the whole menu.',
  example: 'LABEL fcos\n  KERNEL vmlinuz\n  TIMEOUT 50',
  fix: 'Move it above the first LABEL, where readers look for global settings.',
  levelWhy:
    'Hint: SYSLINUX applies it all the same (the last one given wins), so the boot is as written; only a reader may take ' +
    'it for a per-entry setting.',
  check(config) {
    const problems: Problem[] = [];
    for (const { directive, label, depth, unknown } of placed(config)) {
      if (!label || unknown || spec(directive)?.where !== 'global') continue;
      // Inside MENU BEGIN … MENU END, MENU settings and the menu timeouts belong to that submenu.
      if (depth > 0 && (directive.name === 'menu' || PER_MENU.has(directive.name))) continue;
      problems.push(
        report(
          this,
          { start: directive.keyword.start, end: (directive.sub ?? directive.keyword).end },
          `${title(directive)} is a global setting: inside LABEL ${label.name.text} it still applies to the whole menu. ` +
            'Move it above the first LABEL.',
        ),
      );
    }
    return problems;
  },
});
