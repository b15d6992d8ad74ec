import { describe, expect, it } from 'vitest';
import { applyFix, checkRule, lintFixture } from '../../helpers/markers';

const RULE = 'ipxe.timeoutUnits';

describe(RULE, () => {
  it('flags a timeout written in seconds and a sleep written in milliseconds', () => {
    checkRule(RULE, 'a.ipxe', {
      bad: [
        `#!ipxe\nchoose --timeout 10 --default a t\n                 ^^ ${RULE}\n`,
        `#!ipxe\nsleep 5000\n      ^^^^ ${RULE}\n`,
      ],
      good: [
        '#!ipxe\nchoose --timeout 10000 --default a t\n',
        '#!ipxe\nprompt --timeout 0 Press a key\n',
        '#!ipxe\nsleep 5\n',
        '#!ipxe\nchoose --timeout ${t} x\n',
      ],
    });
    const r = lintFixture('a.ipxe', '#!ipxe\nprompt --key s --timeout 5 Press s\n', RULE);
    expect(applyFix(r.text, r.findings[0]!)).toContain('--timeout 5000');
  });
});
