import { describe, expect, it } from 'vitest';
import { checkRule, lintFixture } from '../../helpers/markers';

describe('pxelinux.duplicateLabel', () => {
  const RULE = 'pxelinux.duplicateLabel';
  it('flags a label defined twice', () => {
    checkRule(RULE, 'pxelinux.cfg/default', {
      bad: [`LABEL a\nLABEL b\nLABEL a\n      ^ ${RULE}\n`],
      good: ['LABEL a\nLABEL b\n'],
    });
    expect(lintFixture('pxelinux.cfg/default', 'LABEL a\nLABEL a\n', RULE).findings[0]!.related?.[0]?.message).toBe(
      'first definition',
    );
  });

  it('reads the whole line as the name, and with a menu speaks only of names something boots by', () => {
    checkRule(RULE, 'pxelinux.cfg/default', {
      bad: [`UI menu.c32\nDEFAULT x\nLABEL x\n  MENU LABEL One\nLABEL x\n      ^ ${RULE}\n  MENU LABEL Two\n`],
      good: [
        'LABEL Ubuntu_Server 17.04\nLABEL Ubuntu_Server 16.04\n',
        'UI menu.c32\nLABEL x\n  MENU LABEL One\nLABEL x\n  MENU LABEL Two\n',
      ],
    });
  });
});

describe('pxelinux.duplicateDefault', () => {
  const RULE = 'pxelinux.duplicateDefault';
  it('flags DEFAULT, UI and MENU DEFAULT given more than once, on the ignored one', () => {
    checkRule(RULE, 'pxelinux.cfg/default', {
      bad: [
        `DEFAULT a\n^^^^^^^^^ ${RULE}\nDEFAULT b\nLABEL a\nLABEL b\n`,
        `UI menu.c32\n^^^^^^^^^^^ ${RULE}\nUI vesamenu.c32\n`,
      ],
      good: [
        'DEFAULT a\nUI menu.c32\nLABEL a\n  MENU DEFAULT\n',
        'LABEL a\n  MENU DEFAULT\nMENU BEGIN tools\n  LABEL b\n    MENU DEFAULT\nMENU END\nMENU BEGIN more\n  LABEL c\n  ' +
          '  MENU DEFAULT\nMENU END\n',
      ],
    });
  });
});

describe('pxelinux.initrdTwice', () => {
  const RULE = 'pxelinux.initrdTwice';
  it('flags INITRD together with initrd= in APPEND', () => {
    checkRule(RULE, 'pxelinux.cfg/default', {
      bad: [
        `LABEL a\n  KERNEL k\n  INITRD i.img\n  APPEND quiet initrd=i.img ip=dhcp\n               ^^^^^^^^^^^^ ${RULE}\n`,
      ],
      good: ['LABEL a\n  INITRD i.img\n  APPEND quiet\n', 'LABEL b\n  APPEND initrd=i.img\n'],
    });
  });
});
