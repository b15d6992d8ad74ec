import { describe, expect, it } from 'vitest';
import { applyFix, lintFixture } from '../../helpers/markers';

const RULE = 'ipxe.missingHeader';

describe(RULE, () => {
  it('fires on a script whose first line is not #!ipxe', () => {
    const r = lintFixture('boot.ipxe', `dhcp\n^^^^ ${RULE}\nchain http://192.168.255.2/boot.ipxe\n`, RULE);
    expect(r.actual).toEqual(r.expected);
  });

  it('accepts #!ipxe, the legacy #!gpxe, and a byte-order mark', () => {
    for (const text of ['#!ipxe\ndhcp\n', '#!gpxe\ndhcp\n', '\uFEFF#!ipxe\r\ndhcp\r\n', '#!ipxe']) {
      expect(lintFixture('boot.ipxe', text, RULE).actual).toEqual([]);
    }
  });

  it('does not take #!ipxe-like text as the magic', () => {
    expect(lintFixture('boot.ipxe', '#!ipxeX\ndhcp\n', RULE).actual).toHaveLength(1);
    expect(lintFixture('boot.ipxe', ' #!ipxe\ndhcp\n', RULE).actual).toHaveLength(1);
  });

  it('quick fix inserts the header', () => {
    const r = lintFixture('boot.ipxe', 'dhcp\n', RULE);
    expect(applyFix(r.text, r.findings[0]!)).toBe('#!ipxe\ndhcp\n');
    expect(lintFixture('boot.ipxe', applyFix(r.text, r.findings[0]!), RULE).actual).toEqual([]);
  });
});
