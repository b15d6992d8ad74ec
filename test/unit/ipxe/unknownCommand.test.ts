import { describe, expect, it } from 'vitest';
import { applyFix, lintFixture } from '../../helpers/markers';

const RULE = 'ipxe.unknownCommand';

describe(RULE, () => {
  it('flags misspelled commands anywhere in a chain and after labels', () => {
    const r = lintFixture(
      'boot.ipxe',
      `#!ipxe
:start dhcpp
       ^^^^^ ${RULE}
kernal http://192.168.255.2/vmlinuz || goto start
^^^^^^ ${RULE}
isset \${filename} && chian \${filename}
                     ^^^^^ ${RULE}
`,
      RULE,
    );
    expect(r.actual).toEqual(r.expected);
    expect(r.findings[1]!.message).toContain('did you mean `kernel`');
  });

  it('knows every documented command and leaves computed names alone', () => {
    const text =
      '#!ipxe\ndhcp\nifconf -c dhcp net0\nimgfetch --name x http://a/b\nchoose t && goto ${t}\n${cmd} arg\nsha256sum x\nreboot\n';
    expect(lintFixture('boot.ipxe', text, RULE).actual).toEqual([]);
  });

  it('treats quotes and separators glued to words as part of the word, like iPXE', () => {
    expect(lintFixture('boot.ipxe', '#!ipxe\n"echo" hi\n', RULE).actual).toHaveLength(1);
    expect(lintFixture('boot.ipxe', '#!ipxe\necho a;b ||\n', RULE).actual).toEqual([]);
  });

  it('quick fix replaces the name with the suggestion', () => {
    const r = lintFixture('boot.ipxe', '#!ipxe\nkernal vmlinuz\n', RULE);
    expect(applyFix(r.text, r.findings[0]!)).toBe('#!ipxe\nkernel vmlinuz\n');
  });
});

describe(`${RULE}: labels and dead lines`, () => {
  it('suggests `goto start` for a bare label name, and leaves lines that never run to unreachableCode', () => {
    const r = lintFixture('a.ipxe', '#!ipxe\n:start\nchoose v && goto ${v} || start\n', RULE);
    expect(r.findings[0]!.message).toContain('did you mean `goto start`');
    expect(lintFixture('a.ipxe', '#!ipxe\nexit 0\ninitrd.gz  ldlinux.c32  linux\n:next\n', RULE).actual).toEqual([]);
  });
});
