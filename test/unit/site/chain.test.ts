import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { lintPaths, lintText } from '../../../lib/engine';
import { buildChain, isBroken, readDisk, type Chain, type Hop } from '../../../lib/chain';
import { diskFiles } from '../../../lib/site/disk';
import { readSite } from '../../../lib/site/view';
import { BASE_SITE, firstBad, hopList, LOADERS, memoryChain, problemsIn, ROOT } from '../../helpers/memorySite';

function diskChain(siteFile: string): Chain {
  const site = readSite(resolve(siteFile));
  if (!site) throw new Error(`${siteFile} is not readable`);
  return buildChain({ site, files: diskFiles(), read: readDisk });
}

/** The hops along the first child at each level, as `kind label`. */
function spine(hop: Hop): string[] {
  const out: string[] = [];
  for (let h: Hop | undefined = hop; h; h = h.children.find((c) => c.kind !== 'module') ?? h.children[0])
    out.push(`${h.kind} ${h.label}`);
  return out;
}

function find(hop: Hop, kind: string, label: string): Hop | undefined {
  if (hop.kind === kind && hop.label === label) return hop;
  for (const c of hop.children) {
    const f = find(c, kind, label);
    if (f) return f;
  }
  return undefined;
}

describe('boot chain of examples/home-lab', () => {
  const chain = diskChain('examples/home-lab/pxe-site.json');
  const client = (id: string) => chain.clients.find((c) => c.id === id)!;

  it('has a BIOS and a UEFI machine without a lease, and node1 as UEFI only', () => {
    expect(chain.clients.map((c) => c.id)).toEqual(['bios', 'uefi', 'uefi/52:54:00:12:34:56']);
    expect(chain.clients.map((c) => isBroken(c.root))).toEqual([false, false, false]);
    expect(chain.problems.size).toBe(0);
    expect(client('uefi/52:54:00:12:34:56')).toMatchObject({ name: 'node1', ip: '192.168.255.50', hostname: 'node1' });
  });

  it('resolves every hop end to end for BIOS', () => {
    const root = client('bios').root;
    expect(hopList(root).every((h) => h.endsWith(' ok'))).toBe(true);
    expect(spine(root)).toEqual([
      'dhcp DHCP',
      'loader lpxelinux.0',
      'config pxelinux.cfg/default',
      'label LABEL fcos (default)',
      'kernel fedora-coreos-live-kernel-x86_64',
    ]);
    const loader = root.children[0]!;
    expect(loader).toMatchObject({ via: 'tftp', path: resolve('examples/home-lab/tftp/lpxelinux.0') });
    expect(loader.children.map((h) => `${h.kind} ${h.label}`)).toEqual([
      'module ldlinux.c32',
      'config pxelinux.cfg/default',
    ]);
    const fcos = find(root, 'label', 'LABEL fcos (default)')!;
    expect(fcos.children.map((h) => `${h.kind} ${h.label} ${h.via}`)).toEqual([
      'kernel fedora-coreos-live-kernel-x86_64 http',
      'initrd fedora-coreos-live-initramfs.x86_64.img http',
      'rootfs fedora-coreos-live-rootfs.x86_64.img http',
      'ignition config.ign http',
    ]);
    expect(fcos.children.at(-1)!.path).toBe(resolve('examples/home-lab/tftp/fedora-coreos/config.ign'));
    // The iPXE label chains fedora-coreos.ipxe, whose kernel line carries the rootfs and Ignition URLs.
    const script = find(root, 'script', 'fedora-coreos.ipxe')!;
    expect(script.path).toBe(resolve('examples/home-lab/tftp/fedora-coreos.ipxe'));
    expect(hopList(script).map((h) => h.trim())).toEqual([
      'script fedora-coreos.ipxe ok',
      'kernel fedora-coreos-live-kernel-x86_64 ok',
      'rootfs fedora-coreos-live-rootfs.x86_64.img ok',
      'ignition config.ign ok',
      'initrd fedora-coreos-live-initramfs.x86_64.img ok',
    ]);
  });

  it('resolves every hop end to end for UEFI (matcher on option 93), and for the lease', () => {
    for (const id of ['uefi', 'uefi/52:54:00:12:34:56']) {
      const root = client(id).root;
      expect(
        hopList(root).every((h) => h.endsWith(' ok')),
        id,
      ).toBe(true);
      expect(spine(root), id).toEqual([
        'dhcp DHCP',
        'loader syslinux.efi',
        'config pxelinux.cfg/default',
        'label LABEL fcos (default)',
        'kernel fedora-coreos-live-kernel-x86_64',
      ]);
      expect(root.children[0]!.children[0]!.label).toBe('ldlinux.e64');
    }
    expect(client('uefi').root.detail).toContain('pxe-uefi');
  });

  it('follows one machine by MAC, with or without a lease', () => {
    const site = readSite(resolve('examples/home-lab/pxe-site.json'))!;
    const leased = buildChain({ site, files: diskFiles(), read: readDisk, machine: { mac: '52-54-00-12-34-56' } });
    expect(leased.clients.map((c) => c.id)).toEqual(['uefi/52:54:00:12:34:56']);
    const other = buildChain({
      site,
      files: diskFiles(),
      read: readDisk,
      machine: { mac: '52:54:00:aa:bb:cc', firmware: 'bios' },
    });
    expect(other.clients.map((c) => `${c.id} ${c.name}`)).toEqual([
      'bios/52:54:00:aa:bb:cc 52:54:00:aa:bb:cc (no static lease)',
    ]);
  });
});

