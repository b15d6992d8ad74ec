/**
 * A verdict as one sentence a person can act on: who refuses the file and with which words, why (naming the
 * certificates), and the fix — a shim and a GRUB from the same vendor, iPXE's own signed shim with the iPXE it
 * loads, enrolling a key with MokManager, or turning Secure Boot off knowingly.
 */
import type { Verdict, VerdictReason } from './verdict';

const JUDGES = { firmware: 'The firmware', shim: 'shim', grub: 'GRUB' } as const;
const SECURE_BOOT_OFF = 'or turn Secure Boot off in this machine’s firmware setup, knowingly';

type Fix = (verdict: Verdict) => string;

/** The issuer of the first signer, for "enroll X". */
const issuerOf = (verdict: Verdict): string | undefined => verdict.signatures.find((s) => s.signer)?.signer?.issuer;

const signedLoader: Fix = () =>
  'serve a Microsoft-signed shim (shimx64.efi) with the GRUB signed by the same vendor, or iPXE’s own signed shim ' +
  `release with the iPXE it loads, ${SECURE_BOOT_OFF}`;

const untrusted: Fix = (verdict) => {
  const issuer = issuerOf(verdict) ?? 'its signer’s CA';
  if (verdict.judge === 'firmware') {
    return `boot it through a Microsoft-signed shim that carries ${issuer} (its vendor’s shimx64.efi), ${SECURE_BOOT_OFF}`;
  }
  const wanted =
    verdict.judge === 'grub' ? 'a kernel signed by the shim’s vendor' : 'the GRUB that comes with this shim';
  return `serve ${wanted}, or enroll ${issuer} with MokManager (mokutil --import), ${SECURE_BOOT_OFF}`;
};

const original: Fix = () => 'put back the vendor’s original file (reinstall its package): this copy was altered';

const FIXES: Record<VerdictReason, Fix> = {
  trusted: () => '',
  allowedDigest: () => '',
  unsigned: (verdict) =>
    verdict.judge === 'firmware'
      ? signedLoader(verdict)
      : `serve a signed build from the shim’s vendor, or enroll its digest with MokManager, ${SECURE_BOOT_OFF}`,
  untrusted,
  digestMismatch: original,
  badSignature: original,
  unreadableSignature: original,
  corruptCertificateTable: original,
  forbidden: () => 'it is revoked: serve the vendor’s current release instead',
  sbatRevoked: () => 'serve the current GRUB from the same vendor as the shim (its SBAT generation is current)',
  sbatMissing: () => 'serve a second stage built for shim (distribution GRUBs carry an .sbat section)',
  sbatInvalid: () => 'serve the vendor’s own build: this one’s SBAT data is broken',
  wrongMachine: () => 'serve the build for this machine’s architecture',
  notPe: () => 'check that the path names the EFI program you meant',
  truncated: () => 'the file is incomplete: copy or download it again',
  malformed: () => 'the file is damaged or not a real EFI program: replace it with the vendor’s original',
  tooLarge: () => 'check that the path names the EFI program you meant',
  unreadable: () => 'check the path and the file’s permissions',
};

/** One sentence: "The firmware refuses ipxe.efi ("Access Denied"): it is not signed; serve … ." */
export function explain(verdict: Verdict): string {
  const judge = JUDGES[verdict.judge];
  if (verdict.accepted) return `${judge} accepts ${verdict.name}: ${verdict.detail}.`;
  const words = verdict.message ? ` ("${verdict.message}")` : '';
  return `${judge} refuses ${verdict.name}${words}: ${verdict.detail}; ${FIXES[verdict.reason](verdict)}.`;
}
