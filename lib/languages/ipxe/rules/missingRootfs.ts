import type { Problem } from '../../../core/problem';
import { report } from '../../../core/rule';
import { factsOf } from '../facts';
import { ipxeRule, kernelLines, someArgument, spanOf } from './shared';

const LIVE = /live-kernel|fedora-coreos|^coreos\.live\./;

export const missingRootfs = ipxeRule({
  id: 'ipxe.missingRootfs',
  language: 'ipxe',
  severity: 'warning',
  summary:
    'A Fedora CoreOS live PXE boot without `coreos.live.rootfs_url` (nor the rootfs as an extra initrd): the live system ' +
    'cannot find its root filesystem.',
  example:
    '#!ipxe\nkernel http://nas/fedora-coreos-live-kernel-x86_64 initrd=main ignition.firstboot ' +
    'ignition.platform.id=metal\ninitrd --name main ' +
    'http://nas/fedora-coreos-live-initramfs.x86_64.img\nboot',
  fix: 'Add `coreos.live.rootfs_url=http://…/fedora-coreos-…-live-rootfs.x86_64.img` to the kernel line.',
  levelWhy:
    'Warning, not error: the boot stops in the initramfs, but the rootfs may also arrive by a route the linter cannot ' +
    'see (a concatenated initrd built elsewhere).',
  check(script) {
    const model = factsOf(script);
    const problems: Problem[] = [];
    let rootfsInitrd: boolean | undefined;
    const has = (command: number, test: (text: string) => boolean): boolean => someArgument(script, command, test);
    for (const command of kernelLines(script)) {
      // Fedora CoreOS by name: `ignition.firstboot` alone is also Flatcar's and Garden Linux's (which need no rootfs_url).
      if (!has(command, (text) => LIVE.test(text))) continue;
      // The rootfs may come as an extra initrd instead (looked for once, at the first live kernel).
      rootfsInitrd ??= (model.named.get('initrd') ?? []).some((c) => has(c, (text) => text.includes('rootfs')));
      if (rootfsInitrd || has(command, (text) => text.startsWith('coreos.live.rootfs_url='))) continue;
      // Installing to disk fetches the image itself; only the live system needs the rootfs.
      if (
        has(command, (text) => text.startsWith('coreos.inst.install_dev=')) &&
        !has(command, (text) => text.startsWith('ignition.firstboot'))
      )
        continue;
      const end = script.commandEnd(command);
      problems.push(
        report(
          this,
          spanOf(script, script.commandFirst[command] as number),
          'This Fedora CoreOS live boot has no `coreos.live.rootfs_url=`: the live system stops in the initramfs ' +
            'looking for its root filesystem. Add the URL of the …-live-rootfs image.',
          {
            fixes: [
              {
                title: 'Add coreos.live.rootfs_url=',
                edits: [{ start: end, end, newText: ' coreos.live.rootfs_url=' }],
              },
            ],
          },
        ),
      );
    }
    return problems;
  },
});
