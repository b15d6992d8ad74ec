/**
 * The verdicts: what UEFI firmware with Secure Boot on (EDK2's DxeImageVerificationLib), shim (16.1's
 * verify_buffer) and GRUB's shim_lock verifier (which asks shim) do with a file. Any one trusted signature
 * is enough; a revoked digest or certificate refuses the file whatever else it carries.
 */
import type { TrustAnchor } from './anchors';
import { parseSignatures, type ParsedSignature, WIN_CERT_TYPE_PKCS_SIGNED_DATA } from './authenticode';
import { listed, signedBy, untrustedDetail, untrustedReason } from './describe';
import { trustedBy } from './issuance';
import { authenticodeDigest, isLinuxKernel, type PeImage, type PeMachine, type PeResult, sectionData } from './pe';
import { parseSbat, type SbatLevel, sbatRevoked } from './sbat';
import type { ShimVendor } from './shim';
import { failureDetail, type Outcome, type Revocations, toImage, type Verdict } from './verdict';
import {
  type EfiStatus,
  FIRMWARE_REFUSAL,
  GRUB_BAD_SHIM_SIGNATURE,
  GRUB_NO_KERNEL,
  SHIM_NOT_AN_IMAGE,
  shimLog,
} from './words';

export interface FirmwareOptions {
  /** How the verdict names the file ("ipxe.efi"). */
  name?: string;
  /** The machine's architecture: an image built for another one is refused. */
  machine?: PeMachine;
}

/**
 * What UEFI firmware with Secure Boot on does with the file: loads it when a signature chains to a db
 * certificate; refuses it ("Access Denied") when it is unsigned, signed by a CA the db lacks, changed after
 * it was signed, or revoked by the dbx.
 */
export function firmwareVerdict(
  input: PeResult | Uint8Array,
  db: readonly TrustAnchor[],
  dbx: Revocations = {},
  options: FirmwareOptions = {},
): Verdict {
  const name = options.name ?? 'the file';
  const image = toImage(input);
  const signatures = image.ok ? parseSignatures(image) : [];
  const outcome: Outcome = image.ok
    ? firmwareOutcome(image, signatures, db, dbx, options.machine)
    : { accepted: false, reason: image.reason, detail: failureDetail(image) };
  return {
    judge: 'firmware',
    name,
    message: outcome.accepted ? '' : FIRMWARE_REFUSAL,
    log: outcome.accepted ? [] : [FIRMWARE_REFUSAL],
    ...dressed(outcome),
    trusted: db.map((a) => a.name),
    signatures: signatures.map((s) => s.entry),
  };
}

function dressed(outcome: Outcome): Pick<Verdict, 'accepted' | 'reason' | 'detail' | 'anchor' | 'signatureIndex'> {
  return {
    accepted: outcome.accepted,
    reason: outcome.reason,
    detail: outcome.detail,
    ...(outcome.anchor ? { anchor: outcome.anchor.name } : {}),
    ...(outcome.signatureIndex !== undefined ? { signatureIndex: outcome.signatureIndex } : {}),
  };
}

/**
 * Checks every judge makes before reading signatures: the machine, the layout, revoked digests, digests
 * allowed outright (shim's vendor_db), and a file with no certificate table.
 */
function preflight(
  image: PeImage,
  digests: { revoked: readonly string[]; allowed?: readonly string[] },
  machine?: PeMachine,
): Outcome | undefined {
  if (machine && image.machine !== machine) {
    return { accepted: false, reason: 'wrongMachine', detail: `it is built for ${image.machine}, not ${machine}` };
  }
  if (image.hashProblem) return { accepted: false, reason: 'malformed', detail: image.hashProblem };
  const digest = authenticodeDigest(image, 'sha256')!;
  if (digests.revoked.includes(digest)) {
    return { accepted: false, reason: 'forbidden', detail: `its digest ${digest.slice(0, 16)}… is revoked` };
  }
  if (digests.allowed?.includes(digest)) {
    return { accepted: true, reason: 'allowedDigest', detail: 'its digest is in the vendor_db shim carries' };
  }
  const table = image.certificateTable;
  if (!table) return { accepted: false, reason: 'unsigned', detail: 'it is not signed' };
  if (!table.intact && table.entries.length === 0) {
    const detail = table.problem ?? 'its certificate table is corrupt';
    return { accepted: false, reason: 'corruptCertificateTable', detail };
  }
  return undefined;
}

