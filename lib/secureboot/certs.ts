/**
 * X.509 certificates through pkijs: parsing that never throws, names as people read them, and the one
 * issuance test the chain walks use (name, CA flag, signature), as OpenSSL's verifier applies it in EDK2 and
 * shim (X509_V_FLAG_PARTIAL_CHAIN | X509_V_FLAG_NO_CHECK_TIME, any purpose: expiry is never checked).
 */
import { createHash, createPublicKey, verify } from 'node:crypto';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';

export type Certificate = pkijs.Certificate;

/** What a verdict says about a certificate. */
export interface CertificateSummary {
  /** The subject's common name (the whole name when it has none). */
  subject: string;
  issuer: string;
  subjectName: string;
  issuerName: string;
  /** Serial number, lower-case hex. */
  serial: string;
  notBefore: Date;
  notAfter: Date;
  /** SHA-256 of the DER certificate, lower-case hex. */
  sha256: string;
}

const SHORT_NAMES: Record<string, string> = {
  '2.5.4.3': 'CN',
  '2.5.4.6': 'C',
  '2.5.4.7': 'L',
  '2.5.4.8': 'ST',
  '2.5.4.10': 'O',
  '2.5.4.11': 'OU',
  '1.2.840.113549.1.9.1': 'emailAddress',
};
const COMMON_NAME = '2.5.4.3';
const BASIC_CONSTRAINTS = '2.5.29.19';
const KEY_USAGE = '2.5.29.15';

/** A DER certificate, or undefined when the bytes are not one (or not one that can be read back). */
export function parseCertificate(der: Uint8Array): Certificate | undefined {
  try {
    const asn1 = asn1js.fromBER(der);
    if (asn1.offset === -1) return undefined;
    const cert = new pkijs.Certificate({ schema: asn1.result });
    summarize(cert);
    return cert;
  } catch {
    // pkijs throws on any schema mismatch: for us that simply means "not a certificate".
    return undefined;
  }
}

function valueText(value: unknown): string {
  const block = (value as { valueBlock?: { value?: unknown } }).valueBlock;
  return typeof block?.value === 'string' ? block.value : '';
}

function nameText(name: pkijs.RelativeDistinguishedNames): string {
  return name.typesAndValues.map((t) => `${SHORT_NAMES[t.type] ?? t.type}=${valueText(t.value)}`).join(', ');
}

function commonName(name: pkijs.RelativeDistinguishedNames): string {
  const cn = name.typesAndValues.find((t) => t.type === COMMON_NAME);
  return cn ? valueText(cn.value) : nameText(name);
}

const ders = new WeakMap<Certificate, Uint8Array>();

/** The certificate's DER bytes (encoded once per certificate). */
export function certificateDer(cert: Certificate): Uint8Array {
  let der = ders.get(cert);
  if (!der) ders.set(cert, (der = new Uint8Array(cert.toSchema().toBER())));
  return der;
}

export function summarize(cert: Certificate): CertificateSummary {
  return {
    subject: commonName(cert.subject),
    issuer: commonName(cert.issuer),
    subjectName: nameText(cert.subject),
    issuerName: nameText(cert.issuer),
    serial: Buffer.from(cert.serialNumber.valueBlock.valueHexView).toString('hex'),
    notBefore: cert.notBefore.value,
    notAfter: cert.notAfter.value,
    sha256: createHash('sha256').update(certificateDer(cert)).digest('hex'),
  };
}

/**
 * OpenSSL's X509_check_ca as its chain check uses it: basic constraints decide when present; otherwise a key
 * usage with keyCertSign, or a version 1 certificate, may issue.
 */
export function mayIssue(cert: Certificate): boolean {
  const basic = cert.extensions?.find((e) => e.extnID === BASIC_CONSTRAINTS);
  const usage = cert.extensions?.find((e) => e.extnID === KEY_USAGE);
  if (usage) {
    const bits = (usage.parsedValue as asn1js.BitString | undefined)?.valueBlock.valueHexView;
    // keyCertSign is bit 5: 0x04 in the first byte.
    if (!bits || ((bits[0] ?? 0) & 0x04) === 0) return false;
  }
  if (basic) return (basic.parsedValue as pkijs.BasicConstraints | undefined)?.cA === true;
  return usage !== undefined || cert.version === 0;
}

/** Signature algorithms by OID: the hash Node's verify takes (RSA PKCS#1 v1.5 and ECDSA; PSS is not used by UEFI signers). */
const SIGNATURE_HASHES: Record<string, string> = {
  '1.2.840.113549.1.1.5': 'sha1',
  '1.2.840.113549.1.1.11': 'sha256',
  '1.2.840.113549.1.1.12': 'sha384',
  '1.2.840.113549.1.1.13': 'sha512',
  '1.2.840.10045.4.1': 'sha1',
  '1.2.840.10045.4.3.2': 'sha256',
  '1.2.840.10045.4.3.3': 'sha384',
  '1.2.840.10045.4.3.4': 'sha512',
};

/** The hash of a signature algorithm (an RSA-with-hash or ECDSA-with-hash OID), or undefined. */
export function signatureHash(oid: string): string | undefined {
  return SIGNATURE_HASHES[oid];
}

/**
 * `signature` over `data` checks out with the certificate's public key, using `hash`. Synchronous (Node's
 * crypto.verify), so the boot chain, which is built synchronously, can ask. False for keys Node cannot read.
 */
export function verifiedBy(cert: Certificate, hash: string, data: Uint8Array, signature: Uint8Array): boolean {
  try {
    const key = createPublicKey({
      key: Buffer.from(cert.subjectPublicKeyInfo.toSchema().toBER()),
      format: 'der',
      type: 'spki',
    });
    return verify(hash, data, key.asymmetricKeyType === 'ec' ? { key, dsaEncoding: 'der' } : key, signature);
  } catch {
    return false;
  }
}

/** `issuer` issued `cert`: its subject is cert's issuer, it may issue, and its key verifies cert's signature. */
export function issued(issuer: Certificate, cert: Certificate): boolean {
  if (!cert.issuer.isEqual(issuer.subject) || !mayIssue(issuer)) return false;
  const hash = signatureHash(cert.signatureAlgorithm.algorithmId);
  // An unsupported algorithm: the firmware cannot verify it either.
  if (!hash) return false;
  return verifiedBy(issuer, hash, cert.tbsView, cert.signatureValue.valueBlock.valueHexView);
}

export function sameCertificate(a: Certificate, b: Certificate): boolean {
  return Buffer.from(certificateDer(a)).equals(Buffer.from(certificateDer(b)));
}
