import type { Problem } from '../../../core/problem';
import type { Rule } from '../../../core/rule';
import { splitArgs } from '../args';
import type { Command, IpxeScript } from '../ast';
import { imageName } from './images';

const KERNEL_COMMANDS = new Set(['kernel', 'imgselect', 'imgload']);
const INITRD_COMMANDS = new Set(['initrd', 'imgfetch', 'module']);
/** Loaders that take their "initrd" images without a Linux command line (ISO/floppy images, Windows files). */
const NON_LINUX = /memdisk|wimboot/i;

export const missingInitrd: Rule<IpxeScript> = {
  id: 'ipxe.missingInitrd',
  language: 'ipxe',
  severity: 'warning',
  summary:
    'A `kernel` line has no `initrd=<name>` while an `initrd` follows: under UEFI the kernel finds no initramfs and panics with "VFS: Unable to mount root fs".',
  example: '#!ipxe\nkernel http://nas/vmlinuz console=ttyS0\ninitrd http://nas/initramfs.img\nboot',
  fix: 'Add `initrd=<name of the initrd image>` to the kernel command line.',
  check(script) {
    const problems: Problem[] = [];
    const commands = script.lines.flatMap((line) => line.commands);
    // For each position, the next kernel-or-initrd command after it: one pass from the end.
    const following: (Command | undefined)[] = new Array(commands.length);
    let next: Command | undefined;
    for (let i = commands.length - 1; i >= 0; i--) {
      following[i] = next;
      const name = (commands[i] as Command).name.text;
      if (INITRD_COMMANDS.has(name) || KERNEL_COMMANDS.has(name)) next = commands[i];
    }
    commands.forEach((kernel, index) => {
      if (!KERNEL_COMMANDS.has(kernel.name.text)) return;
      if (kernel.args.some((a) => a.text.startsWith('initrd='))) return;
      const image = splitArgs(kernel).positional[0];
      if (image && NON_LINUX.test(image.text)) return;
      const initrd = following[index];
      if (!initrd || !INITRD_COMMANDS.has(initrd.name.text)) return;
      const name = imageName(initrd) ?? 'initrd.img';
      problems.push({
        ruleId: this.id,
        start: kernel.name.start,
        end: kernel.end,
        message: `This kernel line has no \`initrd=${name}\`, but an initrd is loaded below: booted under UEFI, the kernel will not find it and panics with "VFS: Unable to mount root fs". Add \`initrd=${name}\`.`,
        related: [{ start: initrd.start, end: initrd.end, message: 'the initrd loaded for this kernel' }],
        fixes: [{ title: `Add \`initrd=${name}\` to the kernel line`, edits: [{ start: kernel.end, end: kernel.end, newText: ` initrd=${name}` }], preferred: true }],
      });
    });
    return problems;
  },
};
