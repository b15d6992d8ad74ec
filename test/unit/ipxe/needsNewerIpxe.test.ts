import { describe, expect, it } from 'vitest';
import { checkRule, lintFixture } from '../../helpers/markers';

const RULE = 'ipxe.needsNewerIpxe';

describe(RULE, () => {
  it('notes 2.0-only commands and initrd.magic, with the versions, at info', () => {
    checkRule(RULE, 'a.ipxe', {
      bad: [
        `#!ipxe\nshim http://nas/shimx64.efi\n^^^^ ${RULE}\n`,
        `#!ipxe\nkernel http://nas/vmlinuz initrd=initrd.magic\n                          ^^^^^^^^^^^^^^^^^^^ ${RULE}\n`,
      ],
      good: ['#!ipxe\nkernel http://nas/vmlinuz initrd=initrd.img\nimgfetch --autofree http://nas/initrd.img\n'],
    });
    const r = lintFixture('a.ipxe', '#!ipxe\nimgextract http://nas/vmlinuz.gz\n', RULE);
    expect(r.findings[0]!.severity).toBe('info');
    expect(r.findings[0]!.message).toContain('iPXE 2.0 and later');
    expect(r.findings[0]!.message).toContain('1.21.1');
  });
});
