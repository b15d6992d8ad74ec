import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LookupError } from '../../../lib/languages';
import {
  explainGrubLookup,
  formatGrubLookup,
  grubLookupNames,
  grubLookupOrder,
  readGrubImage,
} from '../../../lib/languages/grub';
import { diskFiles } from '../../../lib/site';
import { fakeGrubImage } from '../../helpers/grubImage';

const DEBIAN = 'node_modules/.cache/pxe-secureboot/root/usr/lib/grub/x86_64-efi-signed/grubnetx64.efi.signed';
const MACHINE = { mac: '52:54:00:12:34:56', ip: '192.168.255.50' };

function tftp(files: string[]): string {
  const root = mkdtempSync(join(tmpdir(), 'pxe-grub-'));
  for (const f of files) {
    mkdirSync(join(root, f, '..'), { recursive: true });
    writeFileSync(join(root, f), '# grub\n');
  }
  return root;
}

describe('grubLookupOrder (grub_net_search_config_file)', () => {
  it('tries the UUID, 01-<mac>, the hex IP shortened to one digit, then grub.cfg, under the prefix', () => {
    expect(grubLookupOrder({ ...MACHINE, uuid: 'B8945908-D6A6-41A9-611D-74A6AB80B83D' }, 'boot/grub')).toEqual([
      'boot/grub/grub.cfg-b8945908-d6a6-41a9-611d-74a6ab80b83d',
      'boot/grub/grub.cfg-01-52-54-00-12-34-56',
      'boot/grub/grub.cfg-C0A8FF32',
      'boot/grub/grub.cfg-C0A8FF3',
      'boot/grub/grub.cfg-C0A8FF',
      'boot/grub/grub.cfg-C0A8F',
      'boot/grub/grub.cfg-C0A8',
      'boot/grub/grub.cfg-C0A',
      'boot/grub/grub.cfg-C0',
      'boot/grub/grub.cfg-C',
      'boot/grub/grub.cfg',
    ]);
    expect(grubLookupOrder(MACHINE, '')[0]).toBe('grub.cfg-01-52-54-00-12-34-56');
    expect(grubLookupNames('52-54-00-12-34-56')).toEqual(['grub.cfg-01-52-54-00-12-34-56', 'grub.cfg']);
  });

  it('refuses malformed input with what to write instead', () => {
    expect(() => grubLookupOrder({ mac: 'nope', ip: '1.2.3.4' }, '')).toThrow(LookupError);
    expect(() => grubLookupOrder({ mac: MACHINE.mac, ip: '1.2.3' }, '')).toThrow(/192\.168\.255\.50/);
    expect(() => grubLookupOrder({ ...MACHINE, uuid: 'x' }, '')).toThrow(/not a UUID/);
  });
});

describe('explainGrubLookup', () => {
  it.skipIf(!existsSync(DEBIAN))(
    'Debian’s grubnetx64.efi: the memdisk config’s two fixed paths under /grub, no per-machine names',
    () => {
      const root = tftp(['grub/grub.cfg', 'grub/grub.cfg-01-52-54-00-12-34-56']);
      const image = readGrubImage(readFileSync(DEBIAN));
      const result = explainGrubLookup(MACHINE, root, diskFiles(), image, { imageName: 'grubx64.efi' });
      // `[ -e $prefix/x86_64-efi/grub.cfg ]` is false over TFTP: only the else branch is read.
      expect(result.steps.map((s) => s.name)).toEqual(['grub/grub.cfg']);
      expect(result.chosen?.name).toBe('grub/grub.cfg');
      const text = formatGrubLookup(result);
      expect(text).toContain(
        'grubx64.efi (debian 2.06-13+deb12u2, x86_64-efi), prefix /grub, runs `normal (memdisk)/grub.cfg`',
      );
      expect(text).toContain('GRUB reads grub/grub.cfg.');
      expect(text).toContain('tries no per-machine names');
    },
  );

  it('an upstream net image (prefix, no embedded config): the per-machine search under the prefix', () => {
    const root = tftp(['boot/grub/grub.cfg', 'boot/grub/grub.cfg-C0A8FF']);
    const image = readGrubImage(fakeGrubImage({ modules: ['normal', 'tftp'], prefix: '/boot/grub' }));
    const result = explainGrubLookup(MACHINE, root, diskFiles(), image);
    expect(result.steps[0]?.name).toBe('boot/grub/grub.cfg-01-52-54-00-12-34-56');
    expect(result.chosen?.name).toBe('boot/grub/grub.cfg-C0A8FF');
    expect(formatGrubLookup(result)).toMatch(/grub\.cfg-C0A8FF {3}← used/);
  });

  it('GRUB before 2.06 reads grub.cfg alone; Red Hat builds search the folder they came from first', () => {
    const root = tftp(['uefi/grub.cfg']);
    const old = readGrubImage(
      fakeGrubImage({ prefix: '/grub', sbat: 'grub,1,Free Software Foundation,grub,2.04,x\n' }),
    );
    expect(explainGrubLookup(MACHINE, root, diskFiles(), old).steps.map((s) => s.name)).toEqual(['grub/grub.cfg']);
    const rh = readGrubImage(
      fakeGrubImage({
        prefix: '/EFI/redhat',
        sbat: 'grub,3,Free Software Foundation,grub,2.06,x\ngrub.rh,2,Red Hat,grub2,2.06-70,x\n',
      }),
    );
    const result = explainGrubLookup(MACHINE, root, diskFiles(), rh, { bootFile: 'uefi/grubx64.efi' });
    expect(result.steps[0]?.name).toBe('uefi/grub.cfg-01-52-54-00-12-34-56');
    expect(result.steps.at(-1)?.name).toBe('EFI/redhat/grub.cfg');
    expect(result.chosen?.name).toBe('uefi/grub.cfg');
  });

  it('without an image: the search beside the boot file, and a note on Debian’s layout', () => {
    const root = tftp([]);
    const result = explainGrubLookup(MACHINE, root, diskFiles(), undefined, {
      bootFile: 'boot/grub/x86_64-efi/core.efi',
    });
    expect(result.steps[0]?.name).toBe('boot/grub/grub.cfg-01-52-54-00-12-34-56');
    expect(result.chosen).toBeUndefined();
    const text = formatGrubLookup(result);
    expect(text).toContain('None of these exists');
    expect(text).toContain("Debian's signed grubnetx64.efi reads grub/grub.cfg instead");
  });
});
