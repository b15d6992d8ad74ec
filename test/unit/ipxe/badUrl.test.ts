import { describe, it } from 'vitest';
import { checkRule } from '../../helpers/markers';

const RULE = 'ipxe.badUrl';

describe(RULE, () => {
  it('flags URLs with a broken shape, also as kernel argument values', () => {
    checkRule(RULE, 'a.ipxe', {
      bad: [
        `#!ipxe\nchain http:/192.168.255.2/boot.ipxe ||\n      ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ ${RULE}\n`,
        `#!ipxe\nchain http//nas/boot.ipxe ||\n      ^^^^^^^^^^^^^^^^^^^ ${RULE}\n`,
        `#!ipxe\nkernel http://nas/k ignition.config.url=http:///config.ign ||\n                                        ` +
          `^^^^^^^^^^^^^^^^^^ ${RULE}\n`,
        `#!ipxe\nchain http://nas:99999/a ||\n      ^^^^^^^^^^^^^^^^^^ ${RULE}\n`,
      ],
      good: [
        '#!ipxe\nchain http://192.168.255.2:8080/boot.ipxe ||\n',
        '#!ipxe\nchain ${base}/boot.ipxe ||\n',
        '#!ipxe\nchain http://${next-server}/x ||\n',
        '#!ipxe\nsanboot iscsi:192.168.255.2::::iqn.x\n',
        '#!ipxe\nchain tftp://nas/ipxe.efi ||\n',
      ],
    });
  });
});
