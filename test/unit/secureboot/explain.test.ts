/**
 * One sentence per verdict, naming who refuses, with which words, why, and the fix.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import {
  explain,
  firmwareDb,
  firmwareVerdict,
  readPe,
  shimVendorCert,
  shimVerdict,
  type ShimVendor,
} from '../../../lib/secureboot';
import { FILES, makePki, read, signCopy } from './files';

let debian: ShimVendor;
beforeAll(() => {
  const vendor = shimVendorCert(read(FILES.shim()));
  if (!vendor.ok) throw new Error(vendor.message);
  debian = vendor;
});

describe('explain', () => {
  it('says what loads and why', async () => {
    const verdict = firmwareVerdict(read(FILES.shim()), firmwareDb('microsoft-2011'), {}, { name: 'shimx64.efi' });
    expect(explain(verdict)).toBe(
      'The firmware accepts shimx64.efi: signed by Microsoft Windows UEFI Driver Publisher, issued by Microsoft ' +
        'Corporation UEFI CA 2011, which chains to Microsoft Corporation UEFI CA 2011 in the firmware’s db.',
    );
  });

  it('gives an unsigned loader the three ways out', async () => {
    const sentence = explain(firmwareVerdict(readPe(FILES.ipxe()), firmwareDb(), {}, { name: 'ipxe.efi' }));
    expect(sentence).toMatch(/^The firmware refuses ipxe\.efi \("Access Denied"\): it is not signed; /);
    expect(sentence).toContain('Microsoft-signed shim');
    expect(sentence).toContain('iPXE’s own signed shim release with the iPXE it loads');
    expect(sentence).toContain('turn Secure Boot off');
    expect(sentence.split('. ')).toHaveLength(1);
  });

  it('sends a vendor-signed GRUB through its vendor’s shim', async () => {
    const sentence = explain(firmwareVerdict(read(FILES.grub()), firmwareDb(), {}, { name: 'grubnetx64.efi' }));
    expect(sentence).toContain('issued by Debian Secure Boot CA');
    expect(sentence).toContain('shim that carries Debian Secure Boot CA');
  });

  it('says what a file that is no EFI program is, in one clean sentence', async () => {
    const sentence = explain(
      firmwareVerdict(readPe('/no/such/bootx64.efi'), firmwareDb(), {}, { name: 'bootx64.efi' }),
    );
    expect(sentence).toBe(
      'The firmware refuses bootx64.efi ("Access Denied"): it cannot be read (no such file); ' +
        'check the path and the file’s permissions.',
    );
    const text = explain(shimVerdict(new TextEncoder().encode('#!ipxe\n'), debian, [], { name: 'grubx64.efi' }));
    expect(text).toBe(
      'shim refuses grubx64.efi ("Failed to read header: Unsupported"): it is not a PE image (no MZ header); ' +
        'check that the path names the EFI program you meant.',
    );
  });

  it('names both certificates when GRUB refuses a kernel, and the fixes', async () => {
    const kernel = signCopy(FILES.kernel(), makePki()).bytes;
    const sentence = explain(shimVerdict(kernel, debian, firmwareDb(), { name: 'vmlinuz' }));
    expect(sentence).toMatch(
      /^GRUB refuses vmlinuz \("error: bad shim signature\."\): shim carries Debian Secure Boot CA; /,
    );
    expect(sentence).toContain('vmlinuz is signed by Example Vendor Signer, issued by Example Vendor CA');
    expect(sentence).toContain('a kernel signed by the shim’s vendor');
    expect(sentence).toContain('mokutil --import');
  });
});
