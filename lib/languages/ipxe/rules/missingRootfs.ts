import type { Problem } from '../../../core/problem';
import { report } from '../../../core/rule';
import { modelOf } from '../model';
import { ipxeRule, kernelLines } from './shared';

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
  check(script, text) {
    const model = modelOf(script, text);
    const problems: Problem[] = [];
    let rootfsInitrd: boolean | undefined;
    for (const command of kernelLines(script, text)) {
      // Fedora CoreOS by name: `ignition.firstboot` alone is also Flatcar's and Garden Linux's (which need no rootfs_url).
      if (!command.args.some((a) => LIVE.test(a.text))) continue;
      // The rootfs may come as an extra initrd instead (looked for once, at the first live kernel).
      rootfsInitrd ??= (model.named.get('initrd') ?? []).some((c) => c.args.some((a) => a.text.includes('rootfs')));
      if (rootfsInitrd || command.args.some((a) => a.text.startsWith('coreos.live.rootfs_url='))) continue;
      // Installing to disk fetches the image itself; only the live system needs the rootfs.
      if (
        command.args.some((a) => a.text.startsWith('coreos.inst.install_dev=')) &&
        !command.args.some((a) => a.text.startsWith('ignition.firstboot'))
      )
        continue;
      problems.push(
        report(
          this,
          command.name,
          'This Fedora CoreOS live boot has no `coreos.live.rootfs_url=`: the live system stops in the initramfs ' +
            'looking for its root filesystem. Add the URL of the …-live-rootfs image.',
          {
            fixes: [
              {
                title: 'Add coreos.live.rootfs_url=',
                edits: [{ start: command.end, end: command.end, newText: ' coreos.live.rootfs_url=' }],
              },
            ],
          },
        ),
      );
    }
    return problems;
  },
});
