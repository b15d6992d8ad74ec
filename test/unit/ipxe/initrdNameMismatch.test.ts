import { describe, expect, it } from 'vitest';
import { applyFix, checkRule, lintFixture } from '../../helpers/markers';

const RULE = 'ipxe.initrdNameMismatch';

describe(RULE, () => {
  it('flags initrd= names that no loaded image has', () => {
    checkRule(RULE, 'a.ipxe', {
      bad: [
        `#!ipxe\nkernel http://nas/vmlinuz initrd=main\n                                 ^^^^ ${RULE}\ninitrd --name ` +
          `initramfs http://nas/initrd.img\n`,
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
    const r = lintFixture(
      'a.ipxe',
      '#!ipxe\nkernel http://nas/vmlinuz initrd=mian\ninitrd --name main http://nas/x.img\n',
      RULE,
    );
    expect(applyFix(r.text, r.findings[0]!)).toContain('initrd=main');
  });
});

describe(`${RULE}: initrd.magic and URLs`, () => {
  it('accepts initrd.magic (iPXE’s file of all initrds), and says a URL is not a name, with versions', () => {
    expect(
      lintFixture(
        'a.ipxe',
        '#!ipxe\nkernel http://nas/vmlinuz initrd=initrd.magic\ninitrd http://nas/initrd.img\n',
        RULE,
      ).actual,
    ).toEqual([]);
    const r = lintFixture(
      'a.ipxe',
      '#!ipxe\nkernel http://nas/linux initrd=http://nas/initrd.img\ninitrd http://nas/initrd.gz\n',
      RULE,
    );
    expect(r.findings[0]!.message).toContain('not a URL');
    expect(r.findings[0]!.message).toContain('iPXE before 2.0 or Linux before 5.7');
  });
});

describe(`${RULE}: misremembered magic names`, () => {
  it('flags `initrd=initramfs.magic`, even inside a set that the kernel line expands', () => {
    checkRule(RULE, 'a.ipxe', {
      bad: [
        `#!ipxe\nset params quiet initrd=initramfs.magic\n                        ^^^^^^^^^^^^^^^ ${RULE}\nkernel ` +
          `http://nas/\${k} \${params}\ninitrd http://nas/\${i}\n`,
      ],
      good: [
        '#!ipxe\nset params quiet initrd=initrd.magic\nkernel http://nas/${k} ${params}\ninitrd http://nas/${i}\n',
      ],
    });
  });
});
