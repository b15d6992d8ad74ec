/**
 * Authenticode signatures: each certificate table entry read as PKCS#7 SignedData (pkijs) whose content is a
 * SpcIndirectDataContent carrying the image digest. For every entry: does that digest equal the image's
 * (digestOk), and does the signer's signature over the signed attributes verify, with a messageDigest
 * attribute that matches the content (signatureOk). Whom the signer chains to is trust.ts's question.
 */
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { createHash } from 'node:crypto';
import { type Certificate, type CertificateSummary, signatureHash, summarize, verifiedBy } from './certs';
import { authenticodeDigest, type DigestAlgorithm, type PeImage, type WinCertificate } from './pe';

export const WIN_CERT_TYPE_PKCS_SIGNED_DATA = 0x0002;
export const WIN_CERT_TYPE_EFI_GUID = 0x0ef1;
/** EFI_CERT_TYPE_PKCS7_GUID as stored (little-endian fields): a GUID-typed entry holding PKCS#7. */
const EFI_CERT_TYPE_PKCS7_GUID = Buffer.from('9dd2af4adf68ee498aa9347d375665a7', 'hex');

/** Certificates read from one signature; real ones carry one to three (the chain walk tries each pair). */
export const MAX_SIGNATURE_CERTIFICATES = 16;

const SIGNED_DATA = '1.2.840.113549.1.7.2';
const SPC_INDIRECT_DATA = '1.3.6.1.4.1.311.2.1.4';
const DIGESTS: Record<string, DigestAlgorithm> = {
  '1.3.14.3.2.26': 'sha1',
  '2.16.840.1.101.3.4.2.1': 'sha256',
  '2.16.840.1.101.3.4.2.2': 'sha384',
  '2.16.840.1.101.3.4.2.3': 'sha512',
};

/** One certificate table entry, as a verdict reports it. */
export interface SignatureEntry {
  /** Its place in the certificate table (0 first). */
  index: number;
  /** WIN_CERTIFICATE wCertificateType. */
  type: number;
  /** It is an Authenticode signature we could read; `problem` says why not. */
  readable: boolean;
  problem?: string;
  /** The digest algorithm of the SpcIndirectDataContent. */
  algorithm?: DigestAlgorithm;
  /** The image digest the signature carries, and the one computed from the file (hex). */
  signedDigest?: string;
  imageDigest?: string;
  digestOk: boolean;
  signatureOk: boolean;
  signatureProblem?: string;
  signer?: CertificateSummary;
  /** The other certificates the signature carries, from the signer's issuer upwards where they chain by name. */
  chain: CertificateSummary[];
}

/** An entry with the certificates themselves, for the chain walks. */
export interface ParsedSignature {
  entry: SignatureEntry;
  signer?: Certificate;
  certificates: Certificate[];
}

const parsed = new WeakMap<PeImage, ParsedSignature[]>();

/** Every entry of the image's certificate table, read and checked; an unsigned image has none. */
export function readSignatures(image: PeImage): SignatureEntry[] {
  return parseSignatures(image).map((p) => p.entry);
}

export function parseSignatures(image: PeImage): ParsedSignature[] {
  let found = parsed.get(image);
  if (!found) {
    found = (image.certificateTable?.entries ?? []).map((e, i) => parseEntrySafely(image, e, i));
    parsed.set(image, found);
  }
  return found;
}

function unreadable(index: number, type: number, problem: string): ParsedSignature {
  return {
    entry: { index, type, readable: false, problem, digestOk: false, signatureOk: false, chain: [] },
    certificates: [],
  };
}

/** The PKCS#7 bytes of an entry: a PKCS_SIGNED_DATA entry's content, or a GUID-typed entry's after its GUID. */
function pkcs7Of(entry: WinCertificate): Uint8Array | undefined {
  if (entry.type === WIN_CERT_TYPE_PKCS_SIGNED_DATA) return entry.content;
  if (entry.type === WIN_CERT_TYPE_EFI_GUID && EFI_CERT_TYPE_PKCS7_GUID.equals(entry.content.subarray(0, 16))) {
    return entry.content.subarray(16);
  }
  return undefined;
}

