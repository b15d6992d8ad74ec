import { describe, it } from 'vitest';
import { checkRule } from '../../helpers/markers';

const RULE = 'ipxe.unusedVariable';

describe(RULE, () => {
  it('flags settings set and never used, unless another script is chained', () => {
    checkRule(RULE, 'a.ipxe', {
      bad: [`#!ipxe\nset base http://nas\n    ^^^^ ${RULE}\nboot\n`],
      good: [
        '#!ipxe\nset base http://nas\nkernel ${base}/vmlinuz\n',
        '#!ipxe\nset menu linux\nchain http://nas/menu.ipxe\n',
        '#!ipxe\nset next-server 192.168.255.2\n',
      ],
    });
  });
});
