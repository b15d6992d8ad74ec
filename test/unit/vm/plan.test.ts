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

describe('Secure Boot in the plan', () => {
  const UEFI_SITE = (bootFile: string, extra: Record<string, unknown> = {}): string =>
    site(
      `/ip dhcp-server option\nadd code=67 name=b value="'${bootFile}'"\n` +
        '/ip dhcp-server network\nadd address=192.168.255.0/24 dhcp-option=b',
      extra,
    );

  it('is off unless asked for, and asking for it means UEFI', () => {
    expect(vmPlan(HOME_LAB, { firmware: 'uefi' }).secureBoot).toBe(false);
    expect(vmPlan(HOME_LAB, { firmware: 'bios' }).secureBoot).toBe(false);
    const plan = vmPlan(UEFI_SITE('lpxelinux.0'), { secureBoot: true });
    expect(plan).toMatchObject({ firmware: 'uefi', secureBoot: true });
    expect(plan.notes.join('\n')).toMatch(/^Secure Boot on: OVMF's Secure Boot build with Microsoft's keys/m);
    // The site's vm.firmware bios gives way (and says so); the request's bios does not.
    const siteBios = vmPlan(UEFI_SITE('lpxelinux.0', { vm: { firmware: 'bios' } }), { secureBoot: true });
    expect(siteBios.firmware).toBe('uefi');
    expect(siteBios.notes.join('\n')).toContain("Secure Boot means UEFI: the site's vm.firmware (bios) is not used");
  });

  it("takes the site's vm.secureBoot when the request does not say; a request for BIOS or Secure Boot off wins", () => {
    const siteOn = UEFI_SITE('lpxelinux.0', { vm: { secureBoot: true } });
    expect(vmPlan(siteOn, {})).toMatchObject({ firmware: 'uefi', secureBoot: true });
    expect(vmPlan(siteOn, { secureBoot: false })).toMatchObject({ secureBoot: false });
    expect(vmPlan(siteOn, { firmware: 'bios' })).toMatchObject({ firmware: 'bios', secureBoot: false });
  });

  it('refuses Secure Boot with BIOS, and a secureBoot that is not true or false', () => {
    expect(() => vmPlan(HOME_LAB, { firmware: 'bios', secureBoot: true })).toThrow(
      /^Secure Boot is a UEFI feature: a BIOS VM cannot boot with it\. Choose UEFI/,
    );
    expect(() => vmPlan(HOME_LAB, { firmware: 'bios', secureBoot: true })).toThrow(VmError);
    expect(() => vmPlan(HOME_LAB, { secureBoot: 'yes' as unknown as boolean })).toThrow(
      /^secureBoot "yes" must be true or false/,
    );
  });

  it('hands an iPXE binary as it is (no iPXE ROM to loop with), and says a URL cannot be fetched', () => {
    const ipxe = vmPlan(UEFI_SITE('undionly.kpxe'), { secureBoot: true });
    expect(ipxe.bootFile).toBe('undionly.kpxe');
    expect(ipxe.notes.join('\n')).toMatch(/undionly\.kpxe is iPXE: the firmware starts it only if it is signed/);
    const url = vmPlan(UEFI_SITE('http://192.168.255.2/tftp/boot.ipxe'), { secureBoot: true });
    expect(url.bootFile).toBe('http://192.168.255.2/tftp/boot.ipxe');
    expect(url.notes.join('\n')).toMatch(/is a URL: the firmware's PXE client fetches names over TFTP only/);
  });

  it('comes from the CLI as --secure-boot, which --firmware bios contradicts', async () => {
    const { vmCommand } = await import('../../../cli/src/vm');
    await expect(vmCommand(HOME_LAB, { firmware: 'bios', secureBoot: true })).rejects.toThrow(
      '--secure-boot is UEFI only: leave out --firmware bios (--secure-boot means UEFI).',
    );
  });
});
