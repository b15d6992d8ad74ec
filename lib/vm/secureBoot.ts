/**
 * The Secure Boot chain on the serial console: OVMF refusing an unsigned boot file, shim fetching and
 * checking its second stage, GRUB starting and checking the kernel through shim, the kernel's own word.
 * Each refusal says which link refused what, and what to do. The lines are OVMF 2022.11, shim 15.x/16.x and
 * Debian's GRUB 2.06 as seen in the test VM (docs/test-vm.md, "Secure Boot").
 */
import type { Pattern } from './stages';

const MS_DB = "it is not signed by a key in the firmware's db (Microsoft UEFI CA)";

export const SECURE_BOOT_PATTERNS: Pattern[] = [
  // shim fetches its second stage from the folder it came from: "Fetching Netboot Image grubx64.efi".
  {
    re: /Fetching Netboot Image (\S+)/,
    stage: (m) => ({ id: 'shim', label: `fetching ${m[1]}`, via: 'tftp' }),
  },
  { re: /Welcome to GRUB!/, stage: () => ({ id: 'grub', label: 'GRUB started' }) },
  { re: /GNU GRUB {1,2}version (\S+)/, stage: (m) => ({ id: 'grub', label: `GRUB ${m[1]}` }) },
  // The kernel's EFI stub: GRUB's shim_lock check passed and the kernel runs.
  {
    re: /EFI stub: UEFI Secure Boot is enabled/,
    stage: () => ({ id: 'kernel', label: 'EFI stub: UEFI Secure Boot is enabled' }),
  },
  // Only "enabled" is a stage: "disabled" is any UEFI boot without Secure Boot, and no further than Linux.
  { re: /secureboot: Secure boot enabled/, stage: () => ({ id: 'kernelSecureBoot', label: 'Secure boot enabled' }) },
  // OVMF: "BdsDxe: failed to load Boot0001 "UEFI PXEv4 (MAC:…)" from PciRoot(…)/…: Access Denied".
  {
    re: /BdsDxe: failed to (load|start) (Boot\d+ "[^"]+") from \S+: (Access Denied|Security Violation)/,
    refusedBy: 'firmware',
    failure: (m, t) =>
      `BdsDxe: failed to ${m[1]} ${m[2]}: ${m[3]} — the firmware refused ${t.bootFile || 'the boot file'}: ${MS_DB} — ` +
      "use shim + GRUB, iPXE's signed shim release, or turn Secure Boot off knowingly.",
  },
  // shim draws a box around it: "│   Verification failed: (0x1A) Security Violation   │".
  {
    re: /Verification failed: \(0x[0-9A-Fa-f]+\) [A-Za-z][\w ]*[a-z]/,
    refusedBy: 'shim',
    failure: (m, t) =>
      `${m[0]} — shim refused ${secondStage(t.stage('shim')?.label)}: the second stage is not signed by shim's ` +
      "vendor certificate (Debian's, for Debian's shim), a key in the firmware's db or an enrolled MOK. Use the " +
      'GRUB signed by the same vendor as shim (Debian: grubnetx64.efi.signed, named grubx64.efi).',
  },
  {
    re: /Unable to fetch TFTP image: (.+)/,
    failure: (m, t) =>
      `${m[0]} — shim could not fetch ${secondStage(t.stage('shim')?.label)} (${m[1]}): it loads it from the ` +
      'TFTP folder it was loaded from. Put the signed GRUB there under that name.',
  },
  {
    re: /error: bad shim signature\.?/,
    refusedBy: 'grub',
    failure: (m) =>
      `${m[0]} — GRUB refused the kernel: it is not signed by a key shim trusts (shim's vendor certificate, ` +
      "the firmware's db or an enrolled MOK). Use the distribution's signed kernel, or enroll the signer as a MOK.",
  },
  {
    re: /error: (file .+ not found|you need to load the kernel first)\.?/,
    failure: (m, t) =>
      t.has('grub')
        ? `${m[0]} — GRUB stopped: a file its config names is not in the TFTP folder (paths are from its root; ` +
          'the config is grub/grub.cfg).'
        : undefined,
  },
  {
    re: /error: disk `(https?),[^']*' not found\.?/,
    failure: (m, t) =>
      t.has('grub')
        ? `${m[0]} — this GRUB has no ${m[1]} module built in (Debian's signed grubnetx64 embeds tftp, not ` +
          'http). Fetch kernel and initrd over TFTP: plain paths in grub.cfg.'
        : undefined,
  },
  // Nothing left to run: GRUB found no config, or its config did not boot.
  {
    re: /^grub>$/,
    failure: () =>
      "grub> — GRUB stopped at its prompt: no config booted. Debian's grubnetx64 reads grub/grub.cfg from the " +
      'TFTP root ($prefix/grub.cfg, prefix /grub); put the config there.',
  },
];

/** The file shim fetched, from its stage label (`fetching grubx64.efi`). */
const secondStage = (label: string | undefined): string => label?.replace(/^fetching /, '') ?? 'its second stage';
