import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { lintText } from '../../../lib/engine';
import { diskContext } from '../../../lib/site/view';
import { describeFindings, stripMarkers } from '../../helpers/markers';

/** A workspace with a site file and a TFTP root holding `files`; returns the config's path. */
function tftpTree(files: string[], site = true, contents: Record<string, string> = {}): string {
  const root = mkdtempSync(join(tmpdir(), 'pxe-tftp-'));
  mkdirSync(join(root, 'tftp', 'pxelinux.cfg'), { recursive: true });
  for (const file of files) {
    mkdirSync(join(root, 'tftp', file, '..'), { recursive: true });
    writeFileSync(join(root, 'tftp', file), contents[file] ?? 'x');
  }
  if (site) {
    writeFileSync(
      join(root, 'pxe-site.json'),
      JSON.stringify({
        version: 1,
        name: 't',
        network: { subnet: '192.168.255.0/24', router: '192.168.255.1', nas: '192.168.255.2' },
        tftp: { root: 'tftp', server: '192.168.255.2' },
        http: { baseUrl: 'http://192.168.255.2/tftp/', root: 'tftp' },
      }),
    );
  }
  return join(root, 'tftp', 'pxelinux.cfg', 'default');
}

function check(rule: string, path: string, fixture: string): void {
  const { text, expected } = stripMarkers(fixture);
  const findings = lintText(path, text, { context: diskContext(path) }).findings.filter((f) => f.ruleId === rule);
  expect(describeFindings(text, findings).sort()).toEqual(
    expected.map((e) => `${e.line}:${e.start}-${e.end} ${e.ruleId}`).sort(),
  );
}

const BIOS = ['lpxelinux.0', 'ldlinux.c32', 'menu.c32', 'libutil.c32'];

describe('pxelinux.missingFile', () => {
  const RULE = 'pxelinux.missingFile';
  it('resolves names against the TFTP root and http:// URLs through the site', () => {
    const path = tftpTree([...BIOS, 'fcos/vmlinuz', 'fcos/initrd.img']);
    check(
      RULE,
      path,
      `UI menu.c32\nLABEL a\n  KERNEL fcos/vmlinuz\n  INITRD fcos/initrd.img,fcos/rootfs.img\n                         ` +
        `^^^^^^^^^^^^^^^ ${RULE}\nLABEL b\n  KERNEL http://192.168.255.2/tftp/fcos/vmlinux\n         ` +
        `^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ ${RULE}\n  APPEND initrd=fcos/initrd.img,nope.img\n      ` +
        `                          ^^^^^^^^ ${RULE}\nLABEL c\n  KERNEL http://elsewhere.example/vmlinuz\n`,
    );
    const message = lintText(path, 'LABEL a\n  KERNEL vmlinuz\n', { context: diskContext(path) }).findings[0]!.message;
    expect(message).toContain(join('tftp', 'vmlinuz'));
  });

  it('stays quiet where the TFTP root is unknown', () => {
    const path = join(mkdtempSync(join(tmpdir(), 'pxe-iso-')), 'isolinux.cfg');
    check(RULE, path, 'LABEL a\n  KERNEL /boot/vmlinuz\n');
  });
});

describe('pxelinux.missingModule', () => {
  const RULE = 'pxelinux.missingModule';
  it('wants ldlinux beside each loader and the UI module libraries', () => {
    const path = tftpTree(['lpxelinux.0', 'syslinux.efi', 'ldlinux.c32', 'vesamenu.c32', 'libutil.c32']);
    check(RULE, path, `UI vesamenu.c32\n^^ ${RULE}\n   ^^^^^^^^^^^^ ${RULE}\n`);
    const messages = lintText(path, 'UI vesamenu.c32\n', { context: diskContext(path) })
      .findings.filter((f) => f.ruleId === RULE)
      .map((f) => f.message)
      .join('\n');
    expect(messages).toContain('ldlinux.e64');
    expect(messages).toContain('libcom32.c32');
  });

  it('is quiet when everything is there, and without a loader', () => {
    check(RULE, tftpTree(BIOS), 'UI menu.c32\n');
    check(RULE, tftpTree([]), 'UI menu.c32\n');
  });
});

