import type { Problem } from '../../../core/problem';
import { changeTo, report } from '../../../core/rule';
import { pxelinuxRule } from './shared';
import { didYouMean } from '../../../core/suggest';
import { usesMenu } from '../structure';

const REFERENCING = new Set(['default', 'ontimeout', 'onerror']);

export const missingLabel = pxelinuxRule({
  id: 'pxelinux.missingLabel',
  language: 'pxelinux',
  severity: 'warning',
  summary: 'DEFAULT, ONTIMEOUT or ONERROR names a label this file does not define.',
  example: 'DEFAULT fcos\nLABEL coreos\n  KERNEL vmlinuz',
  fix: 'Name an existing LABEL, or add the missing one. (Without a menu, DEFAULT may also name a kernel file directly.)',
  levelWhy:
    'Warning: the unattended boot (Enter, or the timeout) tries a kernel file of that name and fails; not an error ' +
    'because a file that INCLUDEs this one may define the label.',
  check(config) {
    const labels = new Map(config.labels.map((l) => [l.name.text, l]));
    // An INCLUDEd file may define the label; cross-file checks come with the boot-chain model.
    if (
      config.directives.some(
        (d) => d.name === 'include' || (d.name === 'menu' && d.sub?.text.toLowerCase() === 'include'),
      )
    )
      return [];
    const menu = usesMenu(config);
    const ui = config.global.some((d) => d.name === 'ui');
    const problems: Problem[] = [];
    for (const directive of config.global) {
      if (!REFERENCING.has(directive.name) || !directive.argument) continue;
      const target = directive.argument.text.split(/[ \t]/)[0] ?? '';
      if (labels.has(target)) continue;
      // Without a UI module, `DEFAULT vmlinuz opts` boots a kernel file; only flag a name that looks like a label.
      if (!ui && /[./]/.test(target)) continue;
      const suggestion = didYouMean(target, labels.keys());
      const start = directive.argument.start;
      problems.push(
        report(
          this,
          { start, end: start + target.length },
          `${directive.keyword.text.toUpperCase()} names \`${target}\`, but no LABEL \`${target}\` ` +
            `exists${suggestion ? `. Did you mean \`${suggestion}\`?` : '.'}` +
            (menu
              ? ' SYSLINUX then tries to boot a kernel file of that name.'
              : ' Without a menu SYSLINUX will try to boot a kernel file of that name.'),
          suggestion ? { fixes: [changeTo({ start, end: start + target.length }, suggestion)] } : undefined,
        ),
      );
    }
    return problems;
  },
});
