import type { Problem } from '../../../core/problem';
import { report } from '../../../core/rule';
import { pxelinuxRule } from './shared';

export const initrdTwice = pxelinuxRule({
  id: 'pxelinux.initrdTwice',
  language: 'pxelinux',
  severity: 'warning',
  summary:
    'An entry gives its initrd both with INITRD and as initrd= in APPEND: the kernel receives two initrd= arguments.',
  example: 'LABEL fcos\n  KERNEL vmlinuz\n  INITRD initrd.img\n  APPEND initrd=initrd.img',
  fix: 'Keep one of them (INITRD is clearer).',
  levelWhy:
    'Warning: the kernel gets two initrd= arguments and which files are loaded differs between SYSLINUX versions; ' +
    'usually a leftover of moving APPEND initrd= to INITRD.',
  check(config) {
    const problems: Problem[] = [];
    for (const label of config.labels) {
      const initrd = label.directives.find((d) => d.name === 'initrd');
      const append = label.directives.find(
        (d) => d.name === 'append' && d.argument && /(^|\s)initrd=/.test(d.argument.text),
      );
      const match = append?.argument && /(?:^|\s)(initrd=\S*)/.exec(append.argument.text);
      if (!initrd || !append?.argument || !match) continue;
      const at = append.argument.start + match.index + match[0].length - (match[1] as string).length;
      const end = at + (match[1] as string).length;
      problems.push(
        report(this, { start: at, end }, `LABEL ${label.name.text} has INITRD and also initrd= in APPEND: drop one.`, {
          related: [{ start: initrd.start, end: initrd.end, message: 'INITRD here' }],
        }),
      );
    }
    return problems;
  },
});
