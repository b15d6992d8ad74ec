/**
 * Trust anchors: the certificates a firmware db (or a shim) trusts, each with a name a person recognises,
 * parsed once. Microsoft's come from the catalog (catalog.ts).
 */
import { createHash } from 'node:crypto';
import { type Certificate, parseCertificate, summarize } from './certs';

export interface TrustAnchor {
  /** The name verdicts use: the certificate's common name ("Microsoft Corporation UEFI CA 2011"). */
  name: string;
  /** The whole subject name. */
  subject: string;
  /** SHA-256 of the DER certificate, lower-case hex. */
  sha256: string;
  der: Uint8Array;
  /** Third-party loaders (shim) or the Windows boot manager only; absent for anchors that are not Microsoft's. */
  use?: 'thirdParty' | 'windows';
}

/** A trust anchor from a DER certificate (a shim's vendor certificate, an enrolled MOK, a test CA). */
export function trustAnchor(der: Uint8Array, name?: string): TrustAnchor | undefined {
  const cert = parseCertificate(der);
  if (!cert) return undefined;
  const summary = summarize(cert);
  const anchor: TrustAnchor = {
    name: name ?? summary.subject,
    subject: summary.subjectName,
    sha256: createHash('sha256').update(der).digest('hex'),
    der,
  };
  certificates.set(anchor, cert);
  return anchor;
}

const certificates = new WeakMap<TrustAnchor, Certificate | null>();

/** The anchor's certificate, parsed once; undefined when its bytes are not a certificate. */
export function anchorCertificate(anchor: TrustAnchor): Certificate | undefined {
  let cert = certificates.get(anchor);
  if (cert === undefined) {
    cert = parseCertificate(anchor.der) ?? null;
    certificates.set(anchor, cert);
  }
  return cert ?? undefined;
}
