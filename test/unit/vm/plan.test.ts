import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { vmPlan, VmError } from '../../../lib/vm/plan';

const HOME_LAB = join('examples', 'home-lab', 'pxe-site.json');

function site(rsc: string, extra: Record<string, unknown> = {}): string {
  const root = mkdtempSync(join(tmpdir(), 'pxe-vmplan-'));
  mkdirSync(join(root, 'tftp'));
  for (const loader of ['lpxelinux.0', 'undionly.kpxe', 'boot.ipxe']) writeFileSync(join(root, 'tftp', loader), '');
  mkdirSync(join(root, 'router'));
  writeFileSync(join(root, 'router', 'r.rsc'), rsc);
  writeFileSync(
    join(root, 'pxe-site.json'),
    JSON.stringify({
      version: 1,
      network: { subnet: '192.168.255.0/24', router: '192.168.255.1', nas: '192.168.255.2' },
      tftp: { root: 'tftp' },
      http: { baseUrl: 'http://192.168.255.2/tftp/', root: 'tftp' },
      router: { config: 'router/r.rsc' },
      ...extra,
    }),
  );
  return join(root, 'pxe-site.json');
}

describe('the test VM as QEMU user networking', () => {
  it('takes the home lab as it is: subnet, router, lease address, option 67 per firmware, the NAS forwarded', () => {
    const bios = vmPlan(HOME_LAB, { firmware: 'bios', mac: '52:54:00:aa:bb:cc' });
    expect(bios).toMatchObject({
      net: '192.168.255.0/24',
      host: '192.168.255.1',
      bootFile: 'lpxelinux.0',
      httpHosts: [{ host: '192.168.255.2', port: 80 }],
      memoryMiB: 2048,
    });
    expect(bios.dhcpStart).toBeUndefined();
    expect(bios.notes.join('\n')).toContain("QEMU's TFTP server answers at 192.168.255.1 instead");
    // The site's vm section: UEFI node1 by default MAC 52:54:00:12:34:56, its lease.
    const node1 = vmPlan(HOME_LAB, { firmware: 'uefi' });
    expect(node1).toMatchObject({
      mac: '52:54:00:12:34:56',
      machine: 'node1 (UEFI)',
      dhcpStart: '192.168.255.50',
      bootFile: 'syslinux.efi',
    });
  });

  it('hands option 17 as the boot file when the router sends an iPXE binary (it would loop under QEMU)', () => {
    const file = site(
      [
        '/ip dhcp-server option',
        'add code=67 name=b value="\'undionly.kpxe\'"',
        'add code=17 name=r value="\'http://192.168.255.2/tftp/boot.ipxe\'"',
        '/ip dhcp-server option sets',
        'add name=s options=b,r',
        '/ip dhcp-server network',
        'add address=192.168.255.0/24 dhcp-option-set=s',
      ].join('\n'),
    );
    const plan = vmPlan(file, { firmware: 'bios' });
    expect(plan.bootFile).toBe('http://192.168.255.2/tftp/boot.ipxe');
    expect(plan.notes.join('\n')).toMatch(/undionly\.kpxe is iPXE: .*option 17/);
    const without = site(
      [
        '/ip dhcp-server option',
        'add code=67 name=b value="\'ipxe.efi\'"',
        '/ip dhcp-server network',
        'add address=192.168.255.0/24 dhcp-option=b',
      ].join('\n'),
    );
    expect(() => vmPlan(without, { firmware: 'uefi' })).toThrow(/would loop.*Add option 17/);
  });

  it('says what is wrong instead of starting a VM that cannot boot', () => {
    expect(() =>
      vmPlan(
        site(
          '/ip dhcp-server option\nadd code=67 name=b value="\'pxelinux.0\'"\n' +
            '/ip dhcp-server network\nadd address=192.168.255.0/24 dhcp-option=b',
        ),
        { firmware: 'bios' },
      ),
    ).toThrow(/The boot file pxelinux\.0 is not in the TFTP folder/);
    expect(() =>
      vmPlan(
        site(
          '/ip dhcp-server option\nadd code=67 name=b value="\'http://192.168.255.2/tftp/nope.ipxe\'"\n' +
            '/ip dhcp-server network\nadd address=192.168.255.0/24 dhcp-option=b',
        ),
        { firmware: 'bios' },
      ),
    ).toThrow(/nope\.ipxe is not in the HTTP folder/);
    expect(() => vmPlan(site('/ip dhcp-server network\nadd address=192.168.255.0/24'), { firmware: 'bios' })).toThrow(
      VmError,
    );
    expect(() => vmPlan(HOME_LAB, { mac: 'not-a-mac' })).toThrow(/is not a MAC address/);
    const odd = vmPlan(
      site(
        '/ip dhcp-server option\nadd code=67 name=b value="\'lpxelinux.0\'"\n' +
          '/ip dhcp-server network\nadd address=192.168.255.0/24 dhcp-option=b',
        { network: { subnet: '192.168.255.0/31', router: '192.168.255.1' } },
      ),
      { firmware: 'uefi' },
    );
    expect(odd.net).toBeUndefined();
    expect(odd.notes.join('\n')).toMatch(
      /cannot be QEMU's user network[\s\S]*lpxelinux\.0 is a BIOS loader but the VM boots UEFI/,
    );
  });
});
