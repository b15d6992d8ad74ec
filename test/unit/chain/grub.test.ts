/**
 * The chain follows shim → grubx64.efi → the config that GRUB build reads → kernel and initrd, on real
 * Debian binaries (setup fetches them), and the GRUB layouts by what the image embeds.
 */
import { writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildChain, loadSecureBoot, readDisk, type Client, type Hop } from '../../../lib/chain';
import { grubConfigPlan } from '../../../lib/chain/grubConfig';
import type { GrubImage } from '../../../lib/languages/grub/image';
import { diskFiles } from '../../../lib/site/disk';
import { readSite } from '../../../lib/site/view';
import { hopList, memoryChain, ROOT } from '../../helpers/memorySite';
import { secureBootMissing, secureBootSite } from '../../helpers/secureBootSite';

const chainOf = (siteFile: string) => buildChain({ site: readSite(siteFile)!, files: diskFiles(), read: readDisk });

function spine(hop: Hop): string[] {
  const out: string[] = [];
  for (let h: Hop | undefined = hop; h; h = h.children[0]) out.push(`${h.kind} ${h.label} ${h.status}`);
  return out;
}

// The chain's signature reader loads on first use: these tests want the verdicts, not the pending chain.
beforeAll(() => loadSecureBoot());

describe('the chain through shim and GRUB', () => {
  it('has what it needs', () => expect(secureBootMissing()).toBeUndefined());

  it('Debian: shimx64.efi → grubx64.efi → grub/grub.cfg (its built-in config under prefix /grub) → kernel, initrd', () => {
    const site = secureBootSite('shimGrubKernel');
    const chain = chainOf(site.siteFile);
    const uefi = chain.clients.find((c) => c.id === 'uefi')!;
    expect(spine(uefi.root)).toEqual([
      'dhcp DHCP ok',
      'loader shimx64.efi ok',
      'loader grubx64.efi ok',
      'config tftp/grub/grub.cfg ok',
      'label menuentry (top level) (default) ok',
      'kernel vmlinuz ok',
    ]);
    // The site hands every machine shimx64.efi: BIOS machines are told so; nothing else is wrong.
    expect([...chain.problems.values()].flat().map((p) => p.ruleId)).toEqual(['chain.firmwareMismatch']);
  });

  it('Debian’s built-in config never reads grub/x86_64-efi/grub.cfg over TFTP (`-e` is false there)', () => {
    const site = secureBootSite('shimGrubKernel');
    mkdirSync(join(site.tftp, 'grub', 'x86_64-efi'));
    writeFileSync(join(site.tftp, 'grub', 'x86_64-efi', 'grub.cfg'), "menuentry 'A' {\n  linux /vmlinuz\n}\n");
    const uefi = chainOf(site.siteFile).clients.find((c) => c.id === 'uefi')!;
    const list = hopList(uefi.root).map((h) => h.trim());
    expect(list).toContain('config tftp/grub/grub.cfg ok');
    expect(list).not.toContain('config tftp/grub/x86_64-efi/grub.cfg ok');
  });

  it('an (http,…) path on a GRUB without the http module is refused, naming the build and the way out', () => {
    const site = secureBootSite('shimGrubKernel');
    const cfg = join(site.tftp, 'grub', 'grub.cfg');
    writeFileSync(cfg, 'linux (http,192.168.255.2)/tftp/vmlinuz\ninitrd (tftp)/initrd.img\nboot\n');
    const chain = chainOf(site.siteFile);
    const found = chain.problems.get(cfg) ?? [];
    expect(found.map((p) => p.ruleId)).toEqual(['chain.grubModuleMissing']);
    expect(found[0]!.message).toMatch(/has no http module/);
    expect(found[0]!.message).toContain('Fetch it over TFTP ((tftp)/vmlinuz)');
  });
});

const problemsIn = (chain: ReturnType<typeof memoryChain>, file: string) => chain.problems.get(join(ROOT, file)) ?? [];