function parseEntrySafely(image: PeImage, entry: WinCertificate, index: number): ParsedSignature {
  try {
    return parseEntry(image, entry, index);
  } catch (error) {
    // pkijs objects built from hostile DER can fail when read back; the firmware cannot use such a signature either.
    return unreadable(index, entry.type, `its signature cannot be read (${(error as Error).message})`);
  }
}

function parseEntry(image: PeImage, entry: WinCertificate, index: number): ParsedSignature {
  const der = pkcs7Of(entry);
  if (!der)
    return unreadable(index, entry.type, `not a PKCS#7 signature (certificate type 0x${entry.type.toString(16)})`);
  const signed = signedDataOf(der);
  if (typeof signed === 'string') return unreadable(index, entry.type, signed);
  const content = spcDigest(signed);
  if (typeof content === 'string') return unreadable(index, entry.type, content);
  const carried = (signed.certificates ?? []).filter((c): c is Certificate => c instanceof pkijs.Certificate);
  const certificates = carried.slice(0, MAX_SIGNATURE_CERTIFICATES);
  const imageDigest = authenticodeDigest(image, content.algorithm);
  const check = verifySigner(signed);
  const signerSummary = check.signer ? summarize(check.signer) : undefined;
  return {
    entry: {
      index,
      type: entry.type,
      readable: true,
      algorithm: content.algorithm,
      signedDigest: content.digest,
      ...(imageDigest ? { imageDigest } : {}),
      digestOk: imageDigest === content.digest,
      signatureOk: check.ok,
      ...(check.problem ? { signatureProblem: check.problem } : {}),
      ...(carried.length > certificates.length
        ? { problem: `it carries ${carried.length} certificates; only the first ${certificates.length} are read` }
        : {}),
      ...(signerSummary ? { signer: signerSummary } : {}),
      chain: chainOrder(check.signer, certificates).map(summarize),
    },
    ...(check.signer ? { signer: check.signer } : {}),
    certificates,
  };
}

/** The SignedData in a ContentInfo (or bare, which EDK2 also accepts), or why it is not one. */
function signedDataOf(der: Uint8Array): pkijs.SignedData | string {
  try {
    const asn1 = asn1js.fromBER(der);
    if (asn1.offset === -1) return 'not DER-encoded PKCS#7';
    const info = new pkijs.ContentInfo({ schema: asn1.result });
    if (info.contentType !== SIGNED_DATA) return `a PKCS#7 ${info.contentType}, not SignedData`;
    return new pkijs.SignedData({ schema: info.content });
  } catch (error) {
    try {
      return new pkijs.SignedData({ schema: asn1js.fromBER(der).result });
    } catch {
      // Neither form: report why the wrapped one failed.
      return `not a PKCS#7 SignedData (${(error as Error).message})`;
    }
  }
}

/** The SpcIndirectDataContent's DigestInfo: { data, messageDigest: { algorithm, digest } }. */
function spcDigest(signed: pkijs.SignedData): { algorithm: DigestAlgorithm; digest: string } | string {
  if (signed.encapContentInfo.eContentType !== SPC_INDIRECT_DATA) {
    return `signed content is ${signed.encapContentInfo.eContentType}, not Authenticode's SpcIndirectDataContent`;
  }
  const content = signed.encapContentInfo.eContent as asn1js.BaseBlock | undefined;
  const digestInfo = content instanceof asn1js.Sequence ? content.valueBlock.value[1] : undefined;
  const [algorithm, digest] = digestInfo instanceof asn1js.Sequence ? digestInfo.valueBlock.value : [];
  if (!(algorithm instanceof asn1js.Sequence) || !(digest instanceof asn1js.OctetString)) {
    return 'its SpcIndirectDataContent has no digest';
  }
  const oid = algorithm.valueBlock.value[0];
  const name = oid instanceof asn1js.ObjectIdentifier ? DIGESTS[oid.valueBlock.toString()] : undefined;
  if (!name) return 'its image digest uses an algorithm UEFI does not support';
  return { algorithm: name, digest: Buffer.from(digest.valueBlock.valueHexView).toString('hex') };
}

