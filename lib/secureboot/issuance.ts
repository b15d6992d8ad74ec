/**
 * Whom a signature chains to. A signature is trusted when its digest matches the image, its signer's
 * signature verifies, and its certificates chain — by issuer name, CA flag and signature — to a trusted
 * certificate or stop at one: OpenSSL's PKCS7_verify as EDK2 and shim call it (X509_V_FLAG_PARTIAL_CHAIN |
 * X509_V_FLAG_NO_CHECK_TIME, any purpose). Expiry is never checked: neither the firmware nor shim checks it.
 */
import { anchorCertificate, type TrustAnchor } from './anchors';
import type { ParsedSignature } from './authenticode';
import { type Certificate, issued, sameCertificate } from './certs';

/**
 * The trusted certificate the signature's certificates lead to: the signer itself, or a certificate that
 * issued it or one of the certificates above it, trusted ones tried first at every step as OpenSSL does.
 */
export function chainsTo(signature: ParsedSignature, anchors: readonly TrustAnchor[]): TrustAnchor | undefined {
  const trusted = anchors
    .map((anchor) => ({ anchor, cert: anchorCertificate(anchor) }))
    .filter((t): t is { anchor: TrustAnchor; cert: Certificate } => t.cert !== undefined);
  let current = signature.signer;
  const path: Certificate[] = [];
  // Each step takes a certificate not yet on the path, so the walk ends within the signature's (capped) certificates.
  while (current) {
    path.push(current);
    for (const t of trusted) if (sameCertificate(t.cert, current)) return t.anchor;
    for (const t of trusted) if (issued(t.cert, current)) return t.anchor;
    let next: Certificate | undefined;
    for (const c of signature.certificates) {
      if (!path.includes(c) && issued(c, current)) {
        next = c;
        break;
      }
    }
    current = next;
  }
  return undefined;
}

/** A signature the judge accepts: sound (digest and signature) and chained to one of the anchors. */
export function trustedBy(signature: ParsedSignature, anchors: readonly TrustAnchor[]): TrustAnchor | undefined {
  if (!signature.entry.digestOk || !signature.entry.signatureOk || anchors.length === 0) return undefined;
  return chainsTo(signature, anchors);
}
