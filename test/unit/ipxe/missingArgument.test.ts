import { describe, it } from 'vitest';
import { checkRule } from '../../helpers/markers';

const RULE = 'ipxe.missingArgument';

describe(RULE, () => {
  it('flags missing positional arguments and option values', () => {
    checkRule(RULE, 'a.ipxe', {
      bad: [
        `#!ipxe\ngoto\n^^^^ ${RULE}\n`,
        `#!ipxe\niseq \${a}\n^^^^^^^^^ ${RULE}\n`,
        `#!ipxe\nchoose --default\n       ^^^^^^^^^ ${RULE}\n^^^^^^^^^^^^^^^^ ${RULE}\n`,
        `#!ipxe\nkernel || goto failed\n^^^^^^ ${RULE}\n:failed\n`,
      ],
      good: [
        '#!ipxe\ngoto start\n:start\n',
        '#!ipxe\nboot\n',
        '#!ipxe\nset empty\n',
        '#!ipxe\nchoose --default fcos target\n',
        '#!ipxe\necho\n',
      ],
    });
  });
});
