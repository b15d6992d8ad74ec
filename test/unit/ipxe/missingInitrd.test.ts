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
    const r = lintFixture('boot.ipxe', '#!ipxe\nkernel http://nas/vmlinuz quiet || goto fail\ninitrd http://nas/images/initrd.img\n', RULE);
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
