/**
 * Secure Boot, read from the bytes of EFI files: what UEFI firmware, shim and GRUB's shim_lock verifier do
 * with each file of a TFTP root, with the same verdict the real ones give, and why.
 */
export {
  authenticodeDigest,
  isLinuxKernel,
  MAX_CERTIFICATE_ENTRIES,
  MAX_KERNEL_BYTES,
  MAX_LOADER_BYTES,
  parsePe,
  readPe,
  sectionData,
  type CertificateTable,
  type DigestAlgorithm,
  type PeFailure,
  type PeFailureReason,
  type PeImage,
  type PeMachine,
  type PeResult,
  type PeSection,
  type PeSubsystem,
  type WinCertificate,
} from './pe';
export { readSignatures, type SignatureEntry } from './authenticode';
export type { CertificateSummary } from './certs';
export { trustAnchor, type TrustAnchor } from './anchors';
export { FIRMWARE_PROFILES, firmwareDb, microsoftAnchors, type FirmwareProfile } from './catalog';
export { parseSignatureLists, x509SignatureList, type SignatureDatabase } from './esl';
export { parseSbat, parseSbatLevel, sbatOf, type SbatEntry, type SbatLevel, type SbatSection } from './sbat';
export { shimVendorCert, type ShimFailure, type ShimVendor } from './shim';
export { firmwareVerdict, shimVerdict, type FirmwareOptions, type ShimOptions, type ShimStage } from './trust';
export type { Judge, Revocations, Verdict, VerdictReason } from './verdict';
export { explain } from './explain';
export { FIRMWARE_REFUSAL, GRUB_BAD_SHIM_SIGNATURE, shimVerificationFailed } from './words';
