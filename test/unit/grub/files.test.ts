import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { lintText } from '../../../lib/engine';
import { grubFileRefs, localPathOf, parseGrub } from '../../../lib/languages/grub';
import { diskContext } from '../../../lib/site/view';
import { fakeGrubImage } from '../../helpers/grubImage';
import { describeFindings, stripMarkers } from '../../helpers/markers';

/** A TFTP root holding `files` (a Buffer for binaries), optionally with a site file; returns the root. */
function tree(files: Record<string, string | Buffer>, site = false): string {
  const base = mkdtempSync(join(tmpdir(), 'pxe-grub-'));
  const root = join(base, 'tftp');
  for (const [name, content] of Object.entries(files)) {
    mkdirSync(join(root, name, '..'), { recursive: true });
    writeFileSync(join(root, name), content);
  }
  mkdirSync(root, { recursive: true });
  if (site)
    writeFileSync(
      join(base, 'pxe-site.json'),
      JSON.stringify({
        version: 1,
        name: 't',
        network: { subnet: '192.168.255.0/24', router: '192.168.255.1', nas: '192.168.255.2' },
        tftp: { root: 'tftp', server: '192.168.255.2' },
        http: { baseUrl: 'http://192.168.255.2/tftp/', root: 'tftp' },
      }),
    );
  return root;
}

function check(rule: string, path: string, fixture: string): void {
  const { text, expected } = stripMarkers(fixture);
  const findings = lintText(path, text, { context: diskContext(path) }).findings.filter((f) => f.ruleId === rule);
  expect(describeFindings(text, findings).sort()).toEqual(
    expected.map((e) => `${e.line}:${e.start}-${e.end} ${e.ruleId}`).sort(),
  );
}

describe('grubFileRefs and localPathOf', () => {
  it('reads devices, the default server, $prefix and set root, and maps them into the TFTP root or the HTTP folder', () => {
    const root = tree({ 'grubx64.efi': 'x' }, true);
    const path = join(root, 'grub', 'grub.cfg');
    const text = [
      "menuentry 'a' {",
      '  linux (tftp)/fcos/vmlinuz ignition.config.url=http://192.168.255.2/tftp/c.ign',
      '  initrd (http,192.168.255.2)/tftp/fcos/initrd.img (tftp,10.9.9.9)/other.img',
      '}',
      'configfile $prefix/extra.cfg',
      'set root=(http,${net_default_server})',
      "menuentry 'b' { linux /fcos/vmlinuz }",
      "menuentry 'c' { set root=(hd0,gpt1); chainloader /EFI/BOOT/BOOTX64.EFI }",
    ].join('\n');
    const refs = grubFileRefs(parseGrub(text).ast);
    expect(refs.map((r) => [r.role, r.protocol, r.host, r.path, r.entry])).toEqual([
      ['kernel', 'tftp', undefined, 'fcos/vmlinuz', 'a'],
      ['initrd', 'http', '192.168.255.2', 'tftp/fcos/initrd.img', 'a'],
      ['initrd', 'tftp', '10.9.9.9', 'other.img', 'a'],
      ['config', 'root', undefined, 'extra.cfg', undefined],
      ['kernel', 'http', undefined, 'fcos/vmlinuz', 'b'],
      ['chainload', 'other', undefined, 'EFI/BOOT/BOOTX64.EFI', 'c'],
    ]);
    const context = diskContext(path);
    expect(refs.map((r) => localPathOf(r, context))).toEqual([
      join(root, 'fcos', 'vmlinuz'),
      join(root, 'fcos', 'initrd.img'),
      undefined,
      join(root, 'grub', 'extra.cfg'),
      undefined, // http://192.168.255.2/fcos/vmlinuz is not under the site's base URL (…/tftp/)
      undefined,
    ]);
  });
});

