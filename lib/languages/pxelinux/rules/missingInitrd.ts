import type { Problem } from '../../../core/problem';
import { report } from '../../../core/rule';
import { pxelinuxRule } from './shared';
import type { Directive } from '../ast';

/** Kernel parameters only an initramfs reads (live/installer scripts, dracut); the kernel itself ignores them. */
const INITRAMFS_ARGS = new RegExp(
  String.raw`(?:^|\s)(` +
    [
      String.raw`boot=(?:casper|live)`,
      String.raw`netboot=\S+`,
      String.raw`inst\.[\w.]+=?\S*`,
      String.raw`rd\.[\w.]+=?\S*`,
      String.raw`root=live:\S*`,
      String.raw`archisobasedir=\S+`,
      String.raw`coreos\.live\.rootfs_url=\S+`,
      String.raw`ignition\.config\.url=\S+`,
      String.raw`preseed\/url=\S+`,
      String.raw`url=\S+\.preseed`,
      String.raw`fetch=\S+`,
      String.raw`root=\/dev\/ram0`,
    ].join('|') +
    String.raw`)(?=\s|$)`,
);
/** Images SYSLINUX boots that are not Linux kernels (COM32 modules, PXE programs, boot sectors, memdisk, iPXE). */
const NOT_LINUX = /\.(c32|0|com|cbt|bin|bs|bss|img|lkrn)$|(^|\/)(memdisk|memtest[^/]*|mt86[^/]*)$/i;

function argsOf(label: Directive[], global: Directive[]): Directive | undefined {
  return label.find((d) => d.name === 'append') ?? global.find((d) => d.name === 'append');
}

export const missingInitrd = pxelinuxRule({
  id: 'pxelinux.missingInitrd',
  language: 'pxelinux',
  severity: 'warning',
  summary:
    'A Linux entry whose command line is for an initramfs (boot=casper, inst.repo=, root=live:, …) but that loads none ' +
    '(no INITRD, no initrd=).',
  example: 'LABEL ubuntu\n  KERNEL casper/vmlinuz\n  APPEND boot=casper netboot=nfs nfsroot=10.0.0.1:/srv/ubuntu',
  fix: 'Add `INITRD <the initrd beside the kernel>` (or initrd= on the APPEND line).',
  levelWhy:
    'Warning: the kernel finds no root file system and panics ("VFS: Unable to mount root fs"); not an error because a ' +
    'kernel with a built-in initramfs boots all the same.',
  check(config) {
    const problems: Problem[] = [];
    const globalInitrd = config.global.some((d) => d.name === 'initrd');
    for (const label of config.labels) {
      const kernel = label.directives.find((d) => d.name === 'kernel' || d.name === 'linux');
      const image = kernel?.argument?.text.split(/\s+/)[0];
      if (!kernel?.argument || !image || NOT_LINUX.test(image) || /[%@$]/.test(image)) continue;
      if (globalInitrd || label.directives.some((d) => d.name === 'initrd')) continue;
      const append = argsOf(label.directives, config.global);
      const text = append?.argument?.text ?? '';
      if (/(?:^|\s)initrd=/.test(text)) continue;
      const match = INITRAMFS_ARGS.exec(text);
      const needs = match?.[1];
      if (!match || !needs) continue;
      // On the entry's own APPEND, the parameter that needs the initramfs; under a global APPEND, the kernel.
      const own = append && label.directives.includes(append) && append.argument;
      const start = own ? own.start + match.index + match[0].length - needs.length : kernel.argument.start;
      problems.push(
        report(
          this,
          { start, end: start + (own ? needs.length : image.length) },
          `LABEL ${label.name.text} boots ${image} with \`${needs}\`, which only an initramfs reads, but loads no initrd ` +
            `(no INITRD, no initrd= in APPEND): the kernel will panic with "VFS: Unable to mount root fs".`,
        ),
      );
    }
    return problems;
  },
});
