/**
 * bootFileOf: the one place the boot file is read from what DHCP offers a machine (option 67, else the network's
 * boot-file-name; the firmware's option set chosen by its option-93 matcher or its lease), shared by the boot
 * chain and the test VM plan.
 */
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildChain, readDisk } from '../../../lib/chain';
import { bootFileOf, dhcpFacts, offerFor } from '../../../lib/chain/offer';
import { parseRouterOs } from '../../../lib/languages/routeros';
import { diskFiles } from '../../../lib/site/disk';
import { readSite } from '../../../lib/site/view';
import { vmPlan } from '../../../lib/vm/plan';

const facts = (script: string) => dhcpFacts('r.rsc', parseRouterOs(script).ast);

const SCRIPT = [
  '/ip dhcp-server option',
  `add code=67 name=boot-bios value="'lpxelinux.0'"`,
  `add code=67 name=boot-uefi value="'syslinux.efi'"`,
  `add code=67 name=boot-empty value="''"`,
  '/ip dhcp-server option sets',
  'add name=bios options=boot-bios',
  'add name=uefi options=boot-uefi',
  '/ip dhcp-server matcher',
  'add code=93 name=x64 option-set=uefi server=d value=0x0007',
  '/ip dhcp-server network',
  'add address=10.0.0.0/24 boot-file-name=pxelinux.0 dhcp-option-set=bios',
  '/ip dhcp-server lease',
  'add address=10.0.0.9 mac-address=52:54:00:00:00:09',
  '',
].join('\n');

describe('bootFileOf', () => {
  it('option 67 of the firmware’s option set wins over the network’s boot-file-name', () => {
    const f = facts(SCRIPT);
    expect(bootFileOf(offerFor(f, 'bios'))).toMatchObject({ name: 'lpxelinux.0', fromOption67: true });
    expect(bootFileOf(offerFor(f, 'uefi'))).toMatchObject({ name: 'syslinux.efi', fromOption67: true });
    const lease = f.leases[0];
    expect(bootFileOf(offerFor(f, 'uefi', lease))?.name).toBe('syslinux.efi');
  });

  it('without option 67, the network’s boot-file-name, placed at its value', () => {
    const script = SCRIPT.replace('dhcp-option-set=bios', '').replace(/^add code=93.*$/m, '');
    const boot = bootFileOf(offerFor(facts(script), 'bios'));
    expect(boot).toMatchObject({ name: 'pxelinux.0', fromOption67: false });
    expect(script.slice(boot!.at.start, boot!.at.end)).toBe('pxelinux.0');
  });

  it('none without either, and none for an option 67 that sends empty text', () => {
    expect(bootFileOf(offerFor(facts('/ip dhcp-server network\nadd address=10.0.0.0/24\n'), 'bios'))).toBeUndefined();
    const empty = SCRIPT.replace('options=boot-bios', 'options=boot-empty');
    expect(bootFileOf(offerFor(facts(empty), 'bios'))).toBeUndefined();
  });
});

describe('the chain and the VM plan hand a machine the same boot file', () => {
  const site = resolve('examples/home-lab/pxe-site.json');
  it.each(['bios', 'uefi'] as const)('%s', (firmware) => {
    const chain = buildChain({ site: readSite(site)!, files: diskFiles(), read: readDisk });
    const client = chain.clients.find((c) => c.firmware === firmware && !c.mac)!;
    expect(vmPlan(site, { firmware, mac: '52:54:00:aa:bb:cc' }).bootFile).toBe(client.root.children[0]?.label);
  });
});
