import { describe, expect, it } from 'vitest';
import { applyFix, checkRule, lintFixture } from '../../helpers/markers';

const RULE = 'ipxe.initrdNameMismatch';

describe(RULE, () => {
  it('flags initrd= names that no loaded image has', () => {
    checkRule(RULE, 'a.ipxe', {
      bad: [
        `#!ipxe\nkernel http://nas/vmlinuz initrd=main\n                                 ^^^^ ${RULE}\ninitrd --name initramfs http://nas/initrd.img\n`,
        `#!ipxe\nkernel http://nas/vmlinuz initrd=a.img\n                                 ^^^^^ ${RULE}\n`,
      ],
      good: [
        '#!ipxe\nkernel http://nas/vmlinuz initrd=main\ninitrd --name main http://nas/x.img\n',
        '#!ipxe\nkernel http://nas/vmlinuz initrd=initrd.img\ninitrd http://nas/boot/initrd.img\n',
        '#!ipxe\nkernel http://nas/vmlinuz initrd=a,b\ninitrd -n a http://nas/1\ninitrd -n b http://nas/2\n',
        '#!ipxe\nkernel http://nas/vmlinuz initrd=${name}\n',
      ],
    });
  });

  it('suggests the loaded name', () => {
    const r = lintFixture('a.ipxe', '#!ipxe\nkernel http://nas/vmlinuz initrd=mian\ninitrd --name main http://nas/x.img\n', RULE);
    expect(applyFix(r.text, r.findings[0]!)).toContain('initrd=main');
  });
});
