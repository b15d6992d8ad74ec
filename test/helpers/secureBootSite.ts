/**
 * Secure Boot sites for the test VM, one per scenario, built at test time (never committed): Debian's
 * Microsoft-signed shim as the DHCP boot file, Debian's signed GRUB network image as grubx64.efi beside it,
 * grub/grub.cfg (where that GRUB reads it over TFTP), the Debian kernel (signed by Debian) or the same kernel
 * re-signed by "Example Vendor", and the busybox initramfs of vmSite.ts. The binaries come from
 * `node scripts/setup.mjs --test` (node_modules/.cache/pxe-secureboot); the scenario table says what the VM
 * really did with each, for tests that compare static chain-of-trust verdicts with it.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { StageId } from '../../lib/vm';
import { MARKER, testInitramfs, VM_FILES } from './vmSite';

const CACHE = resolve('node_modules/.cache/pxe-secureboot/root');

export const SECURE_BOOT_FILES = {
  /** shim signed by Microsoft's UEFI CA (Debian's shim-signed). */
  shim: join(CACHE, 'usr/lib/shim/shimx64.efi.signed'),
  /** GRUB's network image signed by Debian (grub-efi-amd64-signed); shim fetches it as grubx64.efi. */
  grubnet: join(CACHE, 'usr/lib/grub/x86_64-efi-signed/grubnetx64.efi.signed'),
  /** Debian's iPXE, not signed. */
  ipxe: join(CACHE, 'boot/ipxe.efi'),
};

/** What the Secure Boot VM tests need that setup fetches, or undefined: a missing one is a failure, not a skip. */
export function secureBootMissing(): string | undefined {
  const missing = Object.values(SECURE_BOOT_FILES).filter((f) => !existsSync(f));
  for (const tool of ['openssl', 'osslsigncode'])
    if (spawnSync('sh', ['-c', `command -v ${tool}`]).status !== 0) missing.push(tool);
  return missing.length
    ? `the Secure Boot VM tests need ${missing.join(', ')}: run \`node scripts/setup.mjs --test\``
    : undefined;
}

export type ScenarioName = 'shimGrubKernel' | 'syslinuxRefused' | 'ipxeRefused' | 'unsignedGrub' | 'otherVendorKernel';

export interface SecureBootScenario {
  name: ScenarioName;
  /** What DHCP hands the VM (option 67), from the TFTP root. */
  bootFile: 'shimx64.efi' | 'syslinux.efi' | 'ipxe.efi';
  /** grubx64.efi: Debian's signed GRUB network image, or the same with its signature removed. */
  grub: 'debian' | 'unsigned';
  /** The kernel grub/grub.cfg boots (over TFTP): Debian's signed one, or the same re-signed by another vendor. */
  kernel: 'debian' | 'otherVendor';
  /** What the VM did (verified by test/vm/secureBoot.test.ts): the link that refused, the furthest stage. */
  verdict: { refusedBy?: StageId; reached: StageId };
  why: string;
}

export const SECURE_BOOT_SCENARIOS: readonly SecureBootScenario[] = [
  {
    name: 'shimGrubKernel',
    bootFile: 'shimx64.efi',
    grub: 'debian',
    kernel: 'debian',
    verdict: { reached: 'marker' },
    why: 'shim (Microsoft UEFI CA) → GRUB (Debian) → kernel (Debian): each link signed by a key the one before trusts',
  },
  {
    name: 'syslinuxRefused',
    bootFile: 'syslinux.efi',
    grub: 'debian',
    kernel: 'debian',
    verdict: { refusedBy: 'firmware', reached: 'bootfile' },
    why: "syslinux.efi is not signed: the firmware's db (Microsoft) does not let it run",
  },
  {
    name: 'ipxeRefused',
    bootFile: 'ipxe.efi',
    grub: 'debian',
    kernel: 'debian',
    verdict: { refusedBy: 'firmware', reached: 'bootfile' },
    why: "Debian's ipxe.efi is not signed: the firmware refuses it",
  },
  {
    name: 'unsignedGrub',
    bootFile: 'shimx64.efi',
    grub: 'unsigned',
    kernel: 'debian',
    verdict: { refusedBy: 'shim', reached: 'shim' },
    why: "grubx64.efi carries no signature: shim (Debian's vendor certificate, the db, MOKs) refuses it",
  },
  {
    name: 'otherVendorKernel',
    bootFile: 'shimx64.efi',
    grub: 'debian',
    kernel: 'otherVendor',
    verdict: { refusedBy: 'grub', reached: 'grub' },
    why: 'the kernel is signed by "Example Vendor", whom shim does not trust: GRUB refuses it through shim_lock',
  },
];

export const scenario = (name: ScenarioName): SecureBootScenario => SECURE_BOOT_SCENARIOS.find((s) => s.name === name)!;

