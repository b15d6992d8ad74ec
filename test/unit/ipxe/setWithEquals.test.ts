import { describe, expect, it } from 'vitest';
import { applyFix, checkRule, lintFixture } from '../../helpers/markers';

const RULE = 'ipxe.setWithEquals';

describe(RULE, () => {
  it('flags `set name=value` and `set name = value`', () => {
    checkRule(RULE, 'a.ipxe', {
      bad: [
        `#!ipxe\nset base-url=http://nas\n    ^^^^^^^^^^^^^^^^^^^ ${RULE}\n`,
        `#!ipxe\nset base-url = http://nas\n             ^ ${RULE}\n`,
      ],
      good: [
        '#!ipxe\nset base-url http://nas\n',
        '#!ipxe\nset cmdline console=ttyS0 initrd=initrd.img\n',
        '#!ipxe\nset ${name}=x y\n',
      ],
    });
  });

  it('fixes both forms to `set name value`', () => {
    const glued = lintFixture('a.ipxe', '#!ipxe\nset base-url=http://nas\n', RULE);
    expect(applyFix(glued.text, glued.findings[0]!)).toBe('#!ipxe\nset base-url http://nas\n');
    const spaced = lintFixture('a.ipxe', '#!ipxe\nset base-url = http://nas\n', RULE);
    expect(applyFix(spaced.text, spaced.findings[0]!)).toBe('#!ipxe\nset base-url http://nas\n');
  });
});
