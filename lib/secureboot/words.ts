/**
 * What each judge prints when it refuses a file, verbatim from its source (and found in the real binaries).
 * - Firmware (EDK2 DxeImageVerificationLib with OVMF's DENY_EXECUTE policy) returns EFI_ACCESS_DENIED; OVMF's
 *   PlatformBmPrintScLib prints `BdsDxe: failed to load Boot0001 "…" from …: Access Denied` (edk2-stable202211,
 *   Debian 12's OVMF; from edk2-stable202508 it adds " -- rejected probably by Secure Boot").
 * - shim 16.1 (Debian's shim-signed 1.51): pe.c handle_image calls console_error(L"Verification failed", status),
 *   which lib/console.c formats as L"%s: (0x%x) %s" — %x takes the low 32 bits of the EFI status — then shim.c
 *   prints "Failed to load image: %r" and "start_image() returned %r".
 * - GRUB 2.06 (Debian's 2.06-13+deb12u2): grub-core/kern/efi/sb.c shim_lock_verifier_write returns
 *   grub_error (GRUB_ERR_BAD_SIGNATURE, N_("bad shim signature")), printed by grub_print_error as
 *   "error: %s.\n"; `boot` then says "you need to load the kernel first" (loader/i386/linux.c).
 */

export const FIRMWARE_REFUSAL = 'Access Denied';

/** EFI status codes as shim prints them: the low 32 bits in hex, then the status's words. */
export const EFI_STATUS = {
  securityViolation: { code: 0x1a, text: 'Security Violation' },
  invalidParameter: { code: 0x2, text: 'Invalid Parameter' },
  unsupported: { code: 0x3, text: 'Unsupported' },
} as const;
export type EfiStatus = keyof typeof EFI_STATUS;

/** shim's alert box line: "Verification failed: (0x1A) Security Violation". */
export function shimVerificationFailed(status: EfiStatus): string {
  const { code, text } = EFI_STATUS[status];
  return `Verification failed: (0x${code.toString(16).toUpperCase()}) ${text}`;
}

/** The lines shim prints after a second stage it cannot verify. */
export function shimLog(status: EfiStatus): string[] {
  const { text } = EFI_STATUS[status];
  return [shimVerificationFailed(status), `Failed to load image: ${text}`, `start_image() returned ${text}`];
}

/** shim's read_header refusal of something that is not a PE image for this machine. */
export const SHIM_NOT_AN_IMAGE = 'Failed to read header: Unsupported';

export const GRUB_BAD_SHIM_SIGNATURE = 'error: bad shim signature.';
export const GRUB_NO_KERNEL = 'error: you need to load the kernel first.';
