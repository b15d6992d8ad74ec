import { describe, it } from 'vitest';
import { checkRule } from '../../helpers/markers';

const RULE = 'ipxe.missingRootfs';

describe(RULE, () => {
  it('flags a Fedora CoreOS live boot without its root filesystem', () => {
    checkRule(RULE, 'a.ipxe', {
      bad: [`#!ipxe\nkernel http://nas/fedora-coreos-live-kernel-x86_64 initrd=main ignition.firstboot\n^^^^^^ ${RULE}\ninitrd --name main http://nas/fedora-coreos-live-initramfs.x86_64.img\n`],
      good: [
        '#!ipxe\nkernel http://nas/fedora-coreos-live-kernel-x86_64 initrd=main coreos.live.rootfs_url=http://nas/rootfs.img ignition.firstboot\n',
        '#!ipxe\nkernel http://nas/fedora-coreos-live-kernel-x86_64 initrd=main,rootfs ignition.firstboot\ninitrd --name main http://nas/i.img\ninitrd --name rootfs http://nas/fedora-coreos-live-rootfs.x86_64.img\n',
        '#!ipxe\nkernel http://nas/vmlinuz quiet\n',
      ],
    });
  });
});
