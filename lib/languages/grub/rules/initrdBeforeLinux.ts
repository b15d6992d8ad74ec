import type { Problem } from '../../../core/problem';
import { report } from '../../../core/rule';
import type { Statement } from '../ast';
import { grubRule, LINUX_INITRD, LINUX_KERNEL } from './shared';

export const initrdBeforeLinux = grubRule({
  id: 'grub.initrdBeforeLinux',
  language: 'grub',
  severity: 'error',
  summary: '`initrd` before the `linux` it belongs to: GRUB refuses it ("you need to load the kernel first").',
  example: "menuentry 'Fedora CoreOS' {\n  initrd /initramfs.img\n  linux /vmlinuz\n}",
  fix: 'Put the `linux` line first, then `initrd`.',
  levelWhy:
    'Error: the initrd is never loaded, so the kernel boots without the initramfs its command line was written for ' +
    'and stops (no root file system).',
  check(config) {
    const problems: Problem[] = [];
    // Siblings in one list of commands run in order; branches of an `if` are left alone.
    const visit = (list: readonly Statement[]): void => {
      let kernelSeen = false;
      const pending: Statement[] = [];
      for (const s of list) {
        if (s.kind === 'command') {
          const name = s.name.quoted ? '' : s.name.value;
          if (LINUX_KERNEL.has(name)) {
            kernelSeen = true;
            for (const initrd of pending)
              problems.push(
                report(
                  this,
                  (initrd as typeof s).name,
                  `\`${(initrd as typeof s).name.value}\` comes before \`${name}\`: GRUB refuses an initrd before the ` +
                    'kernel ("you need to load the kernel first"), and the kernel boots without it. Move this line ' +
                    `below \`${name}\`.`,
                  { related: [{ start: s.start, end: s.end, message: 'the kernel is loaded here' }] },
                ),
              );
            pending.length = 0;
          } else if (LINUX_INITRD.has(name) && !kernelSeen) pending.push(s);
          if (s.block) visit(s.block.body);
        } else if (s.kind === 'if') {
          for (const clause of s.clauses) visit(clause.body);
          if (s.elseBody) visit(s.elseBody);
        } else if (s.kind === 'function') {
          if (s.block) visit(s.block.body);
        } else visit(s.body);
      }
    };
    visit(config.statements);
    return problems;
  },
});
