/**
 * The verdicts on the real files, as UEFI firmware with Microsoft's keys, Debian's shim 16.1 and GRUB's
 * shim_lock verifier give them — and on copies re-signed by another vendor, tampered with or revoked.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import {
  firmwareDb,
  firmwareVerdict,
  parsePe,
  parseSbatLevel,
  readPe,
  shimVendorCert,
  shimVerdict,
  trustAnchor,
  x509SignatureList,
  authenticodeDigest,
  microsoftAnchors,
  type PeImage,
  type ShimVendor,
  type TrustAnchor,
} from '../../../lib/secureboot';
import { FILES, flipped, makePki, read, signCopy, type Pki } from './files';

function image(bytes: Uint8Array): PeImage {
  const result = parsePe(bytes);
  if (!result.ok) throw new Error(result.message);
  return result;
}

function vendorOf(bytes: Uint8Array): ShimVendor {
  const vendor = shimVendorCert(bytes);
  if (!vendor.ok) throw new Error(vendor.message);
  return vendor;
}

const anchor = (der: Uint8Array): TrustAnchor => trustAnchor(der)!;
const SHIM_REFUSAL = 'Verification failed: (0x1A) Security Violation';

let debian: ShimVendor;
let other: Pki;
/** Debian's kernel, its signature replaced by one from "Example Vendor Signer". */
let otherKernel: Uint8Array;

beforeAll(() => {
  debian = vendorOf(read(FILES.shim()));
  other = makePki();
  otherKernel = signCopy(FILES.kernel(), other).bytes;
});

