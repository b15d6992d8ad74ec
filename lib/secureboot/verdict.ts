/**
 * The shape of a verdict: who judged the file, whether it runs, the judge's own words when it does not, and
 * our account of why, naming the certificates.
 */
import type { TrustAnchor } from './anchors';
import type { SignatureEntry } from './authenticode';
import { type PeFailure, parsePe, type PeResult } from './pe';

export type Judge = 'firmware' | 'shim' | 'grub';

export type VerdictReason =
  | 'trusted'
  | 'allowedDigest'
  | 'unsigned'
  | 'untrusted'
  | 'digestMismatch'
  | 'badSignature'
  | 'unreadableSignature'
  | 'forbidden'
  | 'corruptCertificateTable'
  | 'sbatMissing'
  | 'sbatRevoked'
  | 'sbatInvalid'
  | 'wrongMachine'
  | 'notPe'
  | 'truncated'
  | 'malformed'
  | 'tooLarge'
  | 'unreadable';

export interface Verdict {
  judge: Judge;
  accepted: boolean;
  reason: VerdictReason;
  /** The file as the sentence names it. */
  name: string;
  /** What the judge prints when it refuses, verbatim ('' when it accepts). */
  message: string;
  /** Every line it prints, in order. */
  log: string[];
  /** Our account, naming the certificates: which one it chains to, or why it does not. */
  detail: string;
  /** The trusted certificate a signature chains to (accepted by signature). */
  anchor?: string;
  /** The certificate table entry that was trusted. */
  signatureIndex?: number;
  /** The names of the certificates the judge trusts: the db's, or the shim's vendor certificates. */
  trusted: string[];
  signatures: SignatureEntry[];
}

/** Revocations: the firmware's dbx, or a shim's vendor_dbx. */
export interface Revocations {
  /** SHA-256 image digests, hex. */
  digests?: readonly string[];
  certificates?: readonly TrustAnchor[];
}

/** What a judge concluded, before it is dressed as a verdict. */
export interface Outcome {
  accepted: boolean;
  reason: VerdictReason;
  detail: string;
  anchor?: TrustAnchor;
  signatureIndex?: number;
}

export const toImage = (input: PeResult | Uint8Array): PeResult =>
  input instanceof Uint8Array ? parsePe(input) : input;

/** A file that is no image, as the part of a sentence after "refuses X:". */
export function failureDetail(failure: PeFailure): string {
  const first = failure.message.split('. ')[0]!.replace(/\.$/, '');
  return failure.reason === 'unreadable' ? `it cannot be read (${first})` : `it is ${first}`;
}