describe('GRUB without a readable image (a placeholder): both layouts', () => {
  const router = [
    '/ip dhcp-server option',
    'add code=67 name=boot-uefi value="\'shimx64.efi\'"',
    '/ip dhcp-server option sets',
    'add name=pxe-uefi options=boot-uefi',
    '/ip dhcp-server network',
    'add address=192.168.255.0/24 next-server=192.168.255.2 dhcp-option-set=pxe-uefi',
    '/ip dhcp-server lease',
    'add address=192.168.255.50 mac-address=52:54:00:12:34:56 comment=node1',
  ].join('\n');
  const base = { 'router.rsc': router, 'tftp/shimx64.efi': 'x', 'tftp/grubx64.efi': 'x', 'tftp/vmlinuz': 'k' };

  it('the per-MAC name beside grubx64.efi wins for the lease; grub.cfg for any machine', () => {
    const chain = memoryChain({
      ...base,
      'tftp/grub.cfg-01-52-54-00-12-34-56':
        "menuentry 'node1' {\n  linux (tftp)/vmlinuz ignition.config.url=http://192.168.255.2/tftp/node1.ign\n}\n",
      'tftp/grub.cfg': "menuentry 'any' {\n  linux /vmlinuz\n}\n",
      'tftp/node1.ign': '{"ignition":{"version":"3.4.0"}}',
    });
    const lease = chain.clients.find((c) => c.mac === '52:54:00:12:34:56')!;
    const list = hopList(lease.root).map((h) => h.trim());
    expect(list).toContain('config tftp/grub.cfg-01-52-54-00-12-34-56 ok');
    expect(list).toContain('ignition node1.ign ok');
    const any = chain.clients.find((c) => c.id === 'uefi')!;
    expect(hopList(any.root).map((h) => h.trim())).toContain('label menuentry any (default) ok');
  });

  it('no config anywhere: one finding on the boot file option, naming where GRUB looks', () => {
    const chain = memoryChain(base);
    const problems = problemsIn(chain, 'router.rsc');
    expect(problems.map((p) => p.ruleId)).toContain('chain.noGrubConfig');
    expect(problems.find((p) => p.ruleId === 'chain.noGrubConfig')?.message).toMatch(/grub\/grub\.cfg/);
  });

  it('shim without grubx64.efi beside it', () => {
    const rest: Record<string, string> = { ...base };
    delete rest['tftp/grubx64.efi'];
    const problems = problemsIn(memoryChain(rest), 'router.rsc');
    expect(problems.find((p) => p.ruleId === 'chain.missingFile')?.message).toMatch(/second stage grubx64\.efi/);
  });

  it('a kernel line whose file is not there is reported on the GRUB config', () => {
    const chain = memoryChain({ ...base, 'tftp/grub.cfg': "menuentry 'x' {\n  linux /vmlinuz-typo\n}\n" });
    expect(problemsIn(chain, 'tftp/grub.cfg').map((p) => p.ruleId)).toEqual(['chain.missingFile']);
  });
});

describe('which configs a GRUB image reads (grubConfigPlan)', () => {
  const client: Client = {
    id: 'uefi/52:54:00:12:34:56',
    firmware: 'uefi',
    name: 'node1',
    mac: '52:54:00:12:34:56',
    ip: '192.168.255.50',
    root: { kind: 'dhcp', label: 'DHCP', status: 'ok', children: [] },
  };
  const image = (extra: Partial<GrubImage>): GrubImage => ({ modules: [], signed: true, ...extra });
  const rel = (paths: string[]) => paths.map((p) => p.slice('/site/tftp/'.length));

  it("Red Hat's builds (SBAT grub.fedora, grub.rh) search their own folder first, then the prefix", () => {
    const plan = grubConfigPlan(
      image({ prefix: '/EFI/fedora', sbat: { vendor: 'fedora' } }),
      '/site/tftp/grub/grubx64.efi',
      '/site/tftp',
      client,
    );
    const found = rel(plan.candidates);
    expect(found.slice(0, 2)).toEqual(['grub/grub.cfg-01-52-54-00-12-34-56', 'grub/grub.cfg-C0A8FF32']);
    expect(found).toContain('grub/grub.cfg');
    expect(found.at(-1)).toBe('EFI/fedora/grub.cfg');
    expect(found.indexOf('grub/grub.cfg')).toBeLessThan(found.indexOf('EFI/fedora/grub.cfg-01-52-54-00-12-34-56'));
  });

  it('an upstream image searches under its embedded prefix only', () => {
    const plan = grubConfigPlan(image({ prefix: '(tftp)/boot/grub' }), '/site/tftp/core.efi', '/site/tftp', client);
    expect(rel(plan.candidates).every((p) => p.startsWith('boot/grub/grub.cfg'))).toBe(true);
  });

  it("Debian's memdisk config: only its last source is read over TFTP", () => {
    const memdiskConfig =
      'if [ -e $prefix/x86_64-efi/grub.cfg ]; then\n\tsource $prefix/x86_64-efi/grub.cfg\nelse\n\tsource $prefix/grub.cfg\nfi\n';
    const plan = grubConfigPlan(
      image({ prefix: '/grub', memdiskConfig }),
      '/site/tftp/grubx64.efi',
      '/site/tftp',
      client,
    );
    expect(rel(plan.candidates)).toEqual(['grub/grub.cfg']);
  });
});
