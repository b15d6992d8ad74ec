import { describe, expect, it } from 'vitest';
import { applyFix, checkRule, lintFixture } from '../../helpers/markers';

const RULE = 'ipxe.unknownOption';

describe(RULE, () => {
  it('flags options a command does not take, long and short', () => {
    checkRule(RULE, 'a.ipxe', {
      bad: [
        `#!ipxe\nimgfetch --nmae main http://nas/initrd.img\n         ^^^^^^ ${RULE}\n`,
        `#!ipxe\nchoose -z target\n       ^^ ${RULE}\n`,
        `#!ipxe\ngoto --now start\n     ^^^^^ ${RULE}\n`,
      ],
      good: [
        '#!ipxe\nimgfetch --name main -t 5000 --quiet http://nas/x\n',
        '#!ipxe\nkernel --name=k http://nas/vmlinuz --not-an-option-of-kernel console=ttyS0\n',
        '#!ipxe\nifconf -c dhcp net0\n',
        '#!ipxe\nunknowncmd --whatever\n',
      ],
    });
  });

  it('suggests the closest long option and fixes it', () => {
    const r = lintFixture('a.ipxe', '#!ipxe\ninitrd --nmae main http://nas/initrd.img\n', RULE);
    expect(r.findings[0]!.message).toContain('--name');
    expect(applyFix(r.text, r.findings[0]!)).toContain('initrd --name main');
  });
});
