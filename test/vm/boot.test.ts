/**
 * The test VM boots, under TCG (or KVM where it works), a Debian kernel and a busybox initramfs built by
 * the test, through the four paths users set up; each run checks the timeline and the marker /init prints.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { startVm, stageLine, vmPlan, type StageId, type VmResult } from '../../lib/vm';
import { MACS, MARKER, vmMissing, vmSite } from '../helpers/vmSite';

const missing = vmMissing();
if (missing) console.log(`(VM tests skipped: apt-get install ${missing})`);

async function boot(
  mac: string,
  firmware: 'bios' | 'uefi',
): Promise<{ result: VmResult; serial: string; notes: string[] }> {
  const site = vmSite();
  const plan = vmPlan(site.siteFile, { firmware, mac, timeoutSeconds: 150 });
  let serial = '';
  const run = startVm(plan, { marker: MARKER, onSerial: (t) => (serial += t) });
  const result = await run.done;
  if (result.reason !== 'poweroff' || !result.stages.some((s) => s.id === 'initrd'))
    console.log(
      `${firmware} ${mac}: ${result.reason}\n${result.stages.map(stageLine).join('\n')}\n` +
        `${JSON.stringify(serial.split(/\r|\n/).filter((l) => /Loading|initrd/i.test(l)))}\n${serial.slice(-1500)}`,
    );
  return { result, serial, notes: plan.notes };
}

const ids = (r: VmResult): StageId[] => r.stages.map((s) => s.id);

describe.skipIf(missing !== undefined)('the test VM (QEMU, user networking, restrict=on)', () => {
  it.concurrent('BIOS → lpxelinux.0 over TFTP → pxelinux.cfg/default → kernel and initrd over HTTP', async () => {
    const { result, serial } = await boot(MACS.biosTftp, 'bios');
    expect(result.reason).toBe('poweroff');
    expect(ids(result)).toEqual(
      expect.arrayContaining(['firmware', 'bootfile', 'loader', 'kernel', 'initrd', 'linux', 'initramfs', 'marker']),
    );
    expect(result.stages.find((s) => s.id === 'loader')?.label).toMatch(/^PXELINUX 6\.04/);
    const kernel = result.stages.find((s) => s.id === 'kernel' && s.via === 'http');
    expect(kernel?.bytes).toBeGreaterThan(1_000_000);
    expect(serial).toContain('PXE-WORKBENCH-HOSTNAME bios-tftp');
    expect(result.reached?.id).toBe('marker');
  });

  it.concurrent('BIOS → iPXE script over HTTP (the URL as boot file) → kernel and initrd', async () => {
    const { result, serial } = await boot(MACS.biosIpxe, 'bios');
    expect(result.reason).toBe('poweroff');
    expect(result.stages.find((s) => s.id === 'bootfile')?.label).toBe('http://192.168.255.2/tftp/boot.ipxe');
    expect(result.stages.find((s) => s.id === 'config')?.label).toBe('boot.ipxe');
    expect(ids(result)).toEqual(expect.arrayContaining(['dhcp', 'kernel', 'initrd', 'linux', 'initramfs', 'marker']));
    expect(serial).toContain(`PXE-WORKBENCH-HOSTNAME ${MACS.biosIpxe.replace(/:/g, '-')}`);
  });

  it.concurrent('UEFI (OVMF) → iPXE script by URL → kernel and initrd', async () => {
    const { result, serial } = await boot(MACS.uefiIpxe, 'uefi');
    expect(result.reason).toBe('poweroff');
    expect(ids(result)).toEqual(
      expect.arrayContaining(['firmware', 'config', 'kernel', 'initrd', 'linux', 'initramfs', 'marker']),
    );
    expect(serial).toContain(`PXE-WORKBENCH-HOSTNAME ${MACS.uefiIpxe.replace(/:/g, '-')}`);
  });

  it.concurrent('UEFI → syslinux.efi over TFTP → its per-MAC config → kernel and initrd over TFTP', async () => {
    const { result, serial } = await boot(MACS.uefiTftp, 'uefi');
    expect(result.reason).toBe('poweroff');
    expect(result.stages.find((s) => s.id === 'bootfile')?.label).toBe('syslinux.efi');
    expect(result.stages.find((s) => s.id === 'loader')?.label).toBe('SYSLINUX (EFI)');
    expect(result.stages.find((s) => s.id === 'kernel')?.via).toBe('tftp');
    expect(ids(result)).toEqual(expect.arrayContaining(['initrd', 'linux', 'initramfs', 'marker']));
    expect(serial).toContain('PXE-WORKBENCH-HOSTNAME uefi-tftp');
  });

  it.concurrent('stops at the first failure and says where: UEFI, an iPXE kernel line without initrd=', async () => {
    const site = vmSite();
    writeFileSync(
      join(site.tftp, 'boot.ipxe'),
      readFileSync(join(site.tftp, 'boot.ipxe'), 'utf8').replace(' initrd=initrd.img', ''),
    );
    const run = startVm(vmPlan(site.siteFile, { firmware: 'uefi', mac: MACS.uefiIpxe, timeoutSeconds: 150 }), {
      marker: MARKER,
    });
    const result = await run.done;
    expect(result.reason).toBe('failure');
    expect(result.reached?.id).toBe('linux');
    expect(result.failure?.line).toMatch(/^VFS: Unable to mount root fs/);
    expect(result.failure?.hint).toContain('ipxe.missingInitrd');
    expect(ids(result)).not.toContain('marker');
  });
});
