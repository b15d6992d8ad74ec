import { describe, expect, it } from 'vitest';
import { lintText } from '../../../lib/engine';
import { checkRule, lintFixture } from '../../helpers/markers';

const RULE = 'ipxe.dhcpBeforeChain';

describe(RULE, () => {
  it('flags DHCP settings used to fetch or boot before any dhcp', () => {
    checkRule(RULE, 'a.ipxe', {
      bad: [`#!ipxe\nchain \${root-path}\n      ^^^^^^^^^^^^ ${RULE}\ndhcp\n`],
      good: [
        '#!ipxe\ndhcp && chain ${root-path}\n',
        '#!ipxe\nifconf -c dhcp\nchain tftp://${next-server}/${filename}\n',
        '#!ipxe\necho ${next-server}\n',
      ],
    });
  });
});

describe(`${RULE}: only where the script configures the network itself`, () => {
  it('is quiet on a downloaded script (DHCP already ran) and on settings the script set itself', () => {
    const quiet = [
      '#!ipxe\nkernel bootloader-live.efi\ninitrd http://${next-server}:8080/redox-live.iso\nboot\n',
      '#!ipxe\nset filename ${210:string}lpxelinux.0\nchain ${filename} ||\n',
      '#!ipxe\nread netX/root-path\nsanboot ${netX/root-path} ||\n',
    ];
    for (const text of quiet) expect(lintFixture('menu.ipxe', text, RULE).actual, text).toEqual([]);
    const embedded = lintText('embed.ipxe', '#!ipxe\nchain tftp://${next-server}/boot.ipxe\n', {
      context: { path: '/site/embed.ipxe' },
    });
    expect(embedded.findings.filter((f) => f.ruleId === RULE)).toHaveLength(1);
  });
});
