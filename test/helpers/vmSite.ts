/**
 * A bootable site for the test VM, built at test time from Debian packages (never committed): the kernel
 * from linux-image-amd64, a busybox-static initramfs whose /init prints a marker and the hostname it was
 * given and powers off, PXELINUX/SYSLINUX loaders from pxelinux/syslinux-efi, a router script with one
 * lease per boot path, iPXE script and PXELINUX configs.
 */
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

export const MARKER = 'PXE-WORKBENCH-TEST-MARKER';
export const MACS = {
  biosTftp: '52:54:00:00:00:01',
  biosIpxe: '52:54:00:00:00:02',
  uefiIpxe: '52:54:00:00:00:03',
  uefiTftp: '52:54:00:00:00:04',
} as const;

export const VM_FILES = {
  kernel: () =>
    readdirSync('/boot')
      .filter((f) => f.startsWith('vmlinuz-'))
      .sort()
      .map((f) => join('/boot', f))
      .pop(),
  lpxelinux: '/usr/lib/PXELINUX/lpxelinux.0',
  ldlinuxC32: '/usr/lib/syslinux/modules/bios/ldlinux.c32',
  syslinuxEfi: '/usr/lib/SYSLINUX.EFI/efi64/syslinux.efi',
  ldlinuxE64: '/usr/lib/syslinux/modules/efi64/ldlinux.e64',
  busybox: '/bin/busybox',
};

/** Why the VM tests cannot run here (a missing package), or undefined. */
export function vmMissing(): string | undefined {
  const need: [string | undefined, string][] = [
    [existsSync('/usr/bin/qemu-system-x86_64') ? 'ok' : undefined, 'qemu-system-x86'],
    [existsSync('/usr/lib/ipxe/qemu/efi-virtio.rom') ? 'ok' : undefined, 'ipxe-qemu'],
    [existsSync('/usr/share/OVMF/OVMF_CODE_4M.fd') ? 'ok' : undefined, 'ovmf'],
    [VM_FILES.kernel(), 'linux-image-amd64'],
    [existsSync(VM_FILES.lpxelinux) ? 'ok' : undefined, 'pxelinux'],
    [existsSync(VM_FILES.ldlinuxC32) ? 'ok' : undefined, 'syslinux-common'],
    [existsSync(VM_FILES.syslinuxEfi) ? 'ok' : undefined, 'syslinux-efi'],
    // A dynamic busybox names its loader; the initramfs has no libraries, so it needs busybox-static.
    [
      existsSync(VM_FILES.busybox) &&
      !readFileSync(VM_FILES.busybox).subarray(0, 65536).toString('latin1').includes('/lib64/ld-linux')
        ? 'ok'
        : undefined,
      'busybox-static',
    ],
  ];
  const missing = need.filter(([ok]) => !ok).map(([, pkg]) => pkg);
  return missing.length ? missing.join(' ') : undefined;
}

/** A newc cpio archive (what the kernel unpacks as initramfs), device nodes included without root. */
export function cpio(entries: { name: string; mode: number; data?: Buffer; rdev?: [number, number] }[]): Buffer {
  const parts: Buffer[] = [];
  const pad = (n: number): Buffer => Buffer.alloc((4 - (n % 4)) % 4);
  let ino = 1;
  const write = (name: string, mode: number, data: Buffer, rdev: [number, number] = [0, 0]): void => {
    const fields = [ino++, mode, 0, 0, 1, 0, data.length, 0, 0, rdev[0], rdev[1], Buffer.byteLength(name) + 1, 0];
    const header = `070701${fields.map((f) => f.toString(16).padStart(8, '0')).join('')}`;
    const head = Buffer.concat([Buffer.from(header), Buffer.from(`${name}\0`)]);
    parts.push(head, pad(head.length), data, pad(data.length));
  };
  for (const e of entries) write(e.name, e.mode, e.data ?? Buffer.alloc(0), e.rdev);
  write('TRAILER!!!', 0, Buffer.alloc(0));
  return Buffer.concat(parts);
}

/** The test initramfs: busybox, /dev/console, and an /init that reports and powers off. */
export function testInitramfs(padBytes = 0): Buffer {
  const init = [
    '#!/bin/busybox sh',
    '/bin/busybox mount -t proc proc /proc',
    `echo "${MARKER} reached /init"`,
    'for word in $(/bin/busybox cat /proc/cmdline); do case "$word" in ' +
      'hostname=*) echo "PXE-WORKBENCH-HOSTNAME ${word#hostname=}";; ' +
      'systemd.hostname=*) echo "PXE-WORKBENCH-HOSTNAME ${word#systemd.hostname=}";; esac; done',
    '/bin/busybox poweroff -f',
    '',
  ].join('\n');
  const dir = 0o040755;
  const file = 0o100755;
  const entries = [
    { name: 'bin', mode: dir },
    { name: 'dev', mode: dir },
    { name: 'proc', mode: dir },
    { name: 'dev/console', mode: 0o020600, rdev: [5, 1] as [number, number] },
    { name: 'bin/busybox', mode: file, data: readFileSync(VM_FILES.busybox) },
    { name: 'bin/sh', mode: 0o120777, data: Buffer.from('busybox') },
    { name: 'init', mode: file, data: Buffer.from(init) },
    ...(padBytes ? [{ name: 'padding.bin', mode: 0o100644, data: Buffer.alloc(padBytes, 0x5a) }] : []),
  ];
  return padBytes ? cpio(entries) : gzipSync(cpio(entries));
}

