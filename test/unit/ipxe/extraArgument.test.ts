import { describe, it } from 'vitest';
import { checkRule } from '../../helpers/markers';

const RULE = 'ipxe.extraArgument';

describe(RULE, () => {
  it('flags words beyond what the command takes (quotes do not group)', () => {
    checkRule(RULE, 'a.ipxe', {
      bad: [
        `#!ipxe\ngoto retry now\n           ^^^ ${RULE}\n:retry\n`,
        `#!ipxe\niseq \${a} "b c"\n             ^^ ${RULE}\n`,
      ],
      good: [
        '#!ipxe\nkernel http://nas/vmlinuz a b c d\n',
        '#!ipxe\nset title Home lab boot menu\n',
        '#!ipxe\nmenu Home lab\nitem fcos Fedora CoreOS live\n',
      ],
    });
  });
});
