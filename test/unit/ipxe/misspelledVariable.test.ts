import { describe, expect, it } from 'vitest';
import { applyFix, checkRule, lintFixture } from '../../helpers/markers';

const RULE = 'ipxe.misspelledVariable';

describe(RULE, () => {
  it('flags an unset name one letter from a set or built-in one, as a warning with a did-you-mean (class 3)', () => {
    checkRule(RULE, 'a.ipxe', {
      bad: [
        `#!ipxe\nset BASEURL http://nas\nchain \${BASEURLL}/boot.ipxe ||\n        ^^^^^^^^ ${RULE}\n`,
        `#!ipxe\nset base-url http://nas\nkernel \${bsae-url}/vmlinuz ||\n         ^^^^^^^^ ${RULE}\n`,
        `#!ipxe\nchain tftp://\${next_server}/boot.ipxe ||\n               ^^^^^^^^^^^ ${RULE}\n`,
      ],
      good: [
        '#!ipxe\nset base http://nas\nchain ${base}/boot.ipxe ||\n',
        '#!ipxe\nchain ${from_parent}/boot.ipxe ||\n',
        '#!ipxe\nset ab 1\necho ${ac}\n',
      ],
    });
    const r = lintFixture('a.ipxe', '#!ipxe\nset BASEURL http://nas\nchain ${BASEURLL}/boot.ipxe ||\n', RULE);
    expect(r.findings[0]!.severity).toBe('warning');
    expect(r.findings[0]!.message).toContain('did you mean `BASEURL`');
    expect(applyFix(r.text, r.findings[0]!)).toContain('chain ${BASEURL}/boot.ipxe');
  });

  it('leaves truly unknown names to ipxe.undefinedVariable, at info', () => {
    const text = '#!ipxe\nset BASEURL http://nas\nchain ${BASEURLL}/a ${space}/b ||\n';
    const findings = lintFixture('a.ipxe', text).findings.filter((f) => f.ruleId.endsWith('Variable'));
    expect(findings.map((f) => `${f.ruleId} ${f.severity}`).sort()).toEqual([
      'ipxe.misspelledVariable warning',
      'ipxe.undefinedVariable info',
    ]);
  });
});
