import { existsSync, readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readGrubImage } from '../../../lib/languages/grub';
import { fakeGrubImage } from '../../helpers/grubImage';

const DEBIAN = 'node_modules/.cache/pxe-secureboot/root/usr/lib/grub/x86_64-efi-signed/grubnetx64.efi.signed';

describe('readGrubImage on Debian bookworm’s signed grubnetx64.efi', () => {
  // The binaries come from `node scripts/setup.mjs --test`.
  it.skipIf(!existsSync(DEBIAN))(
    'reads the prefix, the embedded config, the memdisk grub.cfg, the modules and SBAT',
    () => {
      const image = readGrubImage(readFileSync(DEBIAN))!;
      expect(image.platform).toBe('x86_64-efi');
      expect(image.prefix).toBe('/grub');
      expect(image.embeddedConfig?.trim()).toBe('normal (memdisk)/grub.cfg');
      expect(image.memdiskConfig).toContain('source $prefix/x86_64-efi/grub.cfg');
      expect(image.memdiskConfig).toContain('source $prefix/grub.cfg');
      expect(image.modules).toEqual(expect.arrayContaining(['tftp', 'efinet', 'linux', 'linuxefi', 'normal', 'net']));
      expect(image.modules).not.toContain('http');
      expect(image.sbat).toEqual({ version: '2.06', vendor: 'debian', vendorVersion: '2.06-13+deb12u2' });
      expect(image.signed).toBe(true);
    },
  );

  it.skipIf(!existsSync(DEBIAN))('never throws on the image cut anywhere or with bytes changed', () => {
    const bytes = readFileSync(DEBIAN);
    fc.assert(
      fc.property(
        fc.nat(bytes.length),
        fc.array(fc.tuple(fc.nat(bytes.length - 1), fc.nat(255)), { maxLength: 20 }),
        (cut, flips) => {
          const copy = Buffer.from(bytes.subarray(0, cut));
          for (const [at, value] of flips) if (at < copy.length) copy[at] = value;
          expect(() => readGrubImage(copy)).not.toThrow();
        },
      ),
      { numRuns: 60, seed: 7 },
    );
  });
});

describe('readGrubImage on built images and garbage', () => {
  it('reads a tar memdisk, the modules, the prefix and the config', () => {
    const image = readGrubImage(
      fakeGrubImage({
        modules: ['normal', 'tftp'],
        prefix: '(tftp)/boot/grub',
        config: 'normal',
        memdisk: 'echo hi\n',
      }),
    )!;
    expect(image).toMatchObject({
      platform: 'x86_64-efi',
      prefix: '(tftp)/boot/grub',
      embeddedConfig: 'normal',
      memdiskConfig: 'echo hi\n',
      modules: ['normal', 'tftp'],
      sbat: { version: '2.12' },
      signed: false,
    });
  });

  it('says undefined for what is no GRUB image, and never throws on random bytes', () => {
    expect(readGrubImage(new Uint8Array())).toBeUndefined();
    expect(readGrubImage(Buffer.from('MZ not really'))).toBeUndefined();
    expect(readGrubImage(Buffer.from('#!ipxe\n'))).toBeUndefined();
    const built = fakeGrubImage({ modules: ['a'], prefix: '/g', memdisk: 'x' });
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 2048 }), fc.nat(built.length), (noise, cut) => {
        expect(() => readGrubImage(noise)).not.toThrow();
        const mixed = Buffer.concat([built.subarray(0, cut), Buffer.from(noise)]);
        expect(() => readGrubImage(mixed)).not.toThrow();
      }),
      { numRuns: 300, seed: 11 },
    );
  });
});