describe('what the firmware does (Secure Boot on, Microsoft’s keys in db)', () => {
  it('loads Debian’s shim: it chains to Microsoft Corporation UEFI CA 2011, and to the 2023 CA on newer firmware', async () => {
    const shim = read(FILES.shim());
    expect(firmwareVerdict(shim, firmwareDb('microsoft-2011'), {}, { name: 'shimx64.efi' })).toMatchObject({
      accepted: true,
      reason: 'trusted',
      anchor: 'Microsoft Corporation UEFI CA 2011',
      signatureIndex: 0,
      message: '',
    });
    expect(firmwareVerdict(shim, firmwareDb('microsoft-2023'))).toMatchObject({
      accepted: true,
      anchor: 'Microsoft UEFI CA 2023',
      signatureIndex: 1,
    });
    expect(firmwareVerdict(shim, firmwareDb('microsoft'))).toMatchObject({
      anchor: 'Microsoft Corporation UEFI CA 2011',
    });
  });

  it('does not check expiry: the 2011 CA and shim’s signer expired in June 2026 and shim still loads', async () => {
    const verdict = firmwareVerdict(read(FILES.shim()), firmwareDb('microsoft-2011'));
    expect(verdict.signatures[0]!.signer!.notAfter.getTime()).toBeLessThan(Date.parse('2026-07-01'));
    expect(verdict.accepted).toBe(true);
  });

  it('refuses shim on a db holding only the Windows CAs (distributions’ shim is signed by the third-party CA)', async () => {
    const windowsOnly = microsoftAnchors().filter((a) => a.use === 'windows');
    const verdict = firmwareVerdict(read(FILES.shim()), windowsOnly);
    expect(verdict).toMatchObject({ accepted: false, reason: 'untrusted', message: 'Access Denied' });
    expect(verdict.detail).toContain(
      'Microsoft Windows UEFI Driver Publisher, issued by Microsoft Corporation UEFI CA 2011',
    );
    expect(verdict.detail).toContain('Microsoft UEFI CA 2023 signer, issued by Microsoft UEFI CA 2023');
  });

  it('refuses iPXE and syslinux.efi: unsigned ("Access Denied")', async () => {
    for (const path of [FILES.ipxe(), FILES.syslinux()]) {
      expect(firmwareVerdict(readPe(path), firmwareDb())).toMatchObject({
        accepted: false,
        reason: 'unsigned',
        message: 'Access Denied',
      });
    }
  });

  it('refuses Debian’s GRUB loaded directly: Debian Secure Boot CA is not in db', async () => {
    const verdict = firmwareVerdict(read(FILES.grub()), firmwareDb(), {}, { name: 'grubnetx64.efi' });
    expect(verdict).toMatchObject({ accepted: false, reason: 'untrusted', message: 'Access Denied' });
    expect(verdict.detail).toContain(
      'signed by Debian Secure Boot Signer 2022 - grub2, issued by Debian Secure Boot CA',
    );
    expect(verdict.detail).toContain('Microsoft Corporation UEFI CA 2011');
  });

  it('refuses a signed file changed after signing (digest mismatch)', async () => {
    const bytes = read(FILES.shim());
    const text = image(bytes).sections.find((s) => s.name === '.text')!;
    const verdict = firmwareVerdict(flipped(bytes, text.rawOffset + 1000), firmwareDb());
    expect(verdict).toMatchObject({ accepted: false, reason: 'digestMismatch', message: 'Access Denied' });
    expect(verdict.detail).toMatch(/changed after it was signed/);
  });

  it('loads a file signed by a CA the db holds, and by a signer the db holds itself (a partial chain)', async () => {
    expect(firmwareVerdict(otherKernel, [anchor(other.caDer)])).toMatchObject({
      accepted: true,
      anchor: 'Example Vendor CA',
    });
    expect(firmwareVerdict(otherKernel, [anchor(other.signerDer)])).toMatchObject({
      accepted: true,
      anchor: 'Example Vendor Signer',
    });
  });

  it('follows an intermediate CA the signature carries up to the root in db, and not without it', async () => {
    const root = makePki('Example Root');
    const intermediate = makePki('Example Intermediate', root);
    const withChain = signCopy(FILES.syslinux(), intermediate, [intermediate.caPem]).bytes;
    expect(firmwareVerdict(withChain, [anchor(root.caDer)])).toMatchObject({
      accepted: true,
      anchor: 'Example Root CA',
    });
    const withoutChain = signCopy(FILES.syslinux(), intermediate).bytes;
    expect(firmwareVerdict(withoutChain, [anchor(root.caDer)])).toMatchObject({
      accepted: false,
      reason: 'untrusted',
    });
  });

  it('refuses a chain through a certificate that may not issue (basic constraints CA:FALSE)', async () => {
    const vendor = makePki('Leaf Vendor');
    const underLeaf = makePki('Under Leaf', { ...vendor, caPem: vendor.signerPem, caKey: vendor.signerKey });
    const signed = signCopy(FILES.syslinux(), underLeaf, [underLeaf.caPem, vendor.signerPem]).bytes;
    expect(firmwareVerdict(signed, [anchor(vendor.caDer)])).toMatchObject({
      accepted: false,
      reason: 'untrusted',
    });
    expect(firmwareVerdict(signed, [anchor(vendor.signerDer)])).toMatchObject({ accepted: false });
    expect(firmwareVerdict(signed, [anchor(underLeaf.caDer)])).toMatchObject({ accepted: true });
  });

  it('refuses a CA with the right name but another key', async () => {
    const impostor = makePki('Example Vendor');
    expect(firmwareVerdict(otherKernel, [anchor(impostor.caDer)])).toMatchObject({ accepted: false });
  });

  it('refuses what the dbx revokes, by digest or by certificate, whatever else the file carries', async () => {
    const shim = read(FILES.shim());
    const digest = authenticodeDigest(image(shim))!;
    expect(firmwareVerdict(shim, firmwareDb(), { digests: [digest] })).toMatchObject({ reason: 'forbidden' });
    const ca2011 = microsoftAnchors().find((a) => a.name === 'Microsoft Corporation UEFI CA 2011')!;
    expect(firmwareVerdict(shim, firmwareDb(), { certificates: [ca2011] })).toMatchObject({
      accepted: false,
      reason: 'forbidden',
    });
  });

  it('refuses an image for another architecture', async () => {
    expect(firmwareVerdict(read(FILES.shim()), firmwareDb(), {}, { machine: 'aa64' })).toMatchObject({
      accepted: false,
      reason: 'wrongMachine',
    });
  });
});