/** examples/broken/README.md, "Boot chain" table: machine, firmware, hop, status, rule, file. */
function chainTable(): string[][] {
  const readme = readFileSync('examples/broken/README.md', 'utf8');
  const section = readme.slice(readme.indexOf('## Boot chain'));
  return section
    .split('\n')
    .filter((line) => line.startsWith('| ') && line.includes('`'))
    .map((line) =>
      line
        .split('|')
        .slice(1, -1)
        .map((cell) => cell.trim().replace(/`/g, '')),
    );
}

describe('boot chain of examples/broken/chain', () => {
  const chain = diskChain('examples/broken/chain/pxe-site.json');
  const table = chainTable();

  it('reports each machine at its broken hop, with the rule on the file where the fix belongs', async () => {
    expect(table.length).toBeGreaterThanOrEqual(8);
    const reports = await lintPaths(['examples/broken/chain']);
    const rulesIn = (file: string) =>
      reports.find((r) => r.path === resolve('examples/broken/chain', file))?.findings.map((f) => f.ruleId) ?? [];
    for (const [machine, firmware, hop, status, rule, file] of table) {
      expect(rulesIn(file!), `${machine}: ${rule}`).toContain(rule);
      expect(readFileSync(join('examples/broken/chain', file!), 'utf8'), file).toContain(`# expect: ${rule}`);
      if (!hop) continue;
      const client = chain.clients.find(
        (c) => c.firmware === firmware && (machine === 'any machine' ? !c.mac : c.name === machine),
      );
      expect(client, `${machine} (${firmware})`).toBeDefined();
      const bad = firstBad(client!.root);
      expect(`${bad?.kind} ${bad?.label} ${bad?.status}`, machine).toBe(`${hop} ${status}`);
    }
    // Every finding in the site is one the table names: nothing else is broken.
    const named = new Set(table.map((r) => r[4]));
    expect(reports.flatMap((r) => r.findings.map((f) => f.ruleId)).filter((id) => !named.has(id))).toEqual([]);
  });

  it('lets the BIOS machine without a lease boot', () => {
    expect(isBroken(chain.clients.find((c) => c.id === 'bios')!.root)).toBe(false);
  });
});

