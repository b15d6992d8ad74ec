import { describe, it } from 'vitest';
import { checkRule } from '../../helpers/markers';

const RULE = 'ipxe.dhcpBeforeChain';

describe(RULE, () => {
  it('flags DHCP settings used to fetch or boot before any dhcp', () => {
    checkRule(RULE, 'a.ipxe', {
      bad: [`#!ipxe\nchain \${root-path}\n      ^^^^^^^^^^^^ ${RULE}\ndhcp\n`],
      good: ['#!ipxe\ndhcp && chain ${root-path}\n', '#!ipxe\nifconf -c dhcp\nchain tftp://${next-server}/${filename}\n', '#!ipxe\necho ${next-server}\n'],
    });
  });
});
