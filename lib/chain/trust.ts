/**
 * Secure Boot along the chain: what the firmware, shim and GRUB accept of the files a UEFI machine fetches,
 * read from the files' own signatures (lib/secureboot). With Secure Boot on (the site or the node says so) a
 * refusal stops the machine and is an error where the file is named; when the site does not say, the same
 * finding is advice only; with Secure Boot off nothing is checked.
 */
import { basename } from 'node:path';
import { stampedFacts } from '../core/stamped';
import type * as SecureBootModule from '../secureboot';
import type { PeResult, ShimVendor, Verdict } from '../secureboot';
import type { Env, HopBuilder } from './hops';
import type { Hop, Place } from './model';
import { CHAIN } from './rules';

/**
 * lib/secureboot (pkijs, asn1js, pe-library: 1 MB, ~30 ms to evaluate) is loaded on first use — only a UEFI
 * machine whose boot file is a real EFI program needs it. Until it is there the chain says it is pending
 * (`Chain.pending`), and its owner builds again when it resolves.
 */
let secureBoot: typeof SecureBootModule | undefined;
let loading: Promise<void> | undefined;
/** Why the reader could not be loaded (a broken install: out/secureboot.js missing), once it failed. */
let unavailable: string | undefined;

/** Loads the signature reader once; resolves when the chain can give verdicts (or knows it cannot). */
export function loadSecureBoot(): Promise<void> {
  loading ??= import('../secureboot').then(
    (module) => {
      secureBoot = module;
    },
    (error: unknown) => {
      unavailable = String(error);
    },
  );
  return loading;
}

/** The signature reader, or undefined: its loading started (the chain is marked pending), or it failed. */
function reader(b: HopBuilder): typeof SecureBootModule | undefined {
  if (!secureBoot && unavailable === undefined) b.awaiting(loadSecureBoot());
  return secureBoot;
}

/** Facts read from binaries, by path and stamp (size, time): a chain rebuild does not hash a kernel again. */
const remembered = stampedFacts(256);

/** A PE image starts with "MZ": anything else (a placeholder) needs no signature reader to be told apart. */
function looksLikePe(b: HopBuilder, path: string): boolean {
  const head = b.fileView.head?.(path, 2);
  return head !== undefined && head[0] === 0x4d && head[1] === 0x5a;
}

function imageOf(sb: typeof SecureBootModule, b: HopBuilder, path: string, cap: number): PeResult | undefined {
  const bytes = b.fileView.head?.(path, cap + 1);
  if (!bytes) return undefined;
  return sb.parsePe(bytes, cap);
}

/** Secure Boot for this machine: on, off, or unknown (the site does not say). */
function secureBootOf(env: Env): boolean | undefined {
  return env.client.firmware === 'uefi' ? env.client.secureBoot : false;
}

/**
 * A file that is not a PE image at all is a placeholder (the examples commit text files where binaries go)
 * or a mistake the firmware states in other words: the signature check says nothing about it.
 */
function notAnImage(image: PeResult | undefined): boolean {
  return !image || (!image.ok && (image.reason === 'notPe' || image.reason === 'unreadable'));
}

/** Under Secure Boot, a file whose signature cannot be read says so on its hop (no finding: a placeholder). */
function unchecked(env: Env, hop: Hop): void {
  if (secureBootOf(env) !== true) return;
  hop.detail = `${hop.detail ? `${hop.detail} · ` : ''}Secure Boot: not checked (not an EFI program: a placeholder?)`;
}

/** Under Secure Boot, a real EFI program whose signature could not be read because the reader is missing. */
function readerMissing(env: Env, hop: Hop): void {
  if (secureBootOf(env) !== true || unavailable === undefined) return;
  hop.detail =
    `${hop.detail ? `${hop.detail} · ` : ''}Secure Boot: not checked (the signature reader did not load: ` +
    `${unavailable}; reinstall the extension)`;
}

