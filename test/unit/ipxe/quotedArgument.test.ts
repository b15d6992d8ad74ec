import { describe, it } from 'vitest';
import { checkRule } from '../../helpers/markers';

const RULE = 'ipxe.quotedArgument';

describe(RULE, () => {
  it('points out quotes, which iPXE keeps as part of the value', () => {
    checkRule(RULE, 'a.ipxe', {
      bad: [
        `#!ipxe\nset title "Home\n          ^^^^^ ${RULE}\n`,
        `#!ipxe\nkernel http://nas/k 'console=ttyS0'\n                    ^^^^^^^^^^^^^^^ ${RULE}\n`,
      ],
      good: [
        '#!ipxe\necho "quoted text is printed as is"\n',
        '#!ipxe\nitem fcos "Fedora"\n',
        '#!ipxe\nset title Home lab\n',
      ],
    });
  });
});
