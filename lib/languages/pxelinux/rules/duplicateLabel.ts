import type { Problem } from '../../../core/problem';
import { report } from '../../../core/rule';
import type { Directive, PxelinuxConfig } from '../ast';
import { key, usesMenu } from '../structure';
import { pxelinuxRule } from './shared';

/** Names DEFAULT, ONTIMEOUT, ONERROR and MENU GOTO boot by (the first word of each). */
function referencedNames(config: PxelinuxConfig): Set<string> {
  const names = new Set<string>();
  for (const d of config.directives) {
    if (['default', 'ontimeout', 'onerror'].includes(d.name) || key(d) === 'menu goto')
      names.add(d.argument?.text.split(/\s+/)[0] ?? '');
  }
  return names;
}

export const duplicateLabel = pxelinuxRule({
  id: 'pxelinux.duplicateLabel',
  language: 'pxelinux',
  severity: 'warning',
  summary:
    'Two LABELs with the same name where it matters: DEFAULT, ONTIMEOUT, MENU GOTO and the boot: prompt only ever reach the first.',
  example: 'DEFAULT fcos\nLABEL fcos\n  KERNEL a\nLABEL fcos\n  KERNEL b',
  fix: 'Rename one of them.',
  levelWhy:
    'Warning: the second entry cannot be booted by name. With a menu module and no reference by name both entries stay ' +
    'reachable from the menu, so the rule is quiet there.',
  check(config) {
    const seen = new Map<string, Directive>();
    const problems: Problem[] = [];
    const referenced = referencedNames(config);
    const menu = usesMenu(config);
    for (const label of config.labels) {
      const first = seen.get(label.name.text);
      if (first && (!menu || referenced.has(label.name.text))) {
        const why = menu
          ? `DEFAULT/ONTIMEOUT/MENU GOTO \`${label.name.text}\` boots the first one`
          : 'at the boot: prompt only the first one can be booted';
        problems.push(
          report(this, label.name, `LABEL ${label.name.text} is defined twice: ${why}.`, {
            related: [{ start: first.start, end: first.end, message: 'first definition' }],
          }),
        );
      } else if (label.name.text && !first) seen.set(label.name.text, label.directive);
    }
    return problems;
  },
});