/** The verdict on the hop and, where it is refused, one finding: an error under Secure Boot, advice when unknown. */
function judged(
  b: HopBuilder,
  env: Env,
  hop: Hop,
  verdict: Verdict,
  at: Place | undefined,
  sb: typeof SecureBootModule,
): void {
  const on = secureBootOf(env);
  if (verdict.accepted) {
    if (on) hop.detail = `${hop.detail ? `${hop.detail} · ` : ''}Secure Boot: ${verdict.detail}`;
    return;
  }
  const sentence = sb.explain(verdict);
  if (on) {
    hop.status = 'missing';
    hop.message = `Secure Boot: ${sentence}`;
    if (at) b.report(CHAIN.secureBootRefused, at, `Under Secure Boot (pxe-site.json says it is on): ${sentence}`);
    return;
  }
  hop.message = `if Secure Boot is on: ${sentence}`;
  if (at)
    b.report(
      CHAIN.secureBootAdvice,
      at,
      `If these machines have Secure Boot on: ${sentence} Say in pxe-site.json whether it is on ` +
        '("secureBoot": { "uefi": true } or false), and the chain checks it or stays quiet.',
    );
}

/** The file the firmware loads first (the DHCP boot file): its signature must chain to the firmware's db. */
export function checkFirstStage(b: HopBuilder, env: Env, hop: Hop, path: string): void {
  if (secureBootOf(env) === false || env.client.firmware !== 'uefi') return;
  if (!looksLikePe(b, path)) return unchecked(env, hop);
  const sb = reader(b);
  if (!sb) return readerMissing(env, hop);
  const keys = b.site.secureBoot?.firmwareKeys ?? 'microsoft';
  const verdict = remembered(b.fileView, path, `firmware:${keys}`, () => {
    const image = imageOf(sb, b, path, sb.MAX_LOADER_BYTES);
    if (notAnImage(image)) return undefined;
    return sb.firmwareVerdict(image as PeResult, sb.firmwareDb(keys), {}, { name: basename(path), machine: 'x64' });
  });
  if (!verdict) return unchecked(env, hop);
  judged(b, env, hop, verdict, env.bootAt ?? hop.at, sb);
}

/** The certificates shim carries (read once per file). */
function vendorOf(sb: typeof SecureBootModule, b: HopBuilder, shimPath: string): ShimVendor | undefined {
  return remembered(b.fileView, shimPath, 'shim-vendor', () => {
    const image = imageOf(sb, b, shimPath, sb.MAX_LOADER_BYTES);
    if (notAnImage(image)) return undefined;
    const vendor = sb.shimVendorCert(image as PeResult);
    return 'certificates' in vendor ? vendor : undefined;
  });
}

function shimJudges(
  b: HopBuilder,
  env: Env,
  path: string,
  stage: 'secondStage' | 'kernel',
): { verdict: Verdict; sb: typeof SecureBootModule } | undefined {
  if (!env.shim || secureBootOf(env) === false) return undefined;
  if (!looksLikePe(b, env.shim) || !looksLikePe(b, path)) return undefined;
  const sb = reader(b);
  if (!sb) return undefined;
  const vendor = vendorOf(sb, b, env.shim);
  if (!vendor) return undefined;
  const keys = b.site.secureBoot?.firmwareKeys ?? 'microsoft';
  const cap = stage === 'kernel' ? sb.MAX_KERNEL_BYTES : sb.MAX_LOADER_BYTES;
  const verdict = remembered(b.fileView, path, `${stage}:${keys}:${env.shim}`, () => {
    const image = imageOf(sb, b, path, cap);
    if (notAnImage(image)) return undefined;
    return sb.shimVerdict(image as PeResult, vendor, sb.firmwareDb(keys), { stage, name: basename(path) });
  });
  return verdict ? { verdict, sb } : undefined;
}

/** shim's second stage (grubx64.efi): signed by a certificate shim carries (or one in the firmware's db). */
export function checkSecondStage(b: HopBuilder, env: Env, hop: Hop, path: string): void {
  const judgedBy = shimJudges(b, env, path, 'secondStage');
  if (judgedBy) judged(b, env, hop, judgedBy.verdict, env.bootAt, judgedBy.sb);
  else if (!looksLikePe(b, path)) unchecked(env, hop);
}

/** A kernel GRUB boots under shim: GRUB asks shim's verifier, which trusts the same certificates. */
export function checkKernel(b: HopBuilder, env: Env, hop: Hop, path: string, at: Place): void {
  const judgedBy = shimJudges(b, env, path, 'kernel');
  if (judgedBy) judged(b, env, hop, judgedBy.verdict, at, judgedBy.sb);
}
