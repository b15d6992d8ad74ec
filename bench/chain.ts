/** Boot-chain bench: a generated site of 1,000 files with 200 static leases, each with its own option set. */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { TextDocuments } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { lintDocument, lintPaths } from '../lib/engine';
import { buildChain, readDisk } from '../lib/chain';
import { diskContext, diskFiles, readSite } from '../lib/site';
import { Workspace } from '../server/src/lsp/workspace';
import { time, type Row } from './stats';

const NAS = 'http://192.168.255.2/tftp';

type Put = (rel: string, text: string) => void;

/** Writes the site; returns its folder and every file in it. */
export function generateSite(leases: number, totalFiles: number): { dir: string; files: string[] } {
  const dir = mkdtempSync(join(tmpdir(), 'pxe-bench-site-'));
  const files: string[] = [];
  const put: Put = (rel, text) => {
    const path = join(dir, rel);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, text);
    files.push(path);
  };
  put('pxe-site.json', siteJson());
  const dhcp: Dhcp = {
    options: [
      `add code=66 name=tftp value="'192.168.255.2'"`,
      `add code=67 name=bios value="'lpxelinux.0'"`,
      `add code=67 name=ipxe value="'undionly.kpxe'"`,
      `add code=17 name=root value="'${NAS}/boot.ipxe'"`,
      `add code=67 name=efi value="'syslinux.efi'"`,
    ],
    sets: ['add name=pxe options=tftp,bios', 'add name=uefi options=tftp,efi'],
    leases: [],
  };
  for (let i = 0; i < leases; i++) {
    const mac = (0x525400000000 + i).toString(16).padStart(12, '0').match(/../g)!.join(':');
    addLease(dhcp, i, mac);
    putNode(put, i, mac);
  }
  put('router/pxe-dhcp.rsc', routerScript(dhcp));
  put('tftp/boot.ipxe', '#!ipxe\nchain nodes/${net0/mac:hexhyp}.ipxe || shell\n');
  put('tftp/pxelinux.cfg/default', `DEFAULT local\nLABEL local\n  LOCALBOOT 0\n`);
  for (const name of [
    'lpxelinux.0',
    'ldlinux.c32',
    'syslinux.efi',
    'ldlinux.e64',
    'undionly.kpxe',
    'fcos/kernel-x86_64',
    'fcos/initramfs.x86_64.img',
    'fcos/rootfs.x86_64.img',
  ])
    put(`tftp/${name}`, 'placeholder');
  for (let i = 0; files.length < totalFiles; i++) put(`tftp/extra/file-${i}.bin`, `extra ${i}`);
  return { dir, files };
}

function siteJson(): string {
  return JSON.stringify({
    version: 1,
    name: 'bench',
    network: { subnet: '192.168.255.0/24', router: '192.168.255.1', nas: '192.168.255.2' },
    tftp: { root: 'tftp', server: '192.168.255.2' },
    http: { baseUrl: `${NAS}/`, root: 'tftp' },
    router: { config: 'router/pxe-dhcp.rsc' },
    images: { dir: 'tftp/fcos' },
  });
}

interface Dhcp {
  options: string[];
  sets: string[];
  leases: string[];
}

/** Node `i`: its host-name option, its own option set (iPXE for odd nodes, PXELINUX for even) and its lease. */
function addLease(dhcp: Dhcp, i: number, mac: string): void {
  const ip = `192.168.${250 - (i >> 8)}.${i & 255 || 1}`;
  dhcp.options.push(`add code=12 name=host-${i} value="s'node${i}'"`);
  dhcp.sets.push(`add name=node-${i} options=${i % 2 ? 'tftp,ipxe,root' : 'tftp,bios'},host-${i}`);
  dhcp.leases.push(`add address=${ip} mac-address=${mac} dhcp-option-set=node-${i} server=lab comment="node ${i}"`);
}

/** Node `i`'s boot file (an iPXE script or a PXELINUX per-MAC config) and its Ignition config. */
function putNode(put: Put, i: number, mac: string): void {
  const kernelLine =
    `coreos.live.rootfs_url=${NAS}/fcos/rootfs.x86_64.img ignition.firstboot ignition.platform.id=metal ` +
    `ignition.config.url=${NAS}/ignition/node${i}.ign`;
  if (i % 2)
    put(
      `tftp/nodes/${mac.replace(/:/g, '-')}.ipxe`,
      [
        '#!ipxe',
        `kernel ${NAS}/fcos/kernel-x86_64 initrd=main ${kernelLine} || goto failed`,
        `initrd --name main ${NAS}/fcos/initramfs.x86_64.img || goto failed`,
        'boot || goto failed',
        ':failed',
        'shell',
        '',
      ].join('\n'),
    );
  else
    put(
      `tftp/pxelinux.cfg/01-${mac.replace(/:/g, '-')}`,
      `DEFAULT fcos\nLABEL fcos\n  KERNEL ${NAS}/fcos/kernel-x86_64\n  INITRD ${NAS}/fcos/initramfs.x86_64.img\n` +
        `  APPEND ${kernelLine}\n`,
    );
  put(
    `tftp/ignition/node${i}.ign`,
    JSON.stringify({
      ignition: { version: '3.4.0' },
      storage: { files: [{ path: '/etc/hostname', mode: 420, contents: { source: `data:,node${i}` } }] },
    }),
  );
}

