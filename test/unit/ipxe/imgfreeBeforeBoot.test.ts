import { describe, it } from 'vitest';
import { checkRule } from '../../helpers/markers';

const RULE = 'ipxe.imgfreeBeforeBoot';

describe(RULE, () => {
  it('flags an imgfree that frees the kernel before boot', () => {
    checkRule(RULE, 'a.ipxe', {
      bad: [
        `#!ipxe\nkernel http://nas/vmlinuz initrd=initrd.img\ninitrd http://nas/initrd.img\nimgfree\n^^^^^^^ ${RULE}\nboot\n`,
      ],
      good: [
        '#!ipxe\nimgfree\nkernel http://nas/vmlinuz\nboot\n',
        '#!ipxe\nimgfree\n:again\nboot\n',
        '#!ipxe\nkernel http://nas/vmlinuz\nimgfree initrd.img\nboot\n',
        '#!ipxe\nimgfree\nboot http://nas/vmlinuz\n',
      ],
    });
  });
});