describe('pxelinux.httpNeedsLpxelinux', () => {
  const RULE = 'pxelinux.httpNeedsLpxelinux';
  it('flags http:// paths when only pxelinux.0 is there', () => {
    const path = tftpTree(['pxelinux.0', 'ldlinux.c32', 'vmlinuz']);
    check(
      RULE,
      path,
      `LABEL a\n  KERNEL http://192.168.255.2/tftp/vmlinuz\n         ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ ${RULE}\n  INITRD initrd.img\n`,
    );
    check(
      RULE,
      tftpTree(['pxelinux.0', 'lpxelinux.0', 'ldlinux.c32']),
      'LABEL a\n  KERNEL http://192.168.255.2/tftp/vmlinuz\n',
    );
  });
});

describe('pxelinux.efiHttpHost', () => {
  const RULE = 'pxelinux.efiHttpHost';
  it('flags http:// hosts other than the TFTP server when syslinux.efi is in use (#907805)', () => {
    const path = tftpTree(['syslinux.efi', 'ldlinux.e64']);
    check(
      RULE,
      path,
      `LABEL a\n  KERNEL http://192.168.255.9/vmlinuz\n         ^^^^^^^^^^^^^^^^^^^^^^^^^^^^ ${RULE}\n  INITRD ` +
        `http://192.168.255.2/tftp/initrd.img\n`,
    );
    check(RULE, tftpTree(['lpxelinux.0', 'ldlinux.c32']), 'LABEL a\n  KERNEL http://192.168.255.9/vmlinuz\n');
  });
});

/** A loader stand-in as the corpus has them: a NUL, then the banner the real binary carries. */
const banner = (version: string): string => `\0PXE-WORKBENCH-STAND-IN\0 ... ${version} 2014-10-06\0`;

describe('pxelinux.missingFile without a site file', () => {
  const RULE = 'pxelinux.missingFile';
  it('is quiet in a folder of configs with no loader: kernels there come at build or deploy time', () => {
    check(RULE, tftpTree([], false), 'LABEL a\n  KERNEL memdisk\n  INITRD images/rhel/initrd.img\n');
  });

  it('beside a loader, flags a near miss (a typo) and leaves absent folders and `../` names alone', () => {
    const path = tftpTree(
      ['pxelinux.0', 'ldlinux.c32', 'vesamenu.c32', 'libutil.c32', 'libcom32.c32', 'er/menu/default.menu'],
      false,
    );
    check(
      RULE,
      path,
      `UI vesamenu.c23\n   ^^^^^^^^^^^^ ${RULE}\nMENU INCLUDE er/menu/defaults.menu\n             ^^^^^^^^^^^^^^^^^^^^^ ` +
        `${RULE}\nLABEL a\n  KERNEL salixlive/vmlinuz\n  INITRD memdisk\n`,
    );
    check(RULE, path, 'LABEL hdt\n  KERNEL hdt_0_5_2.c32\nLABEL exit\n  KERNEL ../ipxe/ipxe.lkrn\n');
    // An entry whose initrd is in the tree is served from it: its kernel in an absent folder is a real miss.
    const served = tftpTree(['menu.c32', 'fedora-coreos/initrd.img'], false);
    check(
      RULE,
      served,
      `LABEL b\n  KERNEL fcos/vmlinuz\n         ^^^^^^^^^^^^ ${RULE}\n  INITRD fedora-coreos/initrd.img\nLABEL c\n  ` +
        `KERNEL images/vmlinuz\n`,
    );
    const finding = lintText(path, 'UI vesamenu.c23\n', { context: diskContext(path) }).findings.find(
      (f) => f.ruleId === RULE,
    )!;
    expect(finding.message).toContain('Did you mean `vesamenu.c32`');
    expect(finding.fixes?.[0]?.edits[0]?.newText).toBe('vesamenu.c32');
  });
});

