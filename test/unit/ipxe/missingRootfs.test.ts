import { describe, it } from 'vitest';
import { checkRule } from '../../helpers/markers';

const RULE = 'ipxe.missingRootfs';

describe(RULE, () => {
  it('flags a Fedora CoreOS live boot without its root filesystem', () => {
    checkRule(RULE, 'a.ipxe', {
      bad: [
        `#!ipxe\nkernel http://nas/fedora-coreos-live-kernel-x86_64 initrd=main ignition.firstboot\n^^^^^^ ` +
          `${RULE}\ninitrd --name main http://nas/fedora-coreos-live-initramfs.x86_64.img\n`,
      ],
      good: [
        '#!ipxe\nkernel http://nas/fedora-coreos-live-kernel-x86_64 initrd=main ' +
          'coreos.live.rootfs_url=http://nas/rootfs.img ignition.firstboot\n',
        '#!ipxe\nkernel http://nas/fedora-coreos-live-kernel-x86_64 initrd=main,rootfs ignition.firstboot\ninitrd --name ' +
          'main http://nas/i.img\ninitrd --name rootfs http://nas/fedora-coreos-live-rootfs.x86_64.img\n',
        '#!ipxe\nkernel http://nas/vmlinuz quiet\n',
      ],
    });
  });
});

describe(`${RULE}: other systems that use Ignition`, () => {
  it('leaves Garden Linux and Flatcar alone (ignition.firstboot is not Fedora CoreOS)', () => {
    checkRule(RULE, 'a.ipxe', {
      bad: [],
      good: [
        '#!ipxe\nkernel ${kernel-url} initrd=${image}.initrd gl.url=${squashfs-url} gl.live=1 ignition.firstboot=1 ' +
          'ignition.platform.id=metal\ninitrd ${initrd-url}\n',
        '#!ipxe\nkernel http://nas/flatcar_production_pxe.vmlinuz initrd=flatcar_production_pxe_image.cpio.gz ' +
          'flatcar.first_boot=1 ignition.firstboot\n',
      ],
    });
  });
});
