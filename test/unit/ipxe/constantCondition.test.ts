import { describe, expect, it } from 'vitest';
import { applyFix, checkRule, lintFixture } from '../../helpers/markers';

const RULE = 'ipxe.constantCondition';

describe(RULE, () => {
  it('flags isset of a bare word and iseq of two fixed words', () => {
    checkRule(RULE, 'a.ipxe', {
      bad: [
        `#!ipxe\nisset ksdevice || set ksdevice bootif\n      ^^^^^^^^ ${RULE}\n`,
        `#!ipxe\niseq os Debian && echo deb ||\n     ^^^^^^^^^ ${RULE}\n`,
      ],
      good: [
        '#!ipxe\nisset ${ksdevice} || set ksdevice bootif\n',
        '#!ipxe\niseq ${os} Debian && echo deb ||\n',
        '#!ipxe\niseq ${a}x x ||\n',
      ],
    });
  });

  it('says the fallback never runs, and fixes it to isset ${name}', () => {
    const r = lintFixture('a.ipxe', '#!ipxe\nisset boot-url || set boot-url ./\n', RULE);
    expect(r.findings[0]!.message).toContain('never runs');
    expect(applyFix(r.text, r.findings[0]!)).toBe('#!ipxe\nisset ${boot-url} || set boot-url ./\n');
  });
});
