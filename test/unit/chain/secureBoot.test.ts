/**
 * The chain's Secure Boot verdicts on the real binaries of the VM scenarios (Debian's shim, GRUB and kernel;
 * unsigned syslinux.efi and iPXE; a kernel re-signed by another vendor). test/vm/secureBoot.test.ts boots the
 * same sites and checks the VM agrees.
 */
import { copyFileSync, cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildChain, loadSecureBoot, CHAIN_RULES, readDisk, type Chain } from '../../../lib/chain';
import { diskFiles } from '../../../lib/site/disk';
import { readSite } from '../../../lib/site/view';
import { BASE_SITE, hopList, memoryChain, ROOT } from '../../helpers/memorySite';
import { SECURE_BOOT_FILES, secureBootMissing, secureBootSite, type ScenarioName } from '../../helpers/secureBootSite';

function chainWith(name: ScenarioName, secureBoot: object | undefined): { chain: Chain; tftp: string; router: string } {
  const site = secureBootSite(name);
  const json = JSON.parse(readFileSync(site.siteFile, 'utf8')) as Record<string, unknown>;
  if (secureBoot) json.secureBoot = secureBoot;
  writeFileSync(site.siteFile, JSON.stringify(json));
  const chain = buildChain({ site: readSite(site.siteFile)!, files: diskFiles(), read: readDisk });
  return { chain, tftp: site.tftp, router: join(site.root, 'router', 'pxe.rsc') };
}

const trustFindings = (chain: Chain) =>
  [...chain.problems.values()].flat().filter((p) => p.ruleId.startsWith('chain.secureBoot'));

// The chain's signature reader loads on first use: these tests want the verdicts, not the pending chain.
beforeAll(() => loadSecureBoot());

describe('chain of trust on the VM scenarios', () => {
  it('has what it needs', () => expect(secureBootMissing()).toBeUndefined());

  it('shim → GRUB → kernel: every link accepted, and the hops say by whom', () => {
    const { chain } = chainWith('shimGrubKernel', { uefi: true });
    expect(trustFindings(chain)).toEqual([]);
    const uefi = chain.clients.find((c) => c.id === 'uefi')!;
    expect(uefi.secureBoot).toBe(true);
    const shim = uefi.root.children[0]!;
    expect(shim.detail).toMatch(/Secure Boot: .*Microsoft Corporation UEFI CA 2011/);
    expect(shim.children[0]!.detail).toMatch(/Secure Boot: .*Debian Secure Boot CA/);
  });

  it.each([
    ['syslinuxRefused', 'syslinux.efi'],
    ['ipxeRefused', 'ipxe.efi'],
  ] as const)('%s: the firmware refuses %s ("Access Denied"), on the boot file option, with the fix', (name, file) => {
    const { chain, router } = chainWith(name, { uefi: true });
    const found = trustFindings(chain);
    expect(found.map((p) => p.ruleId)).toEqual(['chain.secureBootRefused']);
    expect(chain.problems.get(router)).toContain(found[0]);
    expect(found[0]!.message).toContain(`The firmware refuses ${file} ("Access Denied")`);
    expect(found[0]!.message).toMatch(/not signed/);
    expect(found[0]!.message).toMatch(/shim/);
    const hop = chain.clients.find((c) => c.id === 'uefi')!.root.children[0]!;
    expect(hop).toMatchObject({ label: file, status: 'missing' });
    expect(hop.children).toEqual([]);
  });

  it('unsignedGrub: shim refuses grubx64.efi (Verification failed)', () => {
    const { chain } = chainWith('unsignedGrub', { uefi: true });
    const found = trustFindings(chain);
    expect(found.map((p) => p.ruleId)).toEqual(['chain.secureBootRefused']);
    expect(found[0]!.message).toContain('shim refuses grubx64.efi ("Verification failed: (0x1A) Security Violation")');
  });

  it('otherVendorKernel: GRUB refuses the kernel (bad shim signature) on its line in grub.cfg, naming both certificates', () => {
    const { chain, tftp } = chainWith('otherVendorKernel', { uefi: true });
    const found = trustFindings(chain);
    expect(found.map((p) => p.ruleId)).toEqual(['chain.secureBootRefused']);
    const cfg = join(tftp, 'grub', 'grub.cfg');
    expect(chain.problems.get(cfg)).toContain(found[0]);
    const text = readFileSync(cfg, 'utf8');
    expect(text.slice(found[0]!.start, found[0]!.end)).toBe('/vmlinuz');
    expect(found[0]!.message).toContain('GRUB refuses vmlinuz ("error: bad shim signature.")');
    expect(found[0]!.message).toContain('Debian Secure Boot CA');
    expect(found[0]!.message).toContain('Example Vendor');
  });

  it('Secure Boot not said: the same refusal is advice (info); said off: nothing', () => {
    const unknown = trustFindings(chainWith('syslinuxRefused', undefined).chain);
    expect(unknown.map((p) => p.ruleId)).toEqual(['chain.secureBootAdvice']);
    expect(CHAIN_RULES.find((r) => r.id === 'chain.secureBootAdvice')?.severity).toBe('info');
    expect(unknown[0]!.message).toMatch(/^If these machines have Secure Boot on: The firmware refuses syslinux\.efi/);
    expect(trustFindings(chainWith('syslinuxRefused', { uefi: false }).chain)).toEqual([]);
  });

  it("a node's own secureBoot wins over the site's", () => {
    const site = secureBootSite('syslinuxRefused');
    const json = JSON.parse(readFileSync(site.siteFile, 'utf8')) as Record<string, unknown>;
    json.secureBoot = { uefi: false };
    json.nodes = [{ name: 'n1', mac: '52:54:00:aa:bb:cc', profile: 'p', firmware: 'uefi', secureBoot: true }];
    json.profiles = { p: {} };
    writeFileSync(site.siteFile, JSON.stringify(json));
    const view = readSite(site.siteFile)!;
    const chain = buildChain({
      site: view,
      files: diskFiles(),
      read: readDisk,
      machine: { mac: '52:54:00:aa:bb:cc', firmware: 'uefi' },
    });
    expect(chain.clients[0]!.secureBoot).toBe(true);
    expect(trustFindings(chain).map((p) => p.ruleId)).toEqual(['chain.secureBootRefused']);
  });
});