function routerScript(dhcp: Dhcp): string {
  return [
    '/ip dhcp-server option',
    ...dhcp.options,
    '/ip dhcp-server option sets',
    ...dhcp.sets,
    '/ip dhcp-server matcher',
    'add code=93 name=x64 option-set=uefi server=lab value=0x0007',
    '/ip dhcp-server network',
    'add address=192.168.0.0/16 gateway=192.168.255.1 next-server=192.168.255.2 dhcp-option-set=pxe',
    '/ip dhcp-server lease',
    ...dhcp.leases,
    '',
  ].join('\n');
}

export async function chainRows(): Promise<Row[]> {
  const { dir, files } = generateSite(200, 1_000);
  try {
    const site = readSite(join(dir, 'pxe-site.json'));
    if (!site) throw new Error('generated site is not readable');
    const check = () => buildChain({ site, files: diskFiles(), read: readDisk });
    const chain = check();
    const broken = chain.clients.filter((c) => JSON.stringify(c.root).includes('"missing"')).length;
    if (broken || chain.problems.size)
      throw new Error(
        `the generated site should be clean (${broken} broken machines, ${chain.problems.size} files with findings)`,
      );
    // 20 runs each, as the other lint rows take: with 5, the whole-site lint's median was mostly the JIT
    // warming up (one run of 50 ms is a few hundred thousand calls, each new to the compiler at first).
    const read = await time(20, () => {
      for (const path of files) readFileSync(path, 'utf8');
    });
    const chainTime = await time(20, check);
    const lint = await time(20, () => lintPaths([dir]));
    const edit = await editRows(dir, files);
    return [
      {
        name:
          `chain check of a ${files.length.toLocaleString('en')}-file site ` +
          `(200 leases, ${chain.clients.length} machines, ${chain.files.size} files read)`,
        measured: chainTime,
        baselineName: `read all ${files.length.toLocaleString('en')} files`,
        baseline: read,
      },
      {
        name: `lint the whole site, cross-file rules included`,
        measured: lint,
        baselineName: `read all ${files.length.toLocaleString('en')} files`,
        baseline: read,
      },
      edit,
    ];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * An edit to one node's iPXE script, as the language server handles it once the debounce has passed
 * (workbenchServer `edited`): the chains that read the file are built again, the file is linted with its
 * chain findings, and every other file of the site whose findings may have changed is re-checked (closed
 * chain files: a stat each, linted again when their findings changed). The JSON-RPC is left out.
 */
async function editRows(dir: string, files: string[]): Promise<Row> {
  const path = files.find((f) => f.endsWith('.ipxe') && f.includes('/nodes/'));
  const site = readSite(join(dir, 'pxe-site.json'));
  if (!path || !site) throw new Error('the generated site has no node script');
  const uri = pathToFileURL(path).href;
  const original = readFileSync(path, 'utf8');
  const texts = [original, original.replace('console=ttyS0', 'console=ttyS1').replace('shell', 'shell\n')];
  let doc = TextDocument.create(uri, 'ipxe', 1, original);
  const documents = { all: () => [doc], get: () => doc } as unknown as TextDocuments<TextDocument>;
  const workspace = new Workspace(documents);
  workspace.siteUpdates(site, {}, uri); // the site as it was checked when the file was opened
  const lintAlone = () => lintDocument(doc.getText(), { path, rules: diskContext(path) });
  const edited = () => {
    doc = TextDocument.create(uri, 'ipxe', doc.version + 1, texts[doc.version % 2] ?? original);
    const affected = workspace.chains.changed(path, doc.getText());
    lintDocument(doc.getText(), { path, rules: diskContext(path), crossFile: workspace.crossFile(uri) });
    if (affected)
      for (const update of workspace.siteUpdates(site, {}, uri))
        if ('open' in update) lintDocument(update.open.getText(), { path: update.open.uri, crossFile: [] });
  };
  // Many runs: each is well under a millisecond, and both sides get the same warm-up.
  const measured = await time(200, edited);
  const baseline = await time(200, lintAlone);
  return {
    name: `edit one file of the ${files.length.toLocaleString('en')}-file site → every affected file re-checked`,
    measured,
    baselineName: 'lint that one file alone',
    baseline,
  };
}
