/**
 * The words verdicts share: who signed a file, and why none of its signatures is trusted.
 */
import type { SignatureEntry } from './authenticode';
import type { VerdictReason } from './verdict';

export const listed = (names: readonly string[]): string =>
  names.length === 0
    ? 'no certificate'
    : names.length === 1
      ? names[0]!
      : `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`;

/** "signed by A (issued by B)" for each readable signature. */
export function signedBy(signatures: readonly SignatureEntry[]): string {
  const signers = signatures.filter((s) => s.signer).map((s) => `${s.signer!.subject}, issued by ${s.signer!.issuer}`);
  return signers.length === 0 ? 'signed, but no signer could be read' : `signed by ${signers.join(' and by ')}`;
}

/** Why no signature was trusted, in order of what the user must fix first. */
export function untrustedReason(signatures: readonly SignatureEntry[]): VerdictReason {
  const readable = signatures.filter((s) => s.readable);
  if (readable.length === 0) return 'unreadableSignature';
  if (readable.every((s) => !s.digestOk)) return 'digestMismatch';
  if (readable.every((s) => !s.signatureOk)) return 'badSignature';
  return 'untrusted';
}

/** The sentence part for a signed file nothing trusted: what is wrong with its signatures. */
export function untrustedDetail(reason: VerdictReason, signatures: readonly SignatureEntry[]): string {
  const readable = signatures.filter((s) => s.readable);
  if (reason === 'unreadableSignature') {
    return `its signature cannot be read (${signatures.map((s) => s.problem).join('; ')})`;
  }
  if (reason === 'digestMismatch') {
    const s = readable[0]!;
    return (
      `it was changed after it was signed: its content hashes to ${s.imageDigest?.slice(0, 16) ?? '(none)'}…, ` +
      `the signature${s.signer ? ` by ${s.signer.subject}` : ''} is over ${s.signedDigest?.slice(0, 16)}…`
    );
  }
  if (reason === 'badSignature') {
    return `${signedBy(readable)}, but the signature does not verify (${readable[0]?.signatureProblem ?? 'unknown'})`;
  }
  return signedBy(readable);
}