describe("iPXE under Secure Boot needs iPXE's shim command for a distribution kernel", () => {
  const router = [
    '/ip dhcp-server option',
    'add code=67 name=boot-uefi value="\'shimx64.efi\'"',
    'add code=17 name=root value="\'http://192.168.255.2/tftp/boot.ipxe\'"',
    '/ip dhcp-server option sets',
    'add name=pxe-uefi options=boot-uefi,root',
    '/ip dhcp-server network',
    'add address=192.168.255.0/24 next-server=192.168.255.2 dhcp-option-set=pxe-uefi',
  ].join('\n');
  // iPXE's signed shim names its second stage \ipxe.efi (UTF-16, as shim stores it).
  const files = (script: string) => ({
    'router.rsc': router,
    'tftp/shimx64.efi': Buffer.from('shim…\\ipxe.efi\0', 'utf16le').toString('latin1'),
    'tftp/ipxe.efi': 'x',
    'tftp/vmlinuz': 'k',
    'tftp/shimx64-fedora.efi': 'x',
    'tftp/boot.ipxe': script,
  });
  const site = { ...BASE_SITE, secureBoot: { uefi: true } };
  const kernelOnly = '#!ipxe\nkernel http://192.168.255.2/tftp/vmlinuz\nboot\n';

  it('shim → ipxe.efi (its default loader) → the script by option 17; a kernel without `shim` is an error on its URL', () => {
    const chain = memoryChain(files(kernelOnly), site);
    const uefi = chain.clients.find((c) => c.id === 'uefi')!;
    expect(hopList(uefi.root).map((h) => h.trim())).toEqual(
      expect.arrayContaining(['loader ipxe.efi ok', 'script boot.ipxe ok', 'kernel vmlinuz ok']),
    );
    const found = chain.problems.get(join(ROOT, 'tftp/boot.ipxe')) ?? [];
    expect(found.map((p) => p.ruleId)).toEqual(['chain.secureBootNoShim']);
    expect(kernelOnly.slice(found[0]!.start, found[0]!.end)).toBe('http://192.168.255.2/tftp/vmlinuz');
    expect(found[0]!.message).toContain('add `shim <URL');
  });

  it('quiet with `shim`, and without Secure Boot', () => {
    const withShim =
      '#!ipxe\nkernel http://192.168.255.2/tftp/vmlinuz\nshim http://192.168.255.2/tftp/shimx64-fedora.efi\nboot\n';
    expect(memoryChain(files(withShim), site).problems.get(join(ROOT, 'tftp/boot.ipxe')) ?? []).toEqual([]);
    const off = { ...BASE_SITE, secureBoot: { uefi: false } };
    expect(memoryChain(files(kernelOnly), off).problems.get(join(ROOT, 'tftp/boot.ipxe')) ?? []).toEqual([]);
  });
});

describe('examples/secure-boot', () => {
  it("with placeholders: the chain boots and says the signatures are not checked yet; with Debian's binaries: who signed each", () => {
    const view = readSite('examples/secure-boot/pxe-site.json')!;
    const placeholders = buildChain({ site: view, files: diskFiles(), read: readDisk });
    expect(placeholders.problems.size).toBe(0);
    const uefi = placeholders.clients.find((c) => c.id === 'uefi')!;
    expect(uefi.secureBoot).toBe(true);
    expect(uefi.root.children[0]!.detail).toContain('Secure Boot: not checked (not an EFI program: a placeholder?)');

    const root = join(mkdtempSync(join(tmpdir(), 'pxe-sb-example-')), 'secure-boot');
    cpSync('examples/secure-boot', root, { recursive: true });
    copyFileSync(SECURE_BOOT_FILES.shim, join(root, 'tftp', 'grub', 'shimx64.efi'));
    copyFileSync(SECURE_BOOT_FILES.grubnet, join(root, 'tftp', 'grub', 'grubx64.efi'));
    const real = buildChain({ site: readSite(join(root, 'pxe-site.json'))!, files: diskFiles(), read: readDisk });
    expect(trustFindings(real)).toEqual([]);
    const shim = real.clients.find((c) => c.id === 'uefi')!.root.children[0]!;
    expect(shim.detail).toContain('Microsoft Corporation UEFI CA 2011');
    expect(shim.children[0]!.detail).toContain('Debian Secure Boot CA, the certificate shim carries');
    expect(shim.children[0]!.children[0]!.label).toBe('tftp/grub/grub.cfg');
  });
});
