import { describe, expect, it } from 'vitest';
import { checkRule, lintFixture } from '../../helpers/markers';

const RULE = 'ipxe.duplicateLabel';

describe(RULE, () => {
  it('flags the second definition of a label', () => {
    checkRule(RULE, 'a.ipxe', {
      bad: [`#!ipxe\n:start\necho one\n:start\n ^^^^^ ${RULE}\n`],
      good: ['#!ipxe\n:start\n:stop\n'],
    });
    expect(lintFixture('a.ipxe', '#!ipxe\n:a\n:a\n', RULE).findings[0]!.related?.[0]?.message).toBe('first definition');
  });
});
