import { describe, expect, it } from 'vitest';
import { applyFix, lintFixture } from '../../helpers/markers';

const RULE = 'ipxe.missingInitrd';

describe(RULE, () => {
  it('fires on a kernel line without initrd= when an initrd follows', () => {
    const r = lintFixture(
      'boot.ipxe',
      `#!ipxe
kernel http://nas/vmlinuz console=ttyS0
^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ ${RULE}
initrd --name main http://nas/initramfs.img
boot
`,
      RULE,
    );
    expect(r.actual).toEqual(r.expected);
    expect(r.findings[0]!.message).toContain('initrd=main');
    expect(r.findings[0]!.related?.[0]?.message).toContain('initrd');
  });

  it('stays quiet when initrd= is present, when no initrd follows, or before another kernel', () => {
    const ok = [
      '#!ipxe\nkernel http://nas/vmlinuz initrd=main\ninitrd --name main http://nas/initrd.img\nboot\n',
      '#!ipxe\nkernel http://nas/vmlinuz\nboot\n',
      '#!ipxe\nkernel http://nas/a initrd=b\nkernel http://nas/vmlinuz\nchain http://nas/next.ipxe\n',
      '#!ipxe\nkernel ${memdisk} iso raw\ninitrd http://nas/tool.iso\nboot\n',
      '#!ipxe\nkernel --name wb http://nas/wimboot\ninitrd http://nas/bootmgr bootmgr\nboot\n',
    ];
    for (const text of ok) expect(lintFixture('boot.ipxe', text, RULE).actual).toEqual([]);
  });

  it('names the image by its URL when no --name is given, and the quick fix adds it', () => {
    const r = lintFixture(
      'boot.ipxe',
      '#!ipxe\nkernel http://nas/vmlinuz quiet || goto fail\ninitrd http://nas/images/initrd.img\n',
      RULE,
    );
    expect(r.findings[0]!.message).toContain('initrd=initrd.img');
    const fixed = applyFix(r.text, r.findings[0]!);
    expect(fixed).toContain('kernel http://nas/vmlinuz quiet initrd=initrd.img || goto fail');
    expect(lintFixture('boot.ipxe', fixed, RULE).actual).toEqual([]);
  });

  it('follows a kernel line continued with a backslash', () => {
    const text = '#!ipxe\nkernel http://nas/vmlinuz \\\n  initrd=main\ninitrd --name main http://nas/initrd.img\n';
    expect(lintFixture('boot.ipxe', text, RULE).actual).toEqual([]);
  });
});

describe(`${RULE}: imgargs and versions`, () => {
  it('reads an imgargs that names the kernel: it replaces the command line (class 1)', () => {
    const ok =
      '#!ipxe\nkernel http://nas/gparted/vmlinuz\ninitrd http://nas/gparted/initrd.img\nimgargs vmlinuz ' +
      'initrd=initrd.img boot=live\nboot\n';
    expect(lintFixture('boot.ipxe', ok, RULE).actual).toEqual([]);
    const r = lintFixture(
      'boot.ipxe',
      `#!ipxe
kernel http://nas/linux initrd=initrd.gz
initrd http://nas/initrd.gz
imgargs linux auto=true url=http://nas/preseed.cfg
^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ ${RULE}
boot
`,
      RULE,
    );
    expect(r.actual).toEqual(r.expected);
    expect(r.findings[0]!.message).toContain('`imgargs` replaces');
  });

  it('states the versions the claim holds for (class 2)', () => {
    const r = lintFixture('boot.ipxe', '#!ipxe\nkernel http://nas/vmlinuz\ninitrd http://nas/initrd.img\nboot\n', RULE);
    expect(r.findings[0]!.message).toMatch(/UEFI, iPXE before 2\.0 .*Linux kernel older than 5\.7/);
    expect(r.findings[0]!.message).toContain('iPXE 2.0 or later with Linux 5.7 or later');
  });

  it('follows settings on the kernel line, and leaves EFI programs that are not Linux alone', () => {
    const ok = [
      '#!ipxe\nset args initrd=initrd.img quiet\nkernel http://nas/vmlinuz ${args}\ninitrd http://nas/initrd.img\n',
      '#!ipxe\nread cmdline\nkernel http://nas/vmlinuz ${cmdline}\ninitrd http://nas/initrd.img\n',
      '#!ipxe\nkernel bootloader-live.efi\ninitrd http://nas/redox-live.iso\nboot\n',
    ];
    for (const text of ok) expect(lintFixture('boot.ipxe', text, RULE).actual, text).toEqual([]);
    const bad =
      '#!ipxe\nset args console=tty1\nkernel http://nas/vmlinuz ${args} ${from_parent}\ninitrd http://nas/initrd.img\n';
    expect(lintFixture('boot.ipxe', bad, RULE).actual).toHaveLength(1);
    expect(
      lintFixture('boot.ipxe', '#!ipxe\nkernel http://nas/vmlinuz.efi\ninitrd http://nas/initrd.img\n', RULE).actual,
    ).toHaveLength(1);
  });
});