/** The Debian kernel with its signature replaced by one from "Example Vendor CA" (made here, self-signed). */
export function otherVendorKernel(dir: string): string {
  const pki = join(dir, 'example-vendor');
  mkdirSync(pki, { recursive: true });
  const at = (f: string): string => join(pki, f);
  const openssl = (...args: string[]): void => void execFileSync('openssl', args, { stdio: 'pipe' });
  openssl(
    ...['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', at('ca.key'), '-out', at('ca.crt')],
    ...['-days', '3650', '-subj', '/CN=Example Vendor CA'],
    ...['-addext', 'basicConstraints=critical,CA:TRUE', '-addext', 'keyUsage=critical,keyCertSign'],
  );
  openssl(
    ...['req', '-newkey', 'rsa:2048', '-nodes', '-keyout', at('signer.key'), '-out', at('signer.csr')],
    ...['-subj', '/CN=Example Vendor Signer'],
  );
  writeFileSync(
    at('signer.ext'),
    'basicConstraints=CA:FALSE\nkeyUsage=critical,digitalSignature\nextendedKeyUsage=codeSigning\n',
  );
  openssl(
    ...['x509', '-req', '-in', at('signer.csr'), '-CA', at('ca.crt'), '-CAkey', at('ca.key'), '-CAcreateserial'],
    ...['-out', at('signer.crt'), '-days', '3650', '-extfile', at('signer.ext')],
  );
  unsigned(VM_FILES.kernel()!, at('vmlinuz.unsigned'));
  osslsigncode(
    ...['sign', '-certs', at('signer.crt'), '-key', at('signer.key'), '-ac', at('ca.crt')],
    ...['-in', at('vmlinuz.unsigned'), '-out', at('vmlinuz.signed')],
  );
  return at('vmlinuz.signed');
}

const osslsigncode = (...args: string[]): void => void execFileSync('osslsigncode', args, { stdio: 'pipe' });

/** A copy of a signed EFI binary with its Authenticode signature removed. */
export function unsigned(file: string, to: string): string {
  osslsigncode('remove-signature', '-in', file, '-out', to);
  return to;
}

export interface SecureBootSite {
  root: string;
  siteFile: string;
  tftp: string;
  scenario: SecureBootScenario;
}

/**
 * grub/grub.cfg: echo where it was read from (the test checks it), then kernel and initrd over TFTP (Debian's
 * signed grubnetx64 embeds no http module: `(http,…)` paths fail with "disk `http,…' not found").
 */
export const GRUB_CFG = [
  'set timeout=0',
  'echo "PXE-WORKBENCH grub.cfg read from $prefix"',
  'linux /vmlinuz console=ttyS0 panic=-1',
  'initrd /initrd.img',
  'boot',
  '',
].join('\n');

/**
 * The site of one scenario: TFTP root with shimx64.efi, grubx64.efi, grub/grub.cfg, vmlinuz, initrd.img,
 * and syslinux.efi (+ ldlinux.e64 and a config that would boot without Secure Boot) and ipxe.efi; the router
 * hands UEFI machines the scenario's boot file.
 */
export function secureBootSite(name: ScenarioName): SecureBootSite {
  const s = scenario(name);
  const root = mkdtempSync(join(tmpdir(), `pxe-vm-sb-${name}-`));
  const tftp = join(root, 'tftp');
  mkdirSync(join(tftp, 'grub'), { recursive: true });
  mkdirSync(join(tftp, 'pxelinux.cfg'));
  mkdirSync(join(root, 'router'));
  copyFileSync(SECURE_BOOT_FILES.shim, join(tftp, 'shimx64.efi'));
  if (s.grub === 'unsigned') unsigned(SECURE_BOOT_FILES.grubnet, join(tftp, 'grubx64.efi'));
  else copyFileSync(SECURE_BOOT_FILES.grubnet, join(tftp, 'grubx64.efi'));
  copyFileSync(SECURE_BOOT_FILES.ipxe, join(tftp, 'ipxe.efi'));
  copyFileSync(VM_FILES.syslinuxEfi, join(tftp, 'syslinux.efi'));
  copyFileSync(VM_FILES.ldlinuxE64, join(tftp, 'ldlinux.e64'));
  copyFileSync(s.kernel === 'otherVendor' ? otherVendorKernel(root) : VM_FILES.kernel()!, join(tftp, 'vmlinuz'));
  writeFileSync(join(tftp, 'initrd.img'), testInitramfs());
  writeFileSync(join(tftp, 'grub', 'grub.cfg'), GRUB_CFG);
  writeFileSync(
    join(tftp, 'pxelinux.cfg', 'default'),
    'DEFAULT test\nLABEL test\n  KERNEL vmlinuz\n  INITRD initrd.img\n  APPEND console=ttyS0 panic=-1\n',
  );
  writeFileSync(
    join(root, 'router', 'pxe.rsc'),
    [
      '/ip dhcp-server option',
      `add code=67 name=boot-uefi value="'${s.bootFile}'"`,
      '/ip dhcp-server option sets',
      'add name=pxe-uefi options=boot-uefi',
      '/ip dhcp-server',
      'add interface=bridge name=lab-dhcp',
      '/ip dhcp-server network',
      'add address=192.168.255.0/24 gateway=192.168.255.1 next-server=192.168.255.2 dhcp-option-set=pxe-uefi',
      '',
    ].join('\n'),
  );
  const siteFile = join(root, 'pxe-site.json');
  writeFileSync(
    siteFile,
    JSON.stringify(
      {
        version: 1,
        name: `secure-boot-${name}`,
        network: { subnet: '192.168.255.0/24', router: '192.168.255.1', nas: '192.168.255.2' },
        tftp: { root: 'tftp', server: '192.168.255.2' },
        http: { baseUrl: 'http://192.168.255.2/tftp/', root: 'tftp' },
        router: { config: 'router/pxe.rsc' },
        vm: { firmware: 'uefi', memoryMiB: 512, timeoutSeconds: 150 },
      },
      null,
      2,
    ),
  );
  return { root, siteFile, tftp, scenario: s };
}

export { MARKER };
