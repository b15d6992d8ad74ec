import { describe, it } from 'vitest';
import { checkRule } from '../../helpers/markers';

const RULE = 'ipxe.unhandledFailure';

describe(RULE, () => {
  it('flags downloads whose failure nothing handles', () => {
    checkRule(RULE, 'a.ipxe', {
      bad: [
        `#!ipxe\nkernel http://nas/vmlinuz\n^^^^^^ ${RULE}\n`,
        `#!ipxe\nchain http://nas/a.ipxe && echo ok\n^^^^^ ${RULE}\n`,
      ],
      good: [
        '#!ipxe\nkernel http://nas/vmlinuz || goto failed\n:failed\n',
        '#!ipxe\nchain http://nas/a.ipxe ||\n',
        '#!ipxe\nimgfetch http://nas/a && echo ok || echo failed\n',
        '#!ipxe\ndhcp\n',
      ],
    });
  });
});