/** Puts the real loaders, the kernel and the test initramfs in place of an example's placeholders. */
export function installBootFiles(tftp: string, names: { kernel: string; initrd: string }): void {
  copyFileSync(VM_FILES.kernel()!, join(tftp, names.kernel));
  writeFileSync(join(tftp, names.initrd), testInitramfs());
  copyFileSync(VM_FILES.lpxelinux, join(tftp, 'lpxelinux.0'));
  copyFileSync(VM_FILES.ldlinuxC32, join(tftp, 'ldlinux.c32'));
  copyFileSync(VM_FILES.syslinuxEfi, join(tftp, 'syslinux.efi'));
  copyFileSync(VM_FILES.ldlinuxE64, join(tftp, 'ldlinux.e64'));
}

export interface VmSite {
  root: string;
  siteFile: string;
  tftp: string;
}

/** The site: one lease per boot path (see MACS), HTTP on 192.168.255.2 (the NAS) inside the VM only. */
export function vmSite(options: { initrdPadBytes?: number } = {}): VmSite {
  const root = mkdtempSync(join(tmpdir(), 'pxe-vm-site-'));
  const tftp = join(root, 'tftp');
  mkdirSync(join(tftp, 'pxelinux.cfg'), { recursive: true });
  mkdirSync(join(root, 'router'));
  copyFileSync(VM_FILES.kernel()!, join(tftp, 'vmlinuz'));
  writeFileSync(join(tftp, 'initrd.img'), testInitramfs(options.initrdPadBytes ?? 0));
  copyFileSync(VM_FILES.lpxelinux, join(tftp, 'lpxelinux.0'));
  copyFileSync(VM_FILES.ldlinuxC32, join(tftp, 'ldlinux.c32'));
  copyFileSync(VM_FILES.syslinuxEfi, join(tftp, 'syslinux.efi'));
  copyFileSync(VM_FILES.ldlinuxE64, join(tftp, 'ldlinux.e64'));
  // BIOS PXELINUX: kernel and initrd over HTTP (lpxelinux). UEFI SYSLINUX: over TFTP (its HTTP goes to the TFTP server's host).
  writeFileSync(
    join(tftp, 'pxelinux.cfg', 'default'),
    [
      'DEFAULT test',
      'LABEL test',
      '  KERNEL http://192.168.255.2/tftp/vmlinuz',
      '  INITRD http://192.168.255.2/tftp/initrd.img',
      '  APPEND console=ttyS0 panic=-1 hostname=bios-tftp',
      '',
    ].join('\n'),
  );
  writeFileSync(
    join(tftp, 'pxelinux.cfg', `01-${MACS.uefiTftp.replace(/:/g, '-')}`),
    [
      'DEFAULT test',
      'LABEL test',
      '  KERNEL vmlinuz',
      '  INITRD initrd.img',
      '  APPEND console=ttyS0 panic=-1 hostname=uefi-tftp',
      '',
    ].join('\n'),
  );
  writeFileSync(
    join(tftp, 'boot.ipxe'),
    [
      '#!ipxe',
      'kernel http://192.168.255.2/tftp/vmlinuz initrd=initrd.img console=ttyS0 panic=-1 hostname=${net0/mac:hexhyp}',
      'initrd http://192.168.255.2/tftp/initrd.img',
      'boot',
      '',
    ].join('\n'),
  );
  writeFileSync(
    join(root, 'router', 'pxe.rsc'),
    [
      '/ip dhcp-server option',
      'add code=67 name=boot-bios value="\'lpxelinux.0\'"',
      'add code=67 name=boot-uefi value="\'syslinux.efi\'"',
      'add code=67 name=boot-ipxe-url value="\'http://192.168.255.2/tftp/boot.ipxe\'"',
      '/ip dhcp-server option sets',
      'add name=pxe-bios options=boot-bios',
      'add name=pxe-uefi options=boot-uefi',
      'add name=ipxe-http options=boot-ipxe-url',
      '/ip dhcp-server',
      'add interface=bridge name=lab-dhcp',
      '/ip dhcp-server matcher',
      'add code=93 name=uefi-x64 option-set=pxe-uefi server=lab-dhcp value=0x0007',
      '/ip dhcp-server network',
      'add address=192.168.255.0/24 gateway=192.168.255.1 next-server=192.168.255.2 dhcp-option-set=pxe-bios',
      '/ip dhcp-server lease',
      `add address=192.168.255.51 mac-address=${MACS.biosTftp} server=lab-dhcp comment=bios-tftp`,
      `add address=192.168.255.52 mac-address=${MACS.biosIpxe} dhcp-option-set=ipxe-http server=lab-dhcp comment=bios-ipxe`,
      `add address=192.168.255.53 mac-address=${MACS.uefiIpxe} dhcp-option-set=ipxe-http server=lab-dhcp comment=uefi-ipxe`,
      `add address=192.168.255.54 mac-address=${MACS.uefiTftp} server=lab-dhcp comment=uefi-tftp`,
      '',
    ].join('\n'),
  );
  const siteFile = join(root, 'pxe-site.json');
  writeFileSync(
    siteFile,
    JSON.stringify(
      {
        version: 1,
        name: 'vm-lab',
        network: { subnet: '192.168.255.0/24', router: '192.168.255.1', nas: '192.168.255.2' },
        tftp: { root: 'tftp', server: '192.168.255.2' },
        http: { baseUrl: 'http://192.168.255.2/tftp/', root: 'tftp' },
        router: { config: 'router/pxe.rsc' },
        vm: { memoryMiB: 512, timeoutSeconds: 120 },
      },
      null,
      2,
    ),
  );
  return { root, siteFile, tftp };
}
