import { describe, it } from 'vitest';
import { checkRule } from '../../helpers/markers';

const RULE = 'pxelinux.misplacedKeyword';

describe(RULE, () => {
  it('flags per-entry keywords before the first LABEL and global ones inside a LABEL', () => {
    checkRule(RULE, 'pxelinux.cfg/default', {
      bad: [`LINUX vmlinuz\n^^^^^ ${RULE}\nLABEL a\n  TIMEOUT 50\n  ^^^^^^^ ${RULE}\n  MENU TITLE x\n  ^^^^^^^^^^ ${RULE}\n`, `MENU LABEL Boot\n^^^^^^^^^^ ${RULE}\n`],
      good: ['DEFAULT a\nTIMEOUT 50\nAPPEND quiet\nLABEL a\n  KERNEL vmlinuz\n  APPEND -\n  MENU LABEL A\n  MENU DEFAULT\n  TEXT HELP\n  TIMEOUT is just help text here\n  ENDTEXT\n'],
    });
  });
});
