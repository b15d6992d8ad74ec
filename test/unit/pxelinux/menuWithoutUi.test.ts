import { describe, expect, it } from 'vitest';
import { lintText } from '../../../lib/engine';
import { applyFix, checkRule, lintFixture } from '../../helpers/markers';

const RULE = 'pxelinux.menuWithoutUi';

describe(RULE, () => {
  it('flags a menu design in a first-read config that never starts a menu module', () => {
    checkRule(RULE, 'pxelinux.cfg/default', {
      bad: [`TIMEOUT 100\n^^^^^^^ ${RULE}\nMENU TITLE Boot\nLABEL a\n  MENU LABEL A\n  KERNEL k\n`],
      good: [
        'UI vesamenu.c32\nMENU TITLE Boot\nLABEL a\n',
        'DEFAULT menu.c32\nMENU TITLE Boot\nLABEL a\n',
        // A lone MENU HIDE in a prompt config designs no menu.
        'DEFAULT a\nPROMPT 1\nLABEL a\n  KERNEL k\nLABEL local\n  LOCALBOOT -1\n  MENU HIDE\n',
        'MENU TITLE x\nINCLUDE head.cfg\n',
      ],
    });
  });

  it('is quiet in U-Boot extlinux.conf and in files other configs include', () => {
    const quiet = (path: string, text: string) =>
      lintText(path, text, { context: { path } }).findings.filter((f) => f.ruleId === RULE);
    expect(quiet('/b/boot/extlinux/extlinux.conf', 'menu title Boot\nlabel a\n  kernel /Image\n')).toEqual([]);
    expect(quiet('/t/pxelinux.cfg/default', 'menu title Boot\nlabel a\n  kernel /Image\n  fdtdir /dtbs\n')).toEqual([]);
    expect(quiet('/t/menus/tools.cfg', 'MENU TITLE Tools\nLABEL a\n')).toEqual([]);
  });

  it('offers the UI line, vesamenu.c32 when the design needs graphics', () => {
    const r = lintFixture('isolinux.cfg', 'MENU BACKGROUND splash.png\nLABEL a\n', RULE);
    expect(applyFix(r.text, r.findings[0]!)).toBe('UI vesamenu.c32\nMENU BACKGROUND splash.png\nLABEL a\n');
  });
});
