import type { Problem } from '../../../core/problem';
import type { Rule } from '../../../core/rule';
import { didYouMean } from '../../../core/suggest';
import type { Command, IpxeScript } from '../ast';
import { COREOS_ARGS } from '../catalog';
import { modelOf } from '../model';

const KERNEL_COMMANDS = new Set(['kernel', 'imgselect', 'imgload', 'imgargs']);

function kernelLines(script: IpxeScript, text: string): Command[] {
  return modelOf(script, text)
    .commands.map(({ command }) => command)
    .filter((c) => KERNEL_COMMANDS.has(c.name.text));
}

const FCOS_HINTS =
  /fedora-coreos|live-kernel|^coreos\.live\.|^coreos\.inst\.|^ignition\.(platform\.id|firstboot|config\.url)/;

function isFedoraCoreOs(command: Command): boolean {
  return command.args.some((a) => FCOS_HINTS.test(a.text));
}

export const unknownKernelArgument: Rule<IpxeScript> = {
  id: 'ipxe.unknownKernelArgument',
  language: 'ipxe',
  severity: 'warning',
  summary: 'A `coreos.*` or `ignition.*` kernel argument Fedora CoreOS does not read: it is silently ignored.',
  example: '#!ipxe\nkernel http://nas/fcos-kernel initrd=main ignition.config_url=http://nas/config.ign',
  fix: 'Correct the spelling (the message suggests the closest argument).',
  levelWhy:
    'Warning: the kernel ignores the argument, so what it was meant to configure silently does not happen; judged only on kernels that are recognisably Fedora CoreOS.',
  check(script, text) {
    const problems: Problem[] = [];
    for (const command of kernelLines(script, text)) {
      // Container Linux and other systems have coreos.* arguments of their own; judge Fedora CoreOS kernels only.
      if (!isFedoraCoreOs(command)) continue;
      for (const arg of command.args) {
        if (!arg.text.startsWith('coreos.') && !arg.text.startsWith('ignition.')) continue;
        const key = /^((?:coreos|ignition)\.[^=\s]*)/.exec(arg.text)?.[1];
        if (!key || COREOS_ARGS.has(key)) continue;
        const suggestion = didYouMean(key, COREOS_ARGS.keys());
        problems.push({
          ruleId: this.id,
          start: arg.start,
          end: arg.start + key.length,
          message: `Fedora CoreOS does not know the kernel argument \`${key}\`${suggestion ? `: did you mean \`${suggestion}\`?` : '; it is ignored.'}`,
          ...(suggestion
            ? {
                fixes: [
                  {
                    title: `Change to \`${suggestion}\``,
                    edits: [{ start: arg.start, end: arg.start + key.length, newText: suggestion }],
                    preferred: true,
                  },
                ],
              }
            : {}),
        });
      }
    }
    return problems;
  },
};

export const missingRootfs: Rule<IpxeScript> = {
  id: 'ipxe.missingRootfs',
  language: 'ipxe',
  severity: 'warning',
  summary:
    'A Fedora CoreOS live PXE boot without `coreos.live.rootfs_url` (nor the rootfs as an extra initrd): the live system cannot find its root filesystem.',
  example:
    '#!ipxe\nkernel http://nas/fedora-coreos-live-kernel-x86_64 initrd=main ignition.firstboot ignition.platform.id=metal\ninitrd --name main http://nas/fedora-coreos-live-initramfs.x86_64.img\nboot',
  fix: 'Add `coreos.live.rootfs_url=http://…/fedora-coreos-…-live-rootfs.x86_64.img` to the kernel line.',
  levelWhy:
    'Warning, not error: the boot stops in the initramfs, but the rootfs may also arrive by a route the linter cannot see (a concatenated initrd built elsewhere).',
  check(script, text) {
    const model = modelOf(script, text);
    const rootfsInitrd = model.commands.some(
      ({ command }) => command.name.text === 'initrd' && command.args.some((a) => /rootfs/.test(a.text)),
    );
    const problems: Problem[] = [];
    for (const command of kernelLines(script, text)) {
      // Fedora CoreOS by name: `ignition.firstboot` alone is also Flatcar's and Garden Linux's (which need no rootfs_url).
      const isLive = command.args.some((a) => /live-kernel|fedora-coreos|^coreos\.live\./.test(a.text));
      if (!isLive || rootfsInitrd || command.args.some((a) => a.text.startsWith('coreos.live.rootfs_url='))) continue;
      // Installing to disk fetches the image itself; only the live system needs the rootfs.
      if (
        command.args.some((a) => a.text.startsWith('coreos.inst.install_dev=')) &&
        !command.args.some((a) => a.text.startsWith('ignition.firstboot'))
      )
        continue;
      problems.push({
        ruleId: this.id,
        start: command.name.start,
        end: command.name.end,
        message:
          'This Fedora CoreOS live boot has no `coreos.live.rootfs_url=`: the live system stops in the initramfs looking for its root filesystem. Add the URL of the …-live-rootfs image.',
        fixes: [
          {
            title: 'Add coreos.live.rootfs_url=',
            edits: [{ start: command.end, end: command.end, newText: ' coreos.live.rootfs_url=' }],
          },
        ],
      });
    }
    return problems;
  },
};