describe('what Debian’s shim carries', () => {
  it('carries Debian Secure Boot CA (a DER certificate), a vendor_dbx of digests, its SBAT and SbatLevel', () => {
    expect(debian.format).toBe('certificate');
    expect(debian.certificates.map((c) => c.name)).toEqual(['Debian Secure Boot CA']);
    expect(debian.deniedDigests.length).toBeGreaterThan(50);
    expect(debian.problems).toEqual([]);
    expect(debian.sbat?.entries.map((e) => `${e.component},${e.generation}`)).toEqual([
      'sbat,1',
      'shim,4',
      'shim.debian,1',
    ]);
    expect(debian.sbatLevel.automatic?.text).toBe('sbat,1,2025021800\nshim,4\ngrub,5\n');
    expect(debian.sbatLevel.latest?.date).toBe('2025051000');
  });

  it('reads a vendor certificate stored as an EFI_SIGNATURE_LIST (VENDOR_DB_FILE builds) the same way', () => {
    const bytes = new Uint8Array(read(FILES.shim()));
    const section = image(bytes).sections.find((s) => s.name === '.vendor_cert')!;
    const list = x509SignatureList([debian.certificates[0]!.der]);
    const view = new DataView(bytes.buffer, bytes.byteOffset + section.rawOffset, section.rawSize);
    bytes.fill(0, section.rawOffset, section.rawOffset + section.rawSize);
    view.setUint32(0, list.length, true);
    view.setUint32(4, 0, true);
    view.setUint32(8, 16, true);
    view.setUint32(12, 16 + list.length, true);
    bytes.set(list, section.rawOffset + 16);
    const vendor = vendorOf(bytes);
    expect(vendor.format).toBe('signatureList');
    expect(vendor.certificates.map((c) => c.sha256)).toEqual([debian.certificates[0]!.sha256]);
  });

  it('says a file without .vendor_cert is not a shim', () => {
    expect(shimVendorCert(read(FILES.grub()))).toMatchObject({ ok: false, reason: 'noVendorCert' });
  });
});