describe('pxelinux.missingModule by SYSLINUX version', () => {
  const RULE = 'pxelinux.missingModule';
  it('wants no ldlinux.c32 or libraries beside a 3.x/4.x loader', () => {
    check(
      RULE,
      tftpTree(['pxelinux.0', 'vesamenu.c32'], false, { 'pxelinux.0': banner('PXELINUX 4.05') }),
      'UI vesamenu.c32\n',
    );
    check(
      RULE,
      tftpTree(['pxelinux.0', 'menu.c32'], false, { 'pxelinux.0': banner('PXELINUX 3.84') }),
      'DEFAULT menu.c32\n',
    );
  });

  it('wants them beside a 6.x loader, and names its version', () => {
    const path = tftpTree(['pxelinux.0', 'vesamenu.c32'], false, { 'pxelinux.0': banner('PXELINUX 6.03') });
    check(RULE, path, `UI vesamenu.c32\n^^ ${RULE}\n   ^^^^^^^^^^^^ ${RULE}\n   ^^^^^^^^^^^^ ${RULE}\n`);
    expect(
      lintText(path, 'UI x\n', { context: diskContext(path) }).findings.find((f) => f.ruleId === RULE)?.message,
    ).toContain('PXELINUX 6.03');
  });

  it('finds ldlinux.c32 where the 6.x core looks for it (/boot/isolinux, /syslinux, …)', () => {
    check(
      RULE,
      tftpTree(['pxelinux.0', 'boot/isolinux/ldlinux.c32'], false, { 'pxelinux.0': banner('PXELINUX 6.03') }),
      'UI boot/isolinux/vesamenu.c32\n',
    );
  });
});

describe('pxelinux.newerKeyword', () => {
  const RULE = 'pxelinux.newerKeyword';
  it('flags keywords the loader in the tree is too old to read, and names both versions', () => {
    const path = tftpTree(['pxelinux.0'], false, { 'pxelinux.0': banner('PXELINUX 4.05') });
    check(
      RULE,
      path,
      `PATH modules\n^^^^ ${RULE}\nLABEL a\n  KERNEL k\n  INITRD i.img\n  SYSAPPEND 2\n  ^^^^^^^^^ ${RULE}\n`,
    );
    expect(
      lintText(path, 'LABEL a\n  SYSAPPEND 2\n', { context: diskContext(path) }).findings.find((f) => f.ruleId === RULE)
        ?.message,
    ).toMatch(/5\.10 and later.*PXELINUX 4\.05.*IPAPPEND/);
    check(
      RULE,
      tftpTree(['pxelinux.0'], false, { 'pxelinux.0': banner('PXELINUX 6.03') }),
      'PATH modules\nLABEL a\n  SYSAPPEND 2\n',
    );
    check(RULE, tftpTree(['pxelinux.0'], false), 'PATH modules\n');
  });
});

describe('pxelinux.missingModule under ISOLINUX', () => {
  const RULE = 'pxelinux.missingModule';
  /** An ISO's isolinux/ folder holding `files`, isolinux.bin with the given banner; returns isolinux.cfg's path. */
  function isoTree(files: string[], version: string): string {
    const dir = join(mkdtempSync(join(tmpdir(), 'pxe-iso-')), 'isolinux');
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'isolinux.bin'), banner(version));
    for (const file of files) writeFileSync(join(dir, file), 'x');
    return join(dir, 'isolinux.cfg');
  }

  it('wants ldlinux.c32 beside an ISOLINUX 6.x isolinux.bin, not beside 4.x', () => {
    check(RULE, isoTree([], 'ISOLINUX 6.03'), `DEFAULT a\n^^^^^^^ ${RULE}\nLABEL a\n  LINUX vmlinuz\n`);
    check(RULE, isoTree(['ldlinux.c32'], 'ISOLINUX 6.03'), 'DEFAULT a\nLABEL a\n  LINUX vmlinuz\n');
    check(RULE, isoTree(['menu.c32'], 'ISOLINUX 4.05'), 'UI menu.c32\nLABEL a\n  LINUX vmlinuz\n');
  });
});
