/**
 * What a shim carries: its `.vendor_cert` section (shim's cert.S: u32 vendor_authorized_size,
 * u32 vendor_deauthorized_size, u32 vendor_authorized_offset, u32 vendor_deauthorized_offset, offsets from
 * the section start). The authorized part is one DER certificate (built with VENDOR_CERT_FILE) or an
 * EFI_SIGNATURE_LIST (VENDOR_DB_FILE); the deauthorized part (vendor_dbx) is a signature list of revoked
 * digests and certificates. Its own `.sbat` and the SBAT levels it applies come along.
 */
import { type TrustAnchor, trustAnchor } from './anchors';
import { looksLikeSignatureList, parseSignatureLists } from './esl';
import { type PeFailureReason, type PeResult, parsePe, sectionData } from './pe';
import { type SbatLevel, type SbatSection, sbatLevelsOf, sbatOf } from './sbat';

export interface ShimVendor {
  ok: true;
  /** How the authorized part is stored: one DER certificate, or a signature list (db format). */
  format: 'certificate' | 'signatureList';
  /** The vendor certificates: what the second stage and the kernel must chain to. */
  certificates: TrustAnchor[];
  /** SHA-256 image digests the vendor_db allows outright. */
  allowedDigests: string[];
  /** vendor_dbx: revoked image digests and certificates. */
  deniedDigests: string[];
  deniedCertificates: TrustAnchor[];
  /** shim's own `.sbat` (its SBAT lines, as data). */
  sbat?: SbatSection;
  /** The revocation levels it carries: `automatic` is what shim 15.8+ applies with Secure Boot on by default. */
  sbatLevel: { automatic?: SbatLevel; latest?: SbatLevel };
  /** Parts that could not be read, in words. */
  problems: string[];
}

export interface ShimFailure {
  ok: false;
  reason: PeFailureReason | 'noVendorCert';
  message: string;
}

const TABLE = 16;

/** The certificates and revocations a shim carries, read from its `.vendor_cert` section. */
export function shimVendorCert(shim: PeResult | Uint8Array): ShimVendor | ShimFailure {
  const image = shim instanceof Uint8Array ? parsePe(shim) : shim;
  if (!image.ok) return image;
  const section = sectionData(image, '.vendor_cert');
  if (!section || section.length < TABLE) {
    return { ok: false, reason: 'noVendorCert', message: 'it has no .vendor_cert section: not a shim.' };
  }
  const view = new DataView(section.buffer, section.byteOffset, section.length);
  const part = (sizeAt: number, offsetAt: number): Uint8Array | undefined => {
    const size = view.getUint32(sizeAt, true);
    const offset = view.getUint32(offsetAt, true);
    return size > 0 && offset <= section.length && size <= section.length - offset
      ? section.subarray(offset, offset + size)
      : undefined;
  };
  const authorized = part(0, 8);
  const deauthorized = part(4, 12);
  const problems: string[] = [];
  const vendor: ShimVendor = {
    ok: true,
    format: authorized && looksLikeSignatureList(authorized) ? 'signatureList' : 'certificate',
    certificates: [],
    allowedDigests: [],
    deniedDigests: [],
    deniedCertificates: [],
    sbatLevel: sbatLevelsOf(image),
    problems,
  };
  const sbat = sbatOf(image);
  if (sbat) vendor.sbat = sbat;
  if (!authorized) problems.push('its vendor certificate is empty or lies outside .vendor_cert');
  else if (vendor.format === 'certificate') addCertificates(vendor.certificates, [authorized], problems);
  else {
    const db = parseSignatureLists(authorized);
    addCertificates(vendor.certificates, db.certificates, problems);
    vendor.allowedDigests.push(...db.sha256);
    if (db.problem) problems.push(`vendor_db: ${db.problem}`);
  }
  if (deauthorized) {
    const dbx = parseSignatureLists(deauthorized);
    vendor.deniedDigests.push(...dbx.sha256);
    addCertificates(vendor.deniedCertificates, dbx.certificates, problems);
    if (dbx.problem) problems.push(`vendor_dbx: ${dbx.problem}`);
  }
  return vendor;
}

function addCertificates(into: TrustAnchor[], ders: Uint8Array[], problems: string[]): void {
  for (const der of ders) {
    const anchor = trustAnchor(der);
    if (anchor) into.push(anchor);
    else problems.push('a vendor certificate is not an X.509 certificate');
  }
}