describe('what shim does with the second stage, and GRUB with the kernel', () => {
  it('accepts Debian’s GRUB: it chains to Debian Secure Boot CA, the certificate shim carries', async () => {
    const verdict = shimVerdict(read(FILES.grub()), debian, firmwareDb(), { name: 'grubx64.efi' });
    expect(verdict).toMatchObject({ judge: 'shim', accepted: true, anchor: 'Debian Secure Boot CA' });
    expect(verdict.detail).toContain('the certificate shim carries');
  });

  it('accepts Debian’s kernel (GRUB asks shim through shim_lock)', async () => {
    expect(shimVerdict(readPe(FILES.kernel(), 256 << 20), debian, firmwareDb())).toMatchObject({
      judge: 'grub',
      accepted: true,
      anchor: 'Debian Secure Boot CA',
    });
  });

  it('refuses a kernel signed by another vendor with GRUB’s words, naming both certificates', async () => {
    const verdict = shimVerdict(otherKernel, debian, firmwareDb(), { name: 'vmlinuz' });
    expect(verdict).toMatchObject({
      judge: 'grub',
      accepted: false,
      reason: 'untrusted',
      message: 'error: bad shim signature.',
      log: ['error: bad shim signature.', 'error: you need to load the kernel first.'],
    });
    expect(verdict.detail).toBe(
      'shim carries Debian Secure Boot CA; vmlinuz is signed by Example Vendor Signer, issued by Example Vendor CA',
    );
  });

  it('refuses a second stage signed by another vendor with shim’s words', async () => {
    const grub = signCopy(FILES.grub(), other).bytes;
    const verdict = shimVerdict(grub, debian, firmwareDb());
    expect(verdict).toMatchObject({ judge: 'shim', accepted: false, reason: 'untrusted', message: SHIM_REFUSAL });
    expect(verdict.log).toEqual([
      SHIM_REFUSAL,
      'Failed to load image: Security Violation',
      'start_image() returned Security Violation',
    ]);
    expect(verdict.detail).toContain('Example Vendor Signer, issued by Example Vendor CA');
  });

  it('accepts what chains to the firmware’s db or an enrolled MOK, unless the db is ignored', async () => {
    const signed = signCopy(FILES.grub(), other).bytes;
    expect(shimVerdict(signed, debian, [anchor(other.caDer)])).toMatchObject({ accepted: true });
    expect(shimVerdict(signed, debian, [anchor(other.caDer)], { ignoreDb: true })).toMatchObject({
      accepted: false,
    });
    expect(shimVerdict(signed, debian, firmwareDb(), { mok: [anchor(other.caDer)] })).toMatchObject({
      accepted: true,
      anchor: 'Example Vendor CA',
    });
  });

  it('refuses unsigned iPXE, a tampered GRUB and a digest in its vendor_dbx', async () => {
    expect(shimVerdict(read(FILES.ipxe()), debian, firmwareDb())).toMatchObject({
      reason: 'unsigned',
      message: SHIM_REFUSAL,
    });
    const grub = read(FILES.grub());
    const text = image(grub).sections.find((s) => s.name === '.text')!;
    expect(shimVerdict(flipped(grub, text.rawOffset + 64), debian, firmwareDb())).toMatchObject({
      reason: 'digestMismatch',
      message: SHIM_REFUSAL,
    });
    const revoked = { ...debian, deniedDigests: [authenticodeDigest(image(grub))!] };
    expect(shimVerdict(grub, revoked, firmwareDb())).toMatchObject({ reason: 'forbidden' });
  });

  it('refuses a GRUB whose SBAT generation the level revokes', async () => {
    const level = parseSbatLevel('sbat,1,2099010100\nshim,4\ngrub,6\n')!;
    const verdict = shimVerdict(read(FILES.grub()), debian, firmwareDb(), { sbatLevel: level });
    expect(verdict).toMatchObject({ accepted: false, reason: 'sbatRevoked', message: SHIM_REFUSAL });
    expect(verdict.detail).toMatch(/grub,5 .* below generation 6/);
  });

  it('requires .sbat of what shim loads itself, not of what GRUB asks about', async () => {
    const ipxe = signCopy(FILES.ipxe(), other).bytes;
    const carries = { ...debian, certificates: [anchor(other.caDer)] };
    expect(shimVerdict(ipxe, carries, [])).toMatchObject({ accepted: false, reason: 'sbatMissing' });
    expect(shimVerdict(ipxe, carries, [], { stage: 'kernel' })).toMatchObject({ accepted: true });
    expect(shimVerdict(ipxe, [anchor(other.caDer)], [])).toMatchObject({ accepted: true });
  });

  it('accepts an unsigned file whose digest the shim’s vendor_db allows', async () => {
    const ipxe = read(FILES.ipxe());
    const allows = { ...debian, allowedDigests: [authenticodeDigest(image(ipxe))!] };
    expect(shimVerdict(ipxe, allows, [], { stage: 'kernel' })).toMatchObject({
      accepted: true,
      reason: 'allowedDigest',
    });
    expect(shimVerdict(ipxe, debian, [], { stage: 'kernel' })).toMatchObject({
      accepted: false,
      reason: 'unsigned',
    });
  });

  it('refuses what is not a PE image with shim’s read_header words', async () => {
    expect(shimVerdict(new TextEncoder().encode('#!ipxe\n'), debian, firmwareDb())).toMatchObject({
      accepted: false,
      reason: 'notPe',
      message: 'Failed to read header: Unsupported',
    });
  });
});
