import { describe, it } from 'vitest';
import { checkRule } from '../../helpers/markers';

const RULE = 'ipxe.unreachableCode';

describe(RULE, () => {
  it('flags lines after an unconditional exit, goto, boot or chain --replace', () => {
    checkRule(RULE, 'a.ipxe', {
      bad: [
        `#!ipxe\nboot\necho never\n^^^^^^^^^^ ${RULE}\n`,
        `#!ipxe\ngoto end\necho a || echo b\n^^^^^^^^^^^^^^^^ ${RULE}\n:end\n`,
        `#!ipxe\nchain --replace http://nas/next.ipxe\nshell\n^^^^^ ${RULE}\n`,
      ],
      good: [
        '#!ipxe\nboot || goto failed\n:failed\nshell\n',
        '#!ipxe\nchain http://nas/menu.ipxe\necho back from the menu\n',
        '#!ipxe\nisset ${x} && goto skip\necho y\n:skip\n',
        '#!ipxe\nexit\n\n# a comment\n',
      ],
    });
  });
});