describe('grub.missingFile', () => {
  const RULE = 'grub.missingFile';
  it('speaks of near misses and of entries whose other files are there, beside a GRUB loader', () => {
    const root = tree({ 'grubx64.efi': 'x', 'fcos/vmlinuz': 'k', 'fcos/initrd.img': 'i' });
    check(
      RULE,
      join(root, 'grub', 'grub.cfg'),
      `menuentry 'a' {\n  linux /fcos/vmlinuz\n  initrd /fcos/rootfs.img\n         ^^^^^^^^^^^^^^^^ ${RULE}\n}\n` +
        `menuentry 'b' {\n  linux /fcos/vmlinux\n        ^^^^^^^^^^^^^ ${RULE}\n}\n` +
        "menuentry 'c' {\n  linux /later/vmlinuz\n}\nif [ -e $prefix/local.cfg ]; then source $prefix/local.cfg; fi\n",
    );
  });

  it('speaks of every missing file where the site names the TFTP root; quiet where the root is unknown', () => {
    const root = tree({ 'fcos/vmlinuz': 'k' }, true);
    check(
      RULE,
      join(root, 'grub', 'grub.cfg'),
      `menuentry 'c' {\n  linux /later/vmlinuz\n        ^^^^^^^^^^^^^^ ${RULE}\n}\n`,
    );
    const elsewhere = mkdtempSync(join(tmpdir(), 'pxe-nogrub-'));
    check(RULE, join(elsewhere, 'grub.cfg'), "menuentry 'c' {\n  linux /later/vmlinuz\n}\n");
  });
});

describe('grub.commandUnavailable', () => {
  const RULE = 'grub.commandUnavailable';
  const image = fakeGrubImage({ modules: ['normal', 'linux', 'tftp', 'net'], prefix: '/grub', signed: true });

  it('under shim: modules not built in, and commands Secure Boot lockdown refuses', () => {
    const root = tree({ 'grubx64.efi': image, 'bootx64.efi': 'shim' });
    check(
      RULE,
      join(root, 'grub', 'grub.cfg'),
      `insmod regexp\n       ^^^^^^ ${RULE}\ninsmod linux\nwrmsr 0x10 0\n^^^^^ ${RULE}\n` +
        `menuentry 'a' {\n  linuxefi /v\n  ^^^^^^^^ ${RULE}\n  linux /v\n}\n`,
    );
  });

  it('without shim: a module file beside the image will do', () => {
    const root = tree({ 'grubx64.efi': image, 'grub/x86_64-efi/regexp.mod': 'm' });
    check(
      RULE,
      join(root, 'grub', 'grub.cfg'),
      `insmod regexp\ninsmod http\n       ^^^^ ${RULE}\nwrmsr 0x10 0\n^^^^^ ${RULE}\n`,
    );
  });

  it('takes Secure Boot as the site says it: off, module files load and lockdown is not there', () => {
    const root = tree({ 'grubx64.efi': image, 'bootx64.efi': 'shim', 'grub/x86_64-efi/regexp.mod': 'm' }, true);
    const base = join(root, '..');
    const site = JSON.parse(readFileSync(join(base, 'pxe-site.json'), 'utf8')) as Record<string, unknown>;
    writeFileSync(join(base, 'pxe-site.json'), JSON.stringify({ ...site, secureBoot: { uefi: false } }));
    check(RULE, join(root, 'grub', 'grub.cfg'), 'insmod regexp\nwrmsr 0x10 0\n^^^^^ ' + RULE + '\n');
  });

  it('leaves vendor commands to their vendor builds', () => {
    const rh = fakeGrubImage({
      modules: ['normal', 'linux'],
      prefix: '/grub',
      sbat: 'grub.rh,2,Red Hat,grub2,2.06-70,x\n',
    });
    const root = tree({ 'grubx64.efi': rh, 'shimx64.efi': 'shim' });
    check(RULE, join(root, 'grub.cfg'), "menuentry 'a' {\n  linuxefi /v\n  initrdefi /i\n}\n");
  });
});

describe('grub.linux16OnEfi', () => {
  const RULE = 'grub.linux16OnEfi';
  it('flags linux16 where the root has only UEFI GRUB, outside conditions', () => {
    const image = fakeGrubImage({ modules: ['normal'], prefix: '/grub' });
    const efi = tree({ 'grubx64.efi': image });
    check(
      RULE,
      join(efi, 'grub', 'grub.cfg'),
      `menuentry 'm' {\n  linux16 /memtest\n  ^^^^^^^ ${RULE}\n}\nif [ "$grub_platform" = pc ]; then linux16 /m; fi\n`,
    );
    const both = tree({ 'grubx64.efi': image, 'core.0': 'bios' });
    check(RULE, join(both, 'grub', 'grub.cfg'), "menuentry 'm' {\n  linux16 /memtest\n}\n");
  });
});