interface SignerCheck {
  ok: boolean;
  signer?: Certificate;
  problem?: string;
}

const MESSAGE_DIGEST = '1.2.840.113549.1.9.4';
const RSA_ENCRYPTION = '1.2.840.113549.1.1.1';

/** The contents octets of a DER element (what PKCS#7 hashes for a content type other than data). */
function contentOctets(der: Uint8Array): Uint8Array {
  const first = der[1] ?? 0;
  const header = first < 0x80 ? 2 : 2 + (first & 0x7f);
  return der.subarray(header);
}

/** The certificate an IssuerAndSerialNumber names, among those the signature carries. */
function signerCertificate(signed: pkijs.SignedData, info: pkijs.SignerInfo): Certificate | undefined {
  const sid = info.sid as pkijs.IssuerAndSerialNumber;
  if (!(sid instanceof pkijs.IssuerAndSerialNumber)) return undefined;
  return (signed.certificates ?? []).find(
    (c): c is Certificate =>
      c instanceof pkijs.Certificate && c.issuer.isEqual(sid.issuer) && c.serialNumber.isEqual(sid.serialNumber),
  );
}

/**
 * The one SignerInfo checks out (what pkijs' SignedData.verify does, synchronously with Node's crypto): its
 * messageDigest attribute is the hash of the signed content, and the signer's key verifies the signature
 * over the signed attributes (re-tagged as the SET they are signed as).
 */
function verifySigner(signed: pkijs.SignedData): SignerCheck {
  if (signed.signerInfos.length !== 1) {
    return { ok: false, problem: `${signed.signerInfos.length} signers; Authenticode has exactly one` };
  }
  const info = signed.signerInfos[0] as pkijs.SignerInfo;
  const signer = signerCertificate(signed, info);
  const found = signer ? { signer } : {};
  if (!signer) return { ok: false, problem: 'the signature does not carry its signer’s certificate' };
  const hash = DIGESTS[info.digestAlgorithm.algorithmId];
  if (!hash) return { ok: false, ...found, problem: 'its digest algorithm is not one UEFI supports' };
  const attributes = info.signedAttrs;
  const content = signed.encapContentInfo.eContent as asn1js.BaseBlock | undefined;
  if (!attributes || !content) return { ok: false, ...found, problem: 'it has no signed attributes' };
  const digest = attributes.attributes.find((a) => a.type === MESSAGE_DIGEST)?.values[0];
  const expected = createHash(hash)
    .update(contentOctets(new Uint8Array(content.toBER())))
    .digest('hex');
  if (
    !(digest instanceof asn1js.OctetString) ||
    Buffer.from(digest.valueBlock.valueHexView).toString('hex') !== expected
  )
    return { ok: false, ...found, problem: 'its messageDigest attribute does not match the signed content' };
  const signedBytes = new Uint8Array(attributes.encodedValue.slice(0));
  signedBytes[0] = 0x31;
  const algorithm = info.signatureAlgorithm.algorithmId;
  const signatureHashName = algorithm === RSA_ENCRYPTION ? hash : signatureHash(algorithm);
  const ok =
    signatureHashName !== undefined &&
    verifiedBy(signer, signatureHashName, signedBytes, info.signature.valueBlock.valueHexView);
  return ok
    ? { ok: true, signer }
    : { ok: false, signer, problem: 'the signer’s signature over the signed attributes is wrong' };
}

/** The signature's other certificates, issuer after subject from the signer up, then the rest. */
function chainOrder(signer: Certificate | undefined, certificates: Certificate[]): Certificate[] {
  const rest = certificates.filter((c) => c !== signer);
  const ordered: Certificate[] = [];
  let current = signer;
  while (current) {
    const next = rest.find((c) => !ordered.includes(c) && current!.issuer.isEqual(c.subject) && c !== current);
    if (!next) break;
    ordered.push(next);
    current = next;
  }
  return [...ordered, ...rest.filter((c) => !ordered.includes(c))];
}
