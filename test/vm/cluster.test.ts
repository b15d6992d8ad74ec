/** The test VM boots examples/cluster as two of its nodes (their MACs) and each is given its own host name. */
import { cpSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { startVm, vmPlan } from '../../lib/vm';
import { installBootFiles, MARKER, vmMissing } from '../helpers/vmSite';

const missing = vmMissing();

describe.skipIf(missing !== undefined)('the test VM boots examples/cluster as a node', () => {
  const root = join(mkdtempSync(join(tmpdir(), 'pxe-vm-cluster-')), 'cluster');
  cpSync('examples/cluster', root, { recursive: true });
  installBootFiles(join(root, 'tftp'), {
    kernel: 'fedora-coreos/fedora-coreos-live-kernel-x86_64',
    initrd: 'fedora-coreos/fedora-coreos-live-initramfs.x86_64.img',
  });
  const siteFile = join(root, 'pxe-site.json');

  for (const [name, mac, firmware, path] of [
    ['cp1', '52:54:00:00:01:01', 'uefi', 'UEFI → ipxe.efi (option 17: nodes/boot.ipxe) → nodes/52-54-00-00-01-01.ipxe'],
    ['w2', '52:54:00:00:02:02', 'bios', 'BIOS → lpxelinux.0 → pxelinux.cfg/01-52-54-00-00-02-02'],
  ] as const) {
    it.concurrent(`${name}: ${path}, and the initramfs is told its host name`, async () => {
      const plan = vmPlan(siteFile, { mac, timeoutSeconds: 150, memoryMiB: 512 });
      expect(plan.firmware === firmware || plan.machine.startsWith(name)).toBe(true);
      let serial = '';
      const result = await startVm({ ...plan, firmware }, { marker: MARKER, onSerial: (t) => (serial += t) }).done;
      if (result.reason !== 'poweroff') console.log(serial.slice(-3000));
      expect(plan.machine).toBe(`${name} (${firmware === 'uefi' ? 'control' : 'worker'})`);
      expect(plan.dhcpStart).toBe(name === 'cp1' ? '192.168.255.61' : '192.168.255.72');
      expect(result.reason).toBe('poweroff');
      expect(result.stages.map((s) => s.id)).toEqual(
        expect.arrayContaining(['kernel', 'initrd', 'linux', 'initramfs', 'marker']),
      );
      expect(serial).toContain(`PXE-WORKBENCH-HOSTNAME ${name}`);
      if (name === 'cp1')
        expect(result.stages.filter((s) => s.id === 'config').map((s) => s.label)).toEqual([
          'boot.ipxe',
          '52-54-00-00-01-01.ipxe',
        ]);
    });
  }
});
