import { describe, expect, it } from 'vitest';
import { checkRule, lintFixture } from '../../helpers/markers';

const RULE = 'ipxe.unreachableCode';

describe(RULE, () => {
  it('flags lines after an unconditional exit, goto, reboot or chain --replace', () => {
    checkRule(RULE, 'a.ipxe', {
      bad: [
        `#!ipxe\nexit\necho never\n^^^^^^^^^^ ${RULE}\n`,
        `#!ipxe\ngoto end\necho a || echo b\n^^^^^^^^^^^^^^^^ ${RULE}\n:end\n`,
        `#!ipxe\nchain --replace http://nas/next.ipxe\nshell\n^^^^^ ${RULE}\n`,
        `#!ipxe\nboot -ar http://nas/next.ipxe\nshell\n^^^^^ ${RULE}\n`,
      ],
      good: [
        '#!ipxe\nboot || goto failed\n:failed\nshell\n',
        '#!ipxe\nchain http://nas/menu.ipxe\necho back from the menu\n',
        '#!ipxe\nisset ${x} && goto skip\necho y\n:skip\n',
        '#!ipxe\nexit\n\n# a comment\n',
      ],
    });
  });

  // `boot` returns when the image does (an EFI program, memtest, a script): the next line is a fallback.
  it('treats the line after a plain boot as reachable', () => {
    expect(
      lintFixture('a.ipxe', '#!ipxe\nkernel http://nas/memtest.efi\nboot\ngoto menu\n:menu\n', RULE).actual,
    ).toEqual([]);
  });

  it('reports a dead block once, and says how to write the fallback it probably was', () => {
    const r = lintFixture('a.ipxe', '#!ipxe\nchain --replace http://nas/next.ipxe\necho failed\nreboot\n', RULE);
    expect(r.findings).toHaveLength(1);
    expect(r.findings[0]!.message).toContain('these 2 lines');
    expect(r.findings[0]!.message).toContain('`chain … || <fallback>`');
  });

  it('leaves a lone exit after a goto alone (a harmless terminator)', () => {
    expect(
      lintFixture('a.ipxe', '#!ipxe\nchoose v || exit 0\ngoto v_${v}\nexit 0\n\n:v_a\necho a\n', RULE).actual,
    ).toEqual([]);
  });
});
