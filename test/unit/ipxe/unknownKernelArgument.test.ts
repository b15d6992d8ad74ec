import { describe, expect, it } from 'vitest';
import { applyFix, checkRule, lintFixture } from '../../helpers/markers';

const RULE = 'ipxe.unknownKernelArgument';

describe(RULE, () => {
  it('flags coreos.* and ignition.* arguments Fedora CoreOS does not read', () => {
    checkRule(RULE, 'a.ipxe', {
      bad: [
        `#!ipxe\nkernel http://nas/fedora-coreos-live-kernel-x86_64 ignition.config_url=http://nas/c.ign\n               ` +
          `                                    ^^^^^^^^^^^^^^^^^^^ ${RULE}\n`,
      ],
      good: [
        '#!ipxe\nkernel http://nas/fedora-coreos-live-kernel-x86_64 initrd=main coreos.live.rootfs_url=http://nas/r ' +
          'ignition.firstboot ignition.platform.id=metal ignition.config.url=http://nas/c.ign ' +
          'coreos.inst.install_dev=/dev/sda\n',
        // Container Linux (and other systems) have coreos.* arguments of their own.
        '#!ipxe\nkernel http://nas/coreos_production_pxe.vmlinuz coreos.autologin=tty1 coreos.first_boot=1\n',
      ],
    });
    const r = lintFixture(
      'a.ipxe',
      '#!ipxe\nkernel http://nas/fedora-coreos-live-kernel-x86_64 ignition.config_url=x\n',
      RULE,
    );
    expect(applyFix(r.text, r.findings[0]!)).toContain('ignition.config.url=x');
  });
});
