/**
 * Reading the signatures of the real files: who signed them, with what, and whether the digest and the
 * signer's signature hold — and what changes when the file or the signature is altered.
 */
import { describe, expect, it } from 'vitest';
import { authenticodeDigest, parsePe, readPe, readSignatures, type PeImage } from '../../../lib/secureboot';
import { MAX_SIGNATURE_CERTIFICATES } from '../../../lib/secureboot/authenticode';
import { FILES, flipped, makePki, read, signCopy } from './files';

function image(bytes: Uint8Array): PeImage {
  const result = parsePe(bytes);
  if (!result.ok) throw new Error(result.message);
  return result;
}

/** The offset of a byte in the middle of a section's raw data. */
function inside(pe: PeImage, name: string): number {
  const section = pe.sections.find((s) => s.name === name)!;
  return section.rawOffset + Math.floor(section.rawSize / 2);
}

describe('Authenticode signatures of the real files', () => {
  it('reads both of shim’s signatures: Microsoft’s 2011 and 2023 UEFI CAs', async () => {
    const shim = readPe(FILES.shim());
    if (!shim.ok) throw new Error(shim.message);
    const [first, second, third] = readSignatures(shim);
    expect(third).toBeUndefined();
    expect(first).toMatchObject({
      readable: true,
      algorithm: 'sha256',
      digestOk: true,
      signatureOk: true,
      signer: { subject: 'Microsoft Windows UEFI Driver Publisher', issuer: 'Microsoft Corporation UEFI CA 2011' },
    });
    expect(first!.chain.map((c) => c.subject)).toEqual(['Microsoft Corporation UEFI CA 2011']);
    expect(second).toMatchObject({
      digestOk: true,
      signatureOk: true,
      signer: { subject: 'Microsoft UEFI CA 2023 signer', issuer: 'Microsoft UEFI CA 2023' },
    });
    expect(first!.signedDigest).toBe(authenticodeDigest(shim));
    expect(second!.signedDigest).toBe(authenticodeDigest(shim));
  });

  it('reads Debian’s GRUB and kernel signatures: signer, issuer, serial, validity', async () => {
    const [grub] = readSignatures(image(read(FILES.grub())));
    expect(grub).toMatchObject({
      digestOk: true,
      signatureOk: true,
      algorithm: 'sha256',
      chain: [],
      signer: {
        subject: 'Debian Secure Boot Signer 2022 - grub2',
        issuer: 'Debian Secure Boot CA',
        serial: '32a0287f841a036fa393c1e065c43ae6b2422642',
        notBefore: new Date('2022-08-18T17:32:34Z'),
        notAfter: new Date('2032-08-15T17:32:34Z'),
      },
    });
    const [kernel] = readSignatures(image(read(FILES.kernel())));
    expect(kernel).toMatchObject({
      digestOk: true,
      signatureOk: true,
      signer: { subject: 'Debian Secure Boot Signer 2022 - linux', issuer: 'Debian Secure Boot CA' },
    });
  });

  it('finds no signature in iPXE or syslinux.efi', async () => {
    expect(readSignatures(image(read(FILES.ipxe())))).toEqual([]);
    expect(readSignatures(image(read(FILES.syslinux())))).toEqual([]);
  });

  it('sees a file changed after signing: the digest no longer matches, the signature still verifies', async () => {
    const bytes = read(FILES.grub());
    const [tampered] = readSignatures(image(flipped(bytes, inside(image(bytes), '.text'))));
    expect(tampered).toMatchObject({ digestOk: false, signatureOk: true });
    expect(tampered!.imageDigest).not.toBe(tampered!.signedDigest);
  });

  it('sees a damaged signature: the digest matches, the signer’s signature does not verify', async () => {
    const bytes = read(FILES.grub());
    const entry = image(bytes).certificateTable!.entries[0]!;
    // The last bytes of a PKCS#7 without unsigned attributes are the signer's RSA signature.
    const [damaged] = readSignatures(image(flipped(bytes, entry.offset + entry.length - 20)));
    expect(damaged).toMatchObject({ digestOk: true, signatureOk: false });
  });

  it('reports an entry that is not PKCS#7 as unreadable', async () => {
    const bytes = new Uint8Array(read(FILES.grub()));
    const entry = image(bytes).certificateTable!.entries[0]!;
    bytes.fill(0x41, entry.offset + 8, entry.offset + 64);
    const [garbled] = readSignatures(image(bytes));
    expect(garbled).toMatchObject({ readable: false, digestOk: false, signatureOk: false });
    expect(garbled!.problem).toBeTruthy();
  });

  it('reads at most MAX_SIGNATURE_CERTIFICATES of the certificates a signature carries', async () => {
    const pki = makePki('Crowded Vendor');
    const signed = signCopy(FILES.syslinux(), pki, Array(MAX_SIGNATURE_CERTIFICATES + 4).fill(pki.caPem));
    const [entry] = readSignatures(image(signed.bytes));
    expect(entry!.signatureOk).toBe(true);
    expect(entry!.chain.length).toBeLessThanOrEqual(MAX_SIGNATURE_CERTIFICATES);
    expect(entry!.problem).toMatch(/only the first 16/);
  });
});
