/**
 * Test VM bench: the same ~100 MB initrd fetched by PXELINUX over TFTP and over HTTP in the VM (BIOS,
 * lpxelinux.0), timed from the loader's banner to "Linux version" (both transfers, nothing else), and a
 * whole boot to the initramfs per firmware. Needs qemu-system-x86, ipxe-qemu, ovmf, pxelinux,
 * syslinux-common, syslinux-efi, linux-image-amd64, busybox-static.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startVm, vmPlan, type VmResult } from '../lib/vm';
import { MACS, MARKER, vmMissing, vmSite } from '../test/helpers/vmSite';
import { stats, type Row, type Stats } from './stats';

const between = (r: VmResult, from: string, to: string): number => {
  const a = r.stages.find((s) => s.id === from)?.at;
  const b = r.stages.find((s) => s.id === to)?.at;
  if (a === undefined || b === undefined)
    throw new Error(`bench boot did not reach ${to} (${r.reason}: ${r.failure?.line ?? ''})`);
  return (b - a) * 1000;
};

async function boots(
  runs: number,
  siteFile: string,
  firmware: 'bios' | 'uefi',
  mac: string,
  measure: (r: VmResult) => number,
): Promise<Stats> {
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const result = await startVm(vmPlan(siteFile, { firmware, mac, memoryMiB: 1024, timeoutSeconds: 240 }), {
      marker: MARKER,
    }).done;
    samples.push(measure(result));
  }
  return stats(samples);
}

export async function vmRows(): Promise<Row[]> {
  const missing = vmMissing();
  if (missing) {
    console.log(`(vm bench skipped: apt-get install ${missing})`);
    return [];
  }
  const big = vmSite({ initrdPadBytes: 100 * 1024 * 1024 });
  const tftpMac = '52:54:00:00:00:05';
  writeFileSync(
    join(big.tftp, 'pxelinux.cfg', `01-${tftpMac.replace(/:/g, '-')}`),
    [
      'DEFAULT test',
      'LABEL test',
      '  KERNEL vmlinuz',
      '  INITRD initrd.img',
      '  APPEND console=ttyS0 panic=-1',
      '',
    ].join('\n'),
  );
  const http = await boots(2, big.siteFile, 'bios', MACS.biosTftp, (r) => between(r, 'loader', 'linux'));
  const tftp = await boots(2, big.siteFile, 'bios', tftpMac, (r) => between(r, 'loader', 'linux'));
  const small = vmSite();
  const bios = await boots(2, small.siteFile, 'bios', MACS.biosIpxe, (r) => between(r, 'firmware', 'initramfs'));
  const uefi = await boots(2, small.siteFile, 'uefi', MACS.uefiIpxe, (r) => between(r, 'firmware', 'initramfs'));
  return [
    {
      name: 'VM: kernel + 100 MB initrd over TFTP (lpxelinux, loader → Linux)',
      measured: tftp,
      baselineName: 'the same over HTTP (lpxelinux)',
      baseline: http,
    },
    {
      name: 'VM: UEFI boot, firmware → initramfs (iPXE script over HTTP)',
      measured: uefi,
      baselineName: 'BIOS boot, the same path',
      baseline: bios,
    },
  ];
}
