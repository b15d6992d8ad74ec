import { describe, expect, it } from 'vitest';
import { classify } from '../../../lib/engine/classify';
import { parsePxelinux } from '../../../lib/languages/pxelinux';
import { completePxelinux } from '../../../lib/languages/pxelinux/complete';
import { hoverPxelinux } from '../../../lib/languages/pxelinux/hover';
import { versionIn } from '../../../lib/languages/pxelinux/loader';
import { checkRule, lintFixture } from '../../helpers/markers';

describe('which files in pxelinux.cfg/ are configs', () => {
  it('takes lookup names, .cfg/.conf/.menu and anything that reads as a config; leaves help screens, scripts and data', () => {
    expect(classify('/t/pxelinux.cfg/default', 'DEFAULT a\n')).toBe('pxelinux');
    expect(classify('/t/pxelinux.cfg/01-52-54-00-12-34-56', '')).toBe('pxelinux');
    expect(classify('/t/pxelinux.cfg/bios.cfg', '# menu\n')).toBe('pxelinux');
    expect(classify('/t/pxelinux.cfg/default.old', '# kept\nDEFAULT menu.c32\n')).toBe('pxelinux');
    expect(classify('/t/pxelinux.cfg/f1.txt', '\x0c\x0f07Welcome\x0f07 to the installer\n')).toBeUndefined();
    expect(classify('/t/pxelinux.cfg/redirip.sh', '#!/bin/bash\nlist_ips() {\n')).toBeUndefined();
    expect(classify('/t/pxelinux.cfg/modules.pcimap', '# pci module  vendor\nshpchp 0xffffffff\n')).toBeUndefined();
    // SYSLINUX menu fragments named .menu (ERPXE's MENU INCLUDE files) are configs by content.
    expect(classify('/t/er/menu/diag.menu', '# diag.menu\nMENU BEGIN DIAG\n')).toBe('pxelinux');
    expect(classify('/t/notes.menu', 'Lunch: soup\n')).toBeUndefined();
  });
});

describe('pxelinux.unknownKeyword in U-Boot extlinux.conf', () => {
  const RULE = 'pxelinux.unknownKeyword';
  it("knows U-Boot's own keywords (boot/pxe_utils.c) and still catches typos", () => {
    checkRule(RULE, 'extlinux.conf', {
      bad: [`label linux\n  kernel /Image\n  fdtdri /dtbs\n  ^^^^^^ ${RULE}\n`],
      good: [
        'menu title Boot\ntimeout 30\ndefault linux\nlabel linux\n  kernel /Image\n  fdtdir /dtbs\n  fdtoverlays ' +
          '/o/a.dtbo /o/b.dtbo\n  devicetree /system.dtb\n  devicetreedir /d\n  initrd /initrd\n  append ' +
          'root=/dev/mmcblk0p2\n',
      ],
    });
    expect(lintFixture('extlinux.conf', 'label a\n  fdtdri /d\n', RULE).findings[0]!.message).toContain(
      'Did you mean `fdtdir`',
    );
  });
});

describe('loader versions', () => {
  it('reads the banner a SYSLINUX loader carries', () => {
    const bytes = (s: string) => new Uint8Array(Buffer.from(s, 'latin1'));
    expect(versionIn(bytes('\0\x7f junk PXELINUX 4.05 20140113 Copyright'))).toEqual({
      version: 'PXELINUX 4.05',
      major: 4,
      number: 4.05,
    });
    expect(versionIn(bytes('ISOLINUX 6.03 2014-10-06'))).toEqual({ version: 'ISOLINUX 6.03', major: 6, number: 6.03 });
    expect(versionIn(bytes('no banner'))).toBeUndefined();
  });
});

describe('U-Boot keywords in hover and completion', () => {
  it('explains fdtdir, and offers it in extlinux.conf only', () => {
    const text = 'label linux\n  fdtdir /dtbs\n  f';
    const config = parsePxelinux(text).ast;
    expect(hoverPxelinux(config, text, text.indexOf('fdtdir') + 2)?.markdown).toContain('U-Boot');
    const labels = (path: string) => completePxelinux(config, text, text.length, { path }).map((c) => c.label);
    expect(labels('/b/boot/extlinux/extlinux.conf')).toContain('FDTDIR');
    expect(labels('/t/pxelinux.cfg/default')).not.toContain('FDTDIR');
  });
});
