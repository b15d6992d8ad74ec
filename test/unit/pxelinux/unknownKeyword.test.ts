import { describe, expect, it } from 'vitest';
import { applyFix, lintFixture } from '../../helpers/markers';

const RULE = 'pxelinux.unknownKeyword';

describe(RULE, () => {
  it('flags misspelled keywords and MENU directives, case-insensitively', () => {
    const r = lintFixture(
      'pxelinux.cfg/default',
      `UI menu.c32
TIMOUT 50
^^^^^^ ${RULE}
menu titel Boot
     ^^^^^ ${RULE}
LABEL fcos
  kernal vmlinuz
  ^^^^^^ ${RULE}
`,
      RULE,
    );
    expect(r.actual).toEqual(r.expected);
    expect(r.findings[0]!.message).toContain('TIMEOUT');
  });

  it('accepts every keyword in any case, comments, and free text inside TEXT HELP', () => {
    const text = [
      'default fcos',
      'Prompt 0',
      'TIMEOUT 50',
      '# a comment',
      'MENU TITLE x',
      'MENU COLOR sel 7 #ffffffff #00000000',
      'LABEL fcos',
      '  MENU LABEL ^Fedora',
      '  TEXT HELP',
      '  anything goes here, even KERNAL',
      '  ENDTEXT',
      '  LINUX vmlinuz',
      '  APPEND -',
      '  IPAPPEND 2',
    ].join('\n');
    expect(lintFixture('isolinux.cfg', text, RULE).actual).toEqual([]);
  });

  it('keeps the case of the line in its suggestion', () => {
    const r = lintFixture('syslinux.cfg', 'timout 5\n', RULE);
    expect(applyFix(r.text, r.findings[0]!)).toBe('timeout 5\n');
  });
});