function firmwareOutcome(
  image: PeImage,
  signatures: ParsedSignature[],
  db: readonly TrustAnchor[],
  dbx: Revocations,
  machine?: PeMachine,
): Outcome {
  const early = preflight(image, { revoked: dbx.digests ?? [] }, machine);
  if (early) return early;
  let accepted: Outcome | undefined;
  // EDK2 reads every entry: a signature revoked by the dbx refuses the file even after another was trusted.
  for (const signature of signatures) {
    if (!signature.entry.readable) continue;
    const revoked = trustedBy(signature, dbx.certificates ?? []);
    if (revoked)
      return { accepted: false, reason: 'forbidden', detail: `its signer chains to ${revoked.name}, in the dbx` };
    const anchor = accepted ? undefined : trustedBy(signature, db);
    if (anchor) {
      const detail = `${signedBy([signature.entry])}, which chains to ${anchor.name} in the firmware’s db`;
      accepted = { accepted: true, reason: 'trusted', detail, anchor, signatureIndex: signature.entry.index };
    }
  }
  const table = image.certificateTable!;
  if (!table.intact) return { accepted: false, reason: 'corruptCertificateTable', detail: table.problem ?? 'corrupt' };
  if (accepted) return accepted;
  const entries = signatures.map((s) => s.entry);
  const reason = untrustedReason(entries);
  const detail =
    reason === 'untrusted'
      ? `${signedBy(entries)}; the firmware’s db holds ${listed(db.map((a) => a.name))}`
      : untrustedDetail(reason, entries);
  return { accepted: false, reason, detail };
}

/** Who asks shim: shim itself for the second stage it loads, GRUB's shim_lock verifier for a kernel. */
export type ShimStage = 'secondStage' | 'kernel';

export interface ShimOptions {
  /** Default: `kernel` when the file is a Linux kernel, else `secondStage` (grubx64.efi). */
  stage?: ShimStage;
  name?: string;
  /** The revocation level shim applies; default the shim's own automatic level; null for none. */
  sbatLevel?: SbatLevel | null;
  /** Certificates enrolled in MokList (mokutil --import). */
  mok?: readonly TrustAnchor[];
  /** The firmware's dbx, which shim checks too. */
  dbx?: Revocations;
  /** MokIgnoreDB: shim does not trust the firmware's db. */
  ignoreDb?: boolean;
  machine?: PeMachine;
}

interface ShimOutcome extends Outcome {
  status?: EfiStatus;
  notImage?: boolean;
}

/**
 * What shim does with the second stage it loads (grubx64.efi), and what GRUB's shim_lock verifier does with a
 * kernel: accepted when a signature chains to the shim's vendor certificate (or to the firmware's db, or an
 * enrolled MOK) and its SBAT is not revoked; refused with shim's or GRUB's words otherwise.
 */
export function shimVerdict(
  input: PeResult | Uint8Array,
  vendor: ShimVendor | readonly TrustAnchor[],
  db: readonly TrustAnchor[],
  options: ShimOptions = {},
): Verdict {
  const image = toImage(input);
  const stage = options.stage ?? (image.ok && isLinuxKernel(image) ? 'kernel' : 'secondStage');
  const name = options.name ?? (stage === 'kernel' ? 'the kernel' : 'the second stage');
  const carried = Array.isArray(vendor) ? (vendor as readonly TrustAnchor[]) : (vendor as ShimVendor).certificates;
  const trust = { carried, db: options.ignoreDb ? [] : db, mok: options.mok ?? [] };
  const signatures = image.ok ? parseSignatures(image) : [];
  let outcome: ShimOutcome;
  if (!image.ok) outcome = { accepted: false, reason: image.reason, detail: failureDetail(image), notImage: true };
  else {
    outcome = shimOutcome(image, signatures, vendor, trust, options);
    if (outcome.accepted) outcome = sbatOutcome(image, stage, levelOf(vendor, options), outcome);
  }
  const judge = stage === 'kernel' ? 'grub' : 'shim';
  const log = outcome.accepted ? [] : refusalLog(judge, outcome);
  if (!outcome.accepted && outcome.reason === 'untrusted') {
    outcome.detail = `shim carries ${listed(carried.map((a) => a.name))}; ${name} is ${signedBy(signatures.map((s) => s.entry))}`;
  }
  return {
    judge,
    name,
    message: log[0] ?? '',
    log,
    ...dressed(outcome),
    trusted: [...carried, ...trust.db, ...trust.mok].map((a) => a.name),
    signatures: signatures.map((s) => s.entry),
  };
}

function refusalLog(judge: 'shim' | 'grub', outcome: ShimOutcome): string[] {
  if (judge === 'grub') return [GRUB_BAD_SHIM_SIGNATURE, GRUB_NO_KERNEL];
  if (outcome.notImage || outcome.reason === 'wrongMachine') {
    return [SHIM_NOT_AN_IMAGE, 'Failed to load image: Unsupported', 'start_image() returned Unsupported'];
  }
  return shimLog(outcome.status ?? 'securityViolation');
}

