/**
 * The Secure Boot chain on the timeline, from serial consoles captured in the test VM (OVMF 2022.11 secboot
 * with Microsoft's keys, Debian's shim 16.1 and GRUB 2.06-13+deb12u2, kernel 6.1), trimmed, fed in odd chunks.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { STAGE_ORDER, Timeline, type StageId } from '../../../lib/vm/timeline';

const PATH = 'PciRoot(0x0)/Pci(0x2,0x0)/MAC(525400123456,0x1)/IPv4(0.0.0.0,0x0,DHCP,0.0.0.0,0.0.0.0,0.0.0.0)';
const PXE = (bootFile: string, bytes: number): string =>
  '\x1b[01;01H\x1b[=3h\x1b[2J\x1b[01;01H\r\n>>Start PXE over IPv4.\r\n  Station IP address is 192.168.255.15\r\n\r\n' +
  `  Server IP address is 192.168.255.1\r\n  NBP filename is ${bootFile}\r\n  NBP filesize is ${bytes} Bytes\r\n` +
  ' Downloading NBP file...\r\n\r\n  NBP file downloaded successfully.\r\n' +
  `BdsDxe: loading Boot0001 "UEFI PXEv4 (MAC:525400123456)" from ${PATH}\r\n`;
const STARTED = `BdsDxe: starting Boot0001 "UEFI PXEv4 (MAC:525400123456)" from ${PATH}\r\n`;

const BOOTS = [
  PXE('shimx64.efi', 1048504),
  STARTED,
  'Fetching Netboot Image grubx64.efi\r\n\x1b[0m\x1b[30m\x1b[47mWelcome to GRUB!\n\r\n\r\x1b[0m\x1b[37m\x1b[40m',
  'PXE-WORKBENCH grub.cfg read from (tftp,192.168.255.1)/grub\n\rEFI stub: UEFI Secure Boot is enabled.\r\n',
  '[    0.000000] Linux version 6.1.0-50-amd64 (debian-kernel@lists.debian.org) (gcc-12)\r\n',
  '[    0.000000] Kernel is locked down from EFI Secure Boot; see man kernel_lockdown.7\r\n',
  '[    0.000000] secureboot: Secure boot enabled\r\n',
  '[    1.808739] Run /init as init process\r\nPXE-WORKBENCH-TEST-MARKER reached /init\r\n',
].join('');

const FIRMWARE_REFUSES = (bootFile: string, bytes: number): string =>
  `${PXE(bootFile, bytes)}BdsDxe: failed to load Boot0001 "UEFI PXEv4 (MAC:525400123456)" from ${PATH}: ` +
  'Access Denied\r\n\r\n>>Start PXE over IPv6.';

// shim draws its error in a box with cursor positioning and code page 437 lines, and then waits for a key.
const BOX = (row: number, text: string): string =>
  `\x1b[${String(row).padStart(2, '0')};01H\xb3${text.padStart(49 + text.length / 2).padEnd(98)}\xb3`;
const SHIM_REFUSES =
  `${PXE('shimx64.efi', 1048504)}${STARTED}Fetching Netboot Image grubx64.efi\r\n\x1b[0m\x1b[37m\x1b[44m` +
  `\x1b[01;01H\xd9\x1b[01;01H\xda${'\xc4'.repeat(98)}\xbf${BOX(2, 'ERROR')}${BOX(3, '')}` +
  `${BOX(4, 'Verification failed: (0x1A) Security Violation')}${BOX(5, '')}\x1b[14;49H\xda\xc4\xc4\xc4\xc4\xbf` +
  '\x1b[0m\x1b[37m\x1b[40m\x1b[15;49H\xb3 OK \xb3\x1b[0m\x1b[37m\x1b[44m\x1b[16;49H\xc0\xc4\xc4\xc4\xc4\xd9';

const GRUB_REFUSES = [
  PXE('shimx64.efi', 1048504),
  STARTED,
  'Fetching Netboot Image grubx64.efi\r\n\x1b[47mWelcome to GRUB!\n\r\n\r\x1b[0m\x1b[37m\x1b[40m',
  'PXE-WORKBENCH grub.cfg read from (tftp,192.168.255.1)/grub\n\rerror: bad shim signature.\n\r',
  'error: you need to load the kernel first.\n\rerror: you need to load the kernel first.\n\r',
  '\x1b[0m\x1b[30m\x1b[40m\x1b[2J\x1b[01;01H\x1b[0m\x1b[37m\x1b[40m\x1b[02;34HGNU GRUB  version 2.06-13+deb12u2\n\r\n\r',
  '   Minimal BASH-like line editing is supported.\n\r\n\r\n\rgrub> ',
].join('');

/** A console fed in chunks of `size`, as QEMU's stdout may cut it. */
function fed(console: string, size: number, secureBoot = true): Timeline {
  const t = new Timeline('PXE-WORKBENCH-TEST-MARKER', 'uefi', secureBoot);
  t.start();
  for (let i = 0; i < console.length; i += size) t.serial(console.slice(i, i + size));
  return t;
}