const rsc = (lines: string): string => `/ip dhcp-server option\n${lines}\n`;
const NETWORK =
  '/ip dhcp-server network\nadd address=192.168.255.0/24 gateway=192.168.255.1 next-server=192.168.255.2 dhcp-option-set=pxe';
const OPTIONS = `add code=66 name=tftp value="'192.168.255.2'"\nadd code=67 name=boot value="'lpxelinux.0'"`;
const SET = '/ip dhcp-server option sets\nadd name=pxe options=tftp,boot';
const CONFIG =
  'DEFAULT a\nLABEL a\n  KERNEL http://192.168.255.2/tftp/vmlinuz\n  APPEND ignition.config.url=http://192.168.255.2/tftp/config.ign\n';

describe('boot chain rules', () => {
  it('option 66 and next-server disagreeing; option 66 without next-server is the single-file rule (with a fix)', () => {
    const mismatch =
      rsc(`add code=66 name=tftp value="'192.168.255.1'"\nadd code=67 name=boot value="'lpxelinux.0'"`) +
      `${SET}\n${NETWORK}\n`;
    const chain = memoryChain({
      ...LOADERS,
      'router.rsc': mismatch,
      'tftp/pxelinux.cfg/default': CONFIG,
      'tftp/vmlinuz': 'k',
      'tftp/config.ign': '{"ignition":{"version":"3.4.0"}}',
    });
    expect(problemsIn(chain, 'router.rsc', mismatch)).toContain(`chain.nextServerMismatch: "'192.168.255.1'"`);
    const related = chain.problems.get(join(ROOT, 'router.rsc'))!.find((p) => p.ruleId === 'chain.nextServerMismatch')!
      .related![0]!;
    expect(mismatch.slice(related.start, related.end)).toBe('192.168.255.2');

    // Option 66 without any next-server is the single-file rule's, with the quick fix; the chain adds nothing.
    const noNext = rsc(OPTIONS) + `${SET}\n/ip dhcp-server network\nadd address=192.168.255.0/24 dhcp-option-set=pxe\n`;
    const second = memoryChain(
      {
        ...LOADERS,
        'router.rsc': noNext,
        'tftp/pxelinux.cfg/default': CONFIG,
        'tftp/vmlinuz': 'k',
        'tftp/config.ign': '{}',
      },
      BASE_SITE,
      { firmware: 'bios' },
    );
    expect(second.problems.size).toBe(0);
    const problem = lintText('router.rsc', noNext).findings.find((p) => p.ruleId === 'routeros.missingNextServer')!;
    const edit = problem.fixes![0]!.edits[0]!;
    expect(noNext.slice(0, edit.start) + edit.newText + noNext.slice(edit.end)).toContain(
      'dhcp-option-set=pxe next-server=192.168.255.2\n',
    );
  });

  it('a BIOS loader for UEFI machines, fixed by an option-93 matcher', () => {
    const files = { ...LOADERS, 'tftp/pxelinux.cfg/default': CONFIG, 'tftp/vmlinuz': 'k', 'tftp/config.ign': '{}' };
    const text = rsc(OPTIONS) + `${SET}\n${NETWORK}\n`;
    expect(problemsIn(memoryChain({ ...files, 'router.rsc': text }), 'router.rsc', text)).toEqual([
      `chain.firmwareMismatch: "'lpxelinux.0'"`,
    ]);
    const fixed =
      rsc(`${OPTIONS}\nadd code=67 name=efi value="'syslinux.efi'"`) +
      `${SET}\nadd name=uefi options=tftp,efi\n` +
      `/ip dhcp-server matcher\nadd code=93 name=x64 option-set=uefi server=dhcp value=0x0007\n${NETWORK}\n`;
    const chain = memoryChain({ ...files, 'router.rsc': fixed });
    expect(chain.problems.size).toBe(0);
    expect(chain.clients.map((c) => `${c.firmware} ${c.root.children[0]!.label}`)).toEqual([
      'bios lpxelinux.0',
      'uefi syslinux.efi',
    ]);
  });

  it('a boot-file-name that is not there, and machines without any boot file', () => {
    const text = `/ip dhcp-server network\nadd address=192.168.255.0/24 next-server=192.168.255.2 boot-file-name=pxelinux.0\n`;
    expect(
      problemsIn(memoryChain({ ...LOADERS, 'router.rsc': text }, BASE_SITE, { firmware: 'bios' }), 'router.rsc', text),
    ).toEqual(['chain.missingFile: pxelinux.0']);
    const none = `/ip dhcp-server network\nadd address=192.168.255.0/24 next-server=192.168.255.2\n`;
    const chain = memoryChain({ ...LOADERS, 'router.rsc': none });
    expect(problemsIn(chain, 'router.rsc', none)).toEqual([
      `chain.noBootFile: add address=192.168.255.0/24 next-server=192.168.255.2`,
    ]);
    expect(chain.clients.every((c) => isBroken(c.root))).toBe(true);
  });

  it(
    'iPXE: settings from the lease (${net0/mac:hexhyp}, ${hostname}) pick a per-machine script; ' +
      'relative URLs resolve against the script',
    () => {
      const text =
        rsc(
          `${OPTIONS.replace('lpxelinux.0', 'undionly.kpxe')}\n` +
            `add code=17 name=root value="'http://192.168.255.2/tftp/boot.ipxe'"\nadd code=12 name=host-a value="s'node-a'"`,
        ) +
        `/ip dhcp-server option sets\nadd name=pxe options=tftp,boot,root\nadd name=a options=host-a\n${NETWORK}\n` +
        '/ip dhcp-server lease\nadd address=192.168.255.60 mac-address=52:54:00:00:00:0A dhcp-option-set=a\n';
      const files = {
        ...LOADERS,
        'router.rsc': text,
        'tftp/boot.ipxe': '#!ipxe\nchain nodes/${net0/mac:hexhyp}.ipxe\n',
        'tftp/nodes/52-54-00-00-00-0a.ipxe':
          '#!ipxe\nkernel ../vmlinuz initrd=main ignition.config.url=http://192.168.255.2/tftp/${hostname}.ign\n' +
          'initrd --name main ../initrd.img\nboot\n',
        'tftp/vmlinuz': 'k',
        'tftp/initrd.img': 'i',
      };
      const chain = memoryChain(files);
      const lease = chain.clients.find((c) => c.mac === '52:54:00:00:00:0a')!;
      expect(lease.hostname).toBe('node-a');
      expect(hopList(lease.root).map((h) => h.trim())).toEqual([
        'dhcp DHCP ok',
        'loader undionly.kpxe ok',
        'script boot.ipxe ok',
        'script 52-54-00-00-00-0a.ipxe ok',
        'kernel vmlinuz ok',
        'ignition node-a.ign missing',
        'initrd initrd.img ok',
      ]);
      expect(
        problemsIn(chain, 'tftp/nodes/52-54-00-00-00-0a.ipxe', files['tftp/nodes/52-54-00-00-00-0a.ipxe']),
      ).toEqual(['chain.ignitionUnreachable: http://192.168.255.2/tftp/${hostname}.ign']);
      // Without a lease the MAC is known only at boot time: not a broken hop.
      const any = chain.clients.find((c) => c.id === 'bios')!;
      expect(firstBad(any.root)).toBeUndefined();
      expect(hopList(any.root).map((h) => h.trim())).toContain('script ${net0/mac:hexhyp}.ipxe unknown');
    },
  );

  it('a script that chains itself stops with a warning instead of looping', () => {
    const text =
      rsc(
        `${OPTIONS.replace('lpxelinux.0', 'undionly.kpxe')}\nadd code=17 name=root value="'http://192.168.255.2/tftp/loop.ipxe'"`,
      ) + `/ip dhcp-server option sets\nadd name=pxe options=tftp,boot,root\n${NETWORK}\n`;
    const chain = memoryChain({ ...LOADERS, 'router.rsc': text, 'tftp/loop.ipxe': '#!ipxe\nchain loop.ipxe\n' });
    expect(hopList(chain.clients[0]!.root).map((h) => h.trim())).toEqual([
      'dhcp DHCP ok',
      'loader undionly.kpxe ok',
      'script loop.ipxe ok',
      'script loop.ipxe warning',
    ]);
  });

  it('image artifacts: absent is information with the updater as the fix; a link to a rotated-away version is a warning', () => {
    const site = { ...BASE_SITE, images: { dir: 'tftp/fcos' } };
    const script =
      '#!ipxe\nkernel fcos/kernel-x86_64 initrd=main coreos.live.rootfs_url=http://192.168.255.2/tftp/fcos/rootfs.x86_64.img\n' +
      'initrd --name main fcos/initramfs.x86_64.img\nboot\n';
    const text =
      rsc(
        `${OPTIONS.replace('lpxelinux.0', 'undionly.kpxe')}\nadd code=17 name=root value="'http://192.168.255.2/tftp/boot.ipxe'"`,
      ) + `/ip dhcp-server option sets\nadd name=pxe options=tftp,boot,root\n${NETWORK}\n`;
    const fresh = memoryChain(
      { ...LOADERS, 'router.rsc': text, 'tftp/boot.ipxe': script, 'tftp/fcos/.gitignore': '*' },
      site,
      { firmware: 'bios' },
    );
    expect(problemsIn(fresh, 'tftp/boot.ipxe', script)).toEqual([
      'chain.imageMissing: fcos/kernel-x86_64',
      'chain.imageMissing: http://192.168.255.2/tftp/fcos/rootfs.x86_64.img',
      'chain.imageMissing: fcos/initramfs.x86_64.img',
    ]);
    const fix = fresh.problems.get(join(ROOT, 'tftp/boot.ipxe'))![0]!.fixes![0]!;
    expect(fix).toMatchObject({
      title: 'Download with the image updater',
      edits: [],
      command: { id: 'pxeWorkbench.updateImages', arguments: [join(ROOT, 'pxe-site.json')] },
    });
    expect(fresh.clients.some((c) => isBroken(c.root))).toBe(false);

    const rotated = memoryChain(
      {
        ...LOADERS,
        'router.rsc': text,
        'tftp/boot.ipxe': script,
        'tftp/fcos/kernel-x86_64': { link: 'fedora-coreos-41.1-live-kernel-x86_64' },
        'tftp/fcos/fedora-coreos-42.1-live-kernel-x86_64': 'k',
        'tftp/fcos/rootfs.x86_64.img': { link: 'fedora-coreos-42.1-live-rootfs.x86_64.img' },
        'tftp/fcos/fedora-coreos-42.1-live-rootfs.x86_64.img': 'r',
        'tftp/fcos/initramfs.x86_64.img': { link: 'fedora-coreos-42.1-live-initramfs.x86_64.img' },
        'tftp/fcos/fedora-coreos-42.1-live-initramfs.x86_64.img': 'i',
      },
      site,
      { firmware: 'bios' },
    );
    expect(problemsIn(rotated, 'tftp/boot.ipxe', script)).toEqual(['chain.brokenSymlink: fcos/kernel-x86_64']);
    expect(rotated.problems.get(join(ROOT, 'tftp/boot.ipxe'))![0]!.message).toContain(
      'present: fedora-coreos-42.1-live-kernel-x86_64)',
    );
  });

  it('nginx: a URL outside every location, an alias without its slash, an alias that is not the deploy folder', () => {
    const site = {
      ...BASE_SITE,
      http: { ...BASE_SITE.http, nginxConfig: 'www.conf' },
      targets: { nas: { kind: 'synology', host: '192.168.255.2', user: 'admin', remoteRoot: '/volume1/tftp' } },
    };
    const conf = 'location /tftp/ {\n  alias /volume1/docker/tftp;\n}\n';
    const text =
      rsc(
        `${OPTIONS.replace('lpxelinux.0', 'undionly.kpxe')}\nadd code=17 name=root value="'http://192.168.255.2/ipxe/boot.ipxe'"`,
      ) + `/ip dhcp-server option sets\nadd name=pxe options=tftp,boot,root\n${NETWORK}\n`;
    const chain = memoryChain({ ...LOADERS, 'router.rsc': text, 'www.conf': conf }, site, { firmware: 'bios' });
    expect(problemsIn(chain, 'router.rsc', text)).toEqual([`chain.notServed: "'http://192.168.255.2/ipxe/boot.ipxe'"`]);
    const alias = chain.problems.get(join(ROOT, 'www.conf'))!;
    expect(alias.map((p) => `${p.ruleId}: ${conf.slice(p.start, p.end)}`)).toEqual([
      'chain.nginxAlias: /volume1/docker/tftp',
      'chain.nginxAlias: /volume1/docker/tftp',
    ]);
    expect(alias.map((p) => p.fixes![0]!.title)).toEqual(['Add the trailing slash', 'Use alias /volume1/tftp/']);
  });

  it('syslinux.efi and an HTTP host other than the TFTP server DHCP names (#907805), with related information', () => {
    const text =
      rsc(`add code=66 name=tftp value="'192.168.255.1'"\nadd code=67 name=boot value="'syslinux.efi'"`) +
      `${SET}\n/ip dhcp-server network\nadd address=192.168.255.0/24 next-server=192.168.255.1 dhcp-option-set=pxe\n`;
    const chain = memoryChain(
      {
        ...LOADERS,
        'router.rsc': text,
        'tftp/pxelinux.cfg/default': CONFIG,
        'tftp/vmlinuz': 'k',
        'tftp/config.ign': '{}',
      },
      BASE_SITE,
      { mac: '52:54:00:00:00:01', firmware: 'uefi' },
    );
    expect(problemsIn(chain, 'tftp/pxelinux.cfg/default', CONFIG)).toEqual([
      'chain.efiHttpHost: http://192.168.255.2/tftp/vmlinuz',
    ]);
    const related = chain.problems.get(join(ROOT, 'tftp/pxelinux.cfg/default'))![0]!.related![0]!;
    expect(related.file).toBe(join(ROOT, 'router.rsc'));
    expect(text.slice(related.start, related.end)).toBe(`"'192.168.255.1'"`);
  });

  it('a foreign host, an Ignition merge source that is not there, and no router config', () => {
    const text = rsc(`${OPTIONS}`) + `${SET}\n${NETWORK}\n`;
    const config =
      'DEFAULT a\nLABEL a\n  KERNEL http://203.0.113.7/vmlinuz\n  APPEND ignition.config.url=http://192.168.255.2/tftp/config.ign\n';
    const ign = '{"ignition":{"version":"3.4.0","config":{"merge":[{"source":"http://192.168.255.2/tftp/base.ign"}]}}}';
    const chain = memoryChain(
      { ...LOADERS, 'router.rsc': text, 'tftp/pxelinux.cfg/default': config, 'tftp/config.ign': ign },
      BASE_SITE,
      { mac: '52:54:00:00:00:01', firmware: 'bios' },
    );
    expect(problemsIn(chain, 'tftp/pxelinux.cfg/default', config)).toEqual([
      'chain.foreignHost: http://203.0.113.7/vmlinuz',
    ]);
    expect(problemsIn(chain, 'tftp/config.ign', ign)).toEqual([
      'chain.ignitionUnreachable: http://192.168.255.2/tftp/base.ign',
    ]);

    const noRouter = { ...BASE_SITE, router: {} };
    const assumed = memoryChain(
      { ...LOADERS, 'tftp/pxelinux.cfg/default': CONFIG, 'tftp/vmlinuz': 'k', 'tftp/config.ign': '{}' },
      noRouter,
    );
    expect(assumed.notes[0]).toContain('router.config');
    expect(
      assumed.clients.map((c) => `${c.firmware} ${c.root.status} ${c.root.children[0]!.label} ${isBroken(c.root)}`),
    ).toEqual(['bios unknown lpxelinux.0 false', 'uefi unknown syslinux.efi false']);
  });

  it('a router that serves TFTP itself: /ip tftp maps the request to a real-filename deployed from the TFTP root', () => {
    const text =
      rsc(`add code=66 name=tftp value="'192.168.255.1'"\nadd code=67 name=boot value="'lpxelinux.0'"`) +
      `${SET}\n/ip dhcp-server network\nadd address=192.168.255.0/24 next-server=192.168.255.1 dhcp-option-set=pxe\n` +
      '/ip tftp\nadd req-filename=lpxelinux.0 real-filename=tftp/bios/lpxelinux.0\n';
    const files = {
      'router.rsc': text,
      'tftp/bios/lpxelinux.0': 'x',
      'tftp/bios/ldlinux.c32': 'x',
      'tftp/bios/pxelinux.cfg/default': 'DEFAULT l\nLABEL l\n  LOCALBOOT 0\n',
    };
    const ok = memoryChain(files, BASE_SITE, { firmware: 'bios' });
    expect(ok.clients[0]!.root.children[0]).toMatchObject({
      label: 'lpxelinux.0',
      path: join(ROOT, 'tftp/bios/lpxelinux.0'),
      status: 'ok',
    });
    expect(hopList(ok.clients[0]!.root).map((h) => h.trim())).toContain('config pxelinux.cfg/default ok');
    const without = Object.fromEntries(Object.entries(files).filter(([name]) => name !== 'tftp/bios/lpxelinux.0'));
    const missing = memoryChain(without, BASE_SITE, { firmware: 'bios' });
    expect(problemsIn(missing, 'router.rsc', text)).toEqual(['chain.missingFile: tftp/bios/lpxelinux.0']);
    expect(missing.problems.get(join(ROOT, 'router.rsc'))![0]!.related![0]!.start).toBe(
      text.indexOf(`"'lpxelinux.0'"`),
    );
  });

  it('a setting whose value names itself is not substituted again and again (found by the fuzz test: OOM)', () => {
    const text =
      rsc(
        `${OPTIONS.replace('lpxelinux.0', 'undionly.kpxe')}\nadd code=17 name=root value="'http://192.168.255.2/tftp/boot.ipxe'"`,
      ) + `/ip dhcp-server option sets\nadd name=pxe options=tftp,boot,root\n${NETWORK}\n`;
    const script = '#!ipxe\nset BASE http://192.168.255.2/tftp/${BASE}/${BASE}/${BASE}\nkernel ${BASE}/vmlinuz\nboot\n';
    const chain = memoryChain({ ...LOADERS, 'router.rsc': text, 'tftp/boot.ipxe': script }, BASE_SITE, {
      firmware: 'bios',
    });
    const kernel = chain.clients[0]!.root.children[0]!.children[0]!.children[0]!;
    expect(kernel).toMatchObject({
      kind: 'kernel',
      status: 'unknown',
      url: 'http://192.168.255.2/tftp/${BASE}/${BASE}/${BASE}/vmlinuz',
    });
  });

  it('never throws on broken input files', () => {
    const chain = memoryChain({
      ...LOADERS,
      'router.rsc': '/ip dhcp-server option\nadd code=67 value="\'lpx',
      'tftp/pxelinux.cfg/default': 'LABEL\nKERNEL\nAPPEND ignition.config.url=',
      'tftp/config.ign': '{',
    });
    expect(chain.clients.length).toBeGreaterThan(0);
  });
});