function levelOf(vendor: ShimVendor | readonly TrustAnchor[], options: ShimOptions): SbatLevel | undefined {
  if (options.sbatLevel !== undefined) return options.sbatLevel ?? undefined;
  return Array.isArray(vendor) ? undefined : (vendor as ShimVendor).sbatLevel.automatic;
}

interface ShimTrust {
  carried: readonly TrustAnchor[];
  db: readonly TrustAnchor[];
  mok: readonly TrustAnchor[];
}

function shimOutcome(
  image: PeImage,
  signatures: ParsedSignature[],
  vendor: ShimVendor | readonly TrustAnchor[],
  trust: ShimTrust,
  options: ShimOptions,
): ShimOutcome {
  const own = Array.isArray(vendor) ? undefined : (vendor as ShimVendor);
  const revoked = [...(own?.deniedDigests ?? []), ...(options.dbx?.digests ?? [])];
  const early = preflight(image, { revoked, allowed: own?.allowedDigests ?? [] }, options.machine);
  if (early) {
    const invalid = early.reason === 'malformed' || early.reason === 'corruptCertificateTable';
    return { ...early, status: invalid ? 'invalidParameter' : 'securityViolation' };
  }
  if (!image.certificateTable!.intact) {
    return {
      accepted: false,
      reason: 'corruptCertificateTable',
      detail: image.certificateTable!.problem!,
      status: 'invalidParameter',
    };
  }
  const revokedBy = [...(own?.deniedCertificates ?? []), ...(options.dbx?.certificates ?? [])];
  const judged = signatures.filter((s) => s.entry.type === WIN_CERT_TYPE_PKCS_SIGNED_DATA && s.entry.readable);
  let denied: TrustAnchor | undefined;
  for (const signature of judged) {
    const denial = trustedBy(signature, revokedBy);
    if (denial) {
      denied = denial;
      continue;
    }
    for (const [anchors, where] of [
      [trust.db, 'in the firmware’s db'],
      [trust.mok, 'enrolled in MokList'],
      [trust.carried, 'the certificate shim carries'],
    ] as const) {
      const anchor = trustedBy(signature, anchors);
      if (anchor) {
        const detail = `${signedBy([signature.entry])}, which chains to ${anchor.name}, ${where}`;
        return { accepted: true, reason: 'trusted', detail, anchor, signatureIndex: signature.entry.index };
      }
    }
  }
  if (denied) return { accepted: false, reason: 'forbidden', detail: `its signer chains to ${denied.name}, revoked` };
  const entries = signatures.map((s) => s.entry);
  const reason = judged.length === 0 ? 'unreadableSignature' : untrustedReason(judged.map((s) => s.entry));
  return { accepted: false, reason, detail: untrustedDetail(reason, entries), status: 'securityViolation' };
}

/**
 * shim's SBAT check after a trusted signature (verify_buffer_sbat): one `.sbat` section without relocations,
 * mandatory for what shim loads itself, optional for what GRUB asks about; no component below the level.
 */
function sbatOutcome(
  image: PeImage,
  stage: ShimStage,
  level: SbatLevel | undefined,
  trusted: ShimOutcome,
): ShimOutcome {
  if (!level) return trusted;
  const refuse = (reason: Outcome['reason'], detail: string, status: EfiStatus): ShimOutcome => ({
    accepted: false,
    reason,
    detail,
    status,
  });
  const sections = image.sections.filter((s) => s.name === '.sbat');
  if (sections.length > 1) return refuse('sbatInvalid', 'it has more than one .sbat section', 'unsupported');
  const section = sections[0];
  if (section?.hasRelocations) return refuse('sbatInvalid', 'its .sbat section has relocations', 'unsupported');
  if (section && section.rawOffset + section.rawSize > image.bytes.length) {
    return refuse('sbatInvalid', 'its .sbat section extends past the end of the file', 'unsupported');
  }
  const bytes = section && section.rawSize >= section.virtualSize ? sectionData(image, '.sbat') : undefined;
  if (!bytes) {
    if (stage === 'kernel') return trusted;
    return refuse('sbatMissing', 'it has no .sbat section, which shim requires of what it loads', 'securityViolation');
  }
  const sbat = parseSbat(bytes);
  if (sbat.problem) return refuse('sbatInvalid', sbat.problem, 'invalidParameter');
  const revoked = sbatRevoked(sbat.entries, level);
  if (revoked) {
    const { entry, required } = revoked;
    const detail =
      `its SBAT says ${entry.component},${entry.generation} (${entry.vendor} ${entry.version}), but this shim ` +
      `refuses ${entry.component} below generation ${required} (SbatLevel ${level.date})`;
    return refuse('sbatRevoked', detail, 'securityViolation');
  }
  return trusted;
}