const seen = (t: Timeline): string[] => t.stages.map((s) => `${s.id}:${s.label}`);

describe('the Secure Boot chain on the timeline', () => {
  it('marks Secure Boot from the plan, then shim, GRUB, the EFI stub and the kernel word, in any chunking', () => {
    for (const size of [1, 5, 64, 100_000]) {
      const t = fed(BOOTS, size);
      t.flush();
      expect(seen(t)).toEqual([
        'secureboot:on',
        'firmware:UEFI (OVMF) PXE',
        'dhcp:192.168.255.15',
        'bootfile:shimx64.efi',
        'firmware:UEFI (OVMF): UEFI PXEv4 (MAC:525400123456)',
        'shim:fetching grubx64.efi',
        'grub:GRUB started',
        'kernel:EFI stub: UEFI Secure Boot is enabled',
        'linux:Linux 6.1.0-50-amd64',
        'kernelSecureBoot:Secure boot enabled',
        'initramfs:/init',
        'marker:PXE-WORKBENCH-TEST-MARKER reached /init',
      ]);
      expect(t.failure).toBeUndefined();
    }
    // Without Secure Boot in the plan there is no such stage (OVMF prints nothing about it).
    expect(fed(BOOTS, 64, false).stages[0]?.id).toBe('firmware');
  });

  it('says the firmware refused an unsigned boot file, naming it, and that the firmware refused it', () => {
    for (const [bootFile, bytes] of [
      ['syslinux.efi', 171456],
      ['ipxe.efi', 850528],
    ] as const) {
      for (const size of [3, 100_000]) {
        const t = fed(FIRMWARE_REFUSES(bootFile, bytes), size);
        expect(t.failure).toMatchObject({
          line: 'BdsDxe: failed to load Boot0001 "UEFI PXEv4 (MAC:525400123456)": Access Denied',
          hint:
            `the firmware refused ${bootFile}: it is not signed by a key in the firmware's db (Microsoft UEFI CA) — ` +
            "use shim + GRUB, iPXE's signed shim release, or turn Secure Boot off knowingly.",
          refusedBy: 'firmware',
        });
        expect(t.reached()?.id).toBe('bootfile');
      }
    }
  });

  it("reads shim's boxed message (cursor moves, no line ends) while shim waits for a key", () => {
    for (const size of [2, 7, 100_000]) {
      const t = fed(SHIM_REFUSES, size);
      // No flush: the box has no line end after it, and the VM is still running.
      expect(t.failure?.line).toBe('Verification failed: (0x1A) Security Violation');
      expect(t.failure?.hint).toMatch(/^shim refused grubx64\.efi: the second stage is not signed by shim's vendor/);
      expect(t.failure?.hint).toMatch(/\(Debian: grubnetx64\.efi\.signed, named grubx64\.efi\)\.$/);
      expect(t.failure?.refusedBy).toBe('shim');
      expect(t.reached()?.id).toBe('shim');
    }
  });

  it('says GRUB refused the kernel (shim_lock), the first error winning over what follows', () => {
    const t = fed(GRUB_REFUSES, 9);
    expect(t.failure).toMatchObject({ line: 'error: bad shim signature.', refusedBy: 'grub' });
    expect(t.failure?.hint).toMatch(/^GRUB refused the kernel: it is not signed by a key shim trusts/);
    expect(seen(t)).toContain('grub:GRUB 2.06-13+deb12u2');
    expect(t.stages.map((s) => s.id)).not.toContain('linux');
  });

  it("stops at GRUB's prompt (no config booted) and at what GRUB could not fetch", () => {
    const prompt = fed(
      `${PXE('shimx64.efi', 1048504)}${STARTED}Fetching Netboot Image grubx64.efi\r\n\x1b[47mWelcome to GRUB!\n\r` +
        '\x1b[02;34HGNU GRUB  version 2.06-13+deb12u2\n\r\n\rgrub> ',
      100_000,
    );
    expect(prompt.failure?.line).toBe('grub>');
    expect(prompt.failure?.hint).toMatch(/reads grub\/grub\.cfg from the TFTP root/);
    expect(prompt.failure?.refusedBy).toBeUndefined();
    const http = fed(
      "Welcome to GRUB!\n\rerror: disk `http,192.168.255.2' not found.\n\rerror: you need to load the kernel first.\n\r",
      100_000,
    );
    expect(http.failure?.line).toBe("error: disk `http,192.168.255.2' not found.");
    expect(http.failure?.hint).toMatch(/no http module built in .*over TFTP/);
    const missing = fed("Welcome to GRUB!\n\rerror: file `/vmlinuz' not found.\n\r", 100_000);
    expect(missing.failure?.line).toBe("error: file `/vmlinuz' not found.");
    const noGrub = fed(
      `${STARTED}Fetching Netboot Image grubx64.efi\r\nUnknown TFTP error, treating as file not found\r\n` +
        'Unable to fetch TFTP image: Not Found\r\nstart_image() returned Not Found, falling back to default loader\r\n',
      100_000,
    );
    expect(noGrub.failure?.line).toBe('Unable to fetch TFTP image: Not Found');
    expect(noGrub.failure?.hint).toMatch(/^shim could not fetch grubx64\.efi \(Not Found\)/);
  });

  it('keeps a line SYSLINUX EFI writes character by character (cursor moves along one row) as one line', () => {
    const placed = (row: number, text: string): string =>
      [...text].map((c, i) => `\x1b[${row};${String(i + 1).padStart(2, '0')}H${c}`).join('');
    const t = new Timeline(undefined, 'uefi');
    const console =
      'syslinux.efi : 171456 bytes [EFI]\r\nGetting cached packet \r\nMy IP is 192.168.255.54\r\n' +
      `${placed(19, 'Loading vmlinuz... ok')}${placed(20, 'Loading initrd.img...ok')}\x1b[21;01H` +
      '[    0.000000] Linux version 6.1.0-50-amd64 (x)\r\n[    0.0] secureboot: Secure boot disabled\r\n';
    for (let i = 0; i < console.length; i += 5) t.serial(console.slice(i, i + 5));
    t.flush();
    expect(t.stages.map((s) => `${s.id}:${s.label}:${s.via ?? ''}`)).toEqual([
      'bootfile:syslinux.efi:',
      'loader:SYSLINUX (EFI):',
      'kernel:vmlinuz:tftp',
      'initrd:initrd.img:tftp',
      'linux:Linux 6.1.0-50-amd64:',
    ]);
  });

  it("lists the task's stages as the timeline orders them (package.json's until)", () => {
    const manifest = JSON.parse(readFileSync('package.json', 'utf8')) as {
      contributes: { taskDefinitions: { type: string; properties: { until: { enum: StageId[] } } }[] };
    };
    const task = manifest.contributes.taskDefinitions.find((d) => d.type === 'pxe-vm');
    expect(task?.properties.until.enum).toEqual(STAGE_ORDER);
  });
});
