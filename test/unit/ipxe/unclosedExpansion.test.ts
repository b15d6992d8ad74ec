import { describe, it } from 'vitest';
import { checkRule } from '../../helpers/markers';

const RULE = 'ipxe.unclosedExpansion';

describe(RULE, () => {
  it('flags ${ without }', () => {
    checkRule(RULE, 'a.ipxe', {
      bad: [`#!ipxe\nchain http://\${next-server/boot.ipxe\n             ^^ ${RULE}\n`],
      good: [
        '#!ipxe\nchain http://${next-server}/boot.ipxe\n',
        '#!ipxe\necho ${net${i}/mac}\n',
        '#!ipxe\necho $ and { alone\n',
      ],
    });
  });
});
