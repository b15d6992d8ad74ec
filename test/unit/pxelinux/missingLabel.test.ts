import { describe, expect, it } from 'vitest';
import { applyFix, lintFixture } from '../../helpers/markers';

const RULE = 'pxelinux.missingLabel';

describe(RULE, () => {
  it('flags DEFAULT and ONTIMEOUT naming labels that do not exist', () => {
    const r = lintFixture(
      'pxelinux.cfg/default',
      `UI menu.c32
DEFAULT fcoss
        ^^^^^ ${RULE}
ONTIMEOUT local2 quiet
          ^^^^^^ ${RULE}
LABEL fcos
LABEL local
`,
      RULE,
    );
    expect(r.actual).toEqual(r.expected);
    expect(r.findings[0]!.message).toContain('Did you mean `fcos`');
  });

  it('accepts existing labels, kernel files without a menu, and files that INCLUDE others', () => {
    for (const text of [
      'DEFAULT fcos\nLABEL fcos\n',
      'DEFAULT vmlinuz.efi quiet\n',
      'DEFAULT fcos\nINCLUDE more.cfg\n',
      'UI menu.c32\nDEFAULT x\nMENU INCLUDE x.cfg\n',
    ]) {
      expect(lintFixture('pxelinux.cfg/default', text, RULE).actual).toEqual([]);
    }
  });

  it('explains the kernel fallback when there is no menu', () => {
    const r = lintFixture('pxelinux.cfg/default', 'DEFAULT fcoss\nLABEL fcos\n', RULE);
    expect(r.findings[0]!.message).toContain('kernel file');
    expect(applyFix(r.text, r.findings[0]!)).toBe('DEFAULT fcos\nLABEL fcos\n');
  });
});
