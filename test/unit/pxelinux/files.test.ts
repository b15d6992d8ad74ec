import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { lintText } from '../../../server/src/engine';
import { diskContext } from '../../../server/src/site/context';
import { describeFindings, stripMarkers } from '../../helpers/markers';

/** A workspace with a site file and a TFTP root holding `files`; returns the config's path. */
function tftpTree(files: string[], site = true): string {
  const root = mkdtempSync(join(tmpdir(), 'pxe-tftp-'));
  mkdirSync(join(root, 'tftp', 'pxelinux.cfg'), { recursive: true });
  for (const file of files) {
    mkdirSync(join(root, 'tftp', file, '..'), { recursive: true });
    writeFileSync(join(root, 'tftp', file), 'x');
  }
  if (site) {
    writeFileSync(
      join(root, 'pxe-site.json'),
      JSON.stringify({ version: 1, name: 't', network: { subnet: '192.168.255.0/24', router: '192.168.255.1', nas: '192.168.255.2' }, tftp: { root: 'tftp', server: '192.168.255.2' }, http: { baseUrl: 'http://192.168.255.2/tftp/', root: 'tftp' } }),
    );
  }
  return join(root, 'tftp', 'pxelinux.cfg', 'default');
}

function check(rule: string, path: string, fixture: string): void {
  const { text, expected } = stripMarkers(fixture);
  const findings = lintText(path, text, { context: diskContext(path) }).findings.filter((f) => f.ruleId === rule);
  expect(describeFindings(text, findings).sort()).toEqual(expected.map((e) => `${e.line}:${e.start}-${e.end} ${e.ruleId}`).sort());
}

const BIOS = ['lpxelinux.0', 'ldlinux.c32', 'menu.c32', 'libutil.c32'];

describe('pxelinux.missingFile', () => {
  const RULE = 'pxelinux.missingFile';
  it('resolves names against the TFTP root and http:// URLs through the site', () => {
    const path = tftpTree([...BIOS, 'fcos/vmlinuz', 'fcos/initrd.img']);
    check(RULE, path, `UI menu.c32\nLABEL a\n  KERNEL fcos/vmlinuz\n  INITRD fcos/initrd.img,fcos/rootfs.img\n                         ^^^^^^^^^^^^^^^ ${RULE}\nLABEL b\n  KERNEL http://192.168.255.2/tftp/fcos/vmlinux\n         ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ ${RULE}\n  APPEND initrd=fcos/initrd.img,nope.img\n                                ^^^^^^^^ ${RULE}\nLABEL c\n  KERNEL http://elsewhere.example/vmlinuz\n`);
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
    const messages = lintText(path, 'UI vesamenu.c32\n', { context: diskContext(path) }).findings.filter((f) => f.ruleId === RULE).map((f) => f.message).join('\n');
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
    check(RULE, path, `LABEL a\n  KERNEL http://192.168.255.2/tftp/vmlinuz\n         ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ ${RULE}\n  INITRD initrd.img\n`);
    check(RULE, tftpTree(['pxelinux.0', 'lpxelinux.0', 'ldlinux.c32']), 'LABEL a\n  KERNEL http://192.168.255.2/tftp/vmlinuz\n');
  });
});

describe('pxelinux.efiHttpHost', () => {
  const RULE = 'pxelinux.efiHttpHost';
  it('flags http:// hosts other than the TFTP server when syslinux.efi is in use (#907805)', () => {
    const path = tftpTree(['syslinux.efi', 'ldlinux.e64']);
    check(RULE, path, `LABEL a\n  KERNEL http://192.168.255.9/vmlinuz\n         ^^^^^^^^^^^^^^^^^^^^^^^^^^^^ ${RULE}\n  INITRD http://192.168.255.2/tftp/initrd.img\n`);
    check(RULE, tftpTree(['lpxelinux.0', 'ldlinux.c32']), 'LABEL a\n  KERNEL http://192.168.255.9/vmlinuz\n');
  });
});
