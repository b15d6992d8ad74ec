import { describe, it } from 'vitest';
import { checkRule } from '../../helpers/markers';

const RULE = 'ipxe.danglingOperator';

describe(RULE, () => {
  it('flags || and && with no command before them', () => {
    checkRule(RULE, 'a.ipxe', {
      bad: [
        `#!ipxe\n|| goto failed\n^^ ${RULE}\n:failed\n`,
        `#!ipxe\n:x && echo hi\n   ^^ ${RULE}\n`,
        `#!ipxe\necho a || && echo b\n          ^^ ${RULE}\n`,
      ],
      good: ['#!ipxe\nchain http://nas/a ||\n', '#!ipxe\necho a||b\n', '#!ipxe\ndhcp && echo ok || echo no\n'],
    });
  });
});
