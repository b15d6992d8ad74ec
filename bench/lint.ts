/** Lint speed: the example sites, small files and big generated ones, each against reading or splitting the text. */
import { promises as fs } from 'node:fs';
import { join } from 'node:path';
import { lintPaths, lintText } from '../lib/engine';
import { time, type Row } from './stats';

async function readAll(paths: string[]): Promise<void> {
  for (const path of paths) await fs.readFile(path, 'utf8');
}

/** A long menu-style script; `withFindings` leaves every initrd line's failure unhandled (one info each). */
function bigIpxeScript(lines: number, withFindings: boolean): string {
  const body = ['#!ipxe', 'set base http://192.168.255.2/tftp'];
  const handle = withFindings ? '' : ' || goto failed';
  for (let i = 0; body.length < lines; i++) {
    body.push(
      `:entry${i}`,
      `kernel \${base}/vmlinuz-${i} initrd=initrd-${i} console=ttyS0 || goto failed`,
      `initrd --name initrd-${i} \${base}/initrd-${i}.img${handle}`,
      `echo loaded ${i} && goto menu`,
    );
  }
  body.push(':failed', 'shell', ':menu', 'boot');
  return body.join('\n');
}

/** An /export of a big DHCP setup: one lease (with its own option set and host name option) per 4 lines. */
function bigRouterOsExport(lines: number): string {
  const out = [
    '# big export',
    '/ip dhcp-server option',
    'add code=66 name=tftp-server value="s\'192.168.255.2\'"',
    'add code=67 name=boot-uefi value="\'syslinux.efi\'"',
  ];
  const sets: string[] = [];
  const leases: string[] = [];
  for (let i = 0; out.length + sets.length + leases.length < lines - 4; i++) {
    out.push(`add code=12 name=host-${i} value="s'node${i}'"`);
    sets.push(`add name=set-${i} options=tftp-server,boot-uefi,host-${i}`);
    const mac = (0x525400000000 + i).toString(16).padStart(12, '0').match(/../g)!.join(':');
    const address = `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`;
    leases.push(`add address=${address} mac-address=${mac} dhcp-option-set=set-${i} comment="node ${i}"`);
  }
  return [
    ...out,
    '/ip dhcp-server option sets',
    ...sets,
    '/ip dhcp-server lease',
    ...leases,
    '/ip dhcp-server network',
    'add address=10.0.0.0/8 next-server=192.168.255.2',
  ].join('\n');
}

/** A big menu: `labels` entries of five lines each. */
function bigPxelinuxConfig(labels: number): string {
  const lines = ['UI menu.c32', 'PROMPT 0', 'TIMEOUT 50', 'DEFAULT entry0', 'MENU TITLE Big menu'];
  for (let i = 0; i < labels; i++) {
    lines.push(
      `LABEL entry${i}`,
      `  MENU LABEL Entry ${i}`,
      `  KERNEL http://192.168.255.2/tftp/k${i}`,
      `  INITRD http://192.168.255.2/tftp/i${i}.img`,
      `  APPEND ip=dhcp console=ttyS0 quiet`,
    );
  }
  return lines.join('\n');
}

/** Small files: each of the home lab's, by language (typical of what users edit). */
export async function smallRows(root: string): Promise<Row[]> {
  const rows: Row[] = [];
  for (const [label, file] of [
    ['iPXE', 'tftp/fedora-coreos.ipxe'],
    ['PXELINUX', 'tftp/pxelinux.cfg/default'],
    ['RouterOS', 'router/pxe-dhcp.rsc'],
    ['Ignition', 'tftp/fedora-coreos/config.ign'],
  ] as const) {
    const text = await fs.readFile(join(root, 'examples', 'home-lab', file), 'utf8');
    const lint = await time(200, () => lintText(file, text));
    const split = await time(200, () => text.split('\n').map((l) => l.split(/\s+/)));
    rows.push({
      name: `lint a small ${label} file (${text.split('\n').length} lines, home-lab)`,
      measured: lint,
      baselineName: 'split it into lines and words',
      baseline: split,
    });
  }
  return rows;
}

export async function exampleRows(root: string): Promise<Row[]> {
  const rows: Row[] = [];
  for (const example of ['examples/home-lab', 'examples/broken']) {
    const dir = join(root, example);
    const files = (await lintPaths([dir])).map((r) => r.path);
    const lint = await time(50, () => lintPaths([dir]));
    const read = await time(50, () => readAll(files));
    rows.push({
      name: `lint ${example} (${files.length} files)`,
      measured: lint,
      baselineName: 'read the same files',
      baseline: read,
    });
  }
  return rows;
}

export async function ipxeRows(): Promise<Row[]> {
  const rows: Row[] = [];
  for (const withFindings of [false, true]) {
    const script = bigIpxeScript(10_000, withFindings);
    const findings = lintText('big.ipxe', script).findings.length;
    const big = await time(30, () => lintText('big.ipxe', script));
    const split = await time(30, () => script.split('\n').map((l) => l.split(/\s+/)));
    rows.push({
      name: `lint a 10,000-line iPXE script (${findings} findings)`,
      measured: big,
      baselineName: 'split it into lines and words',
      baseline: split,
    });
  }
  return rows;
}

export async function pxelinuxRows(): Promise<Row[]> {
  const config = bigPxelinuxConfig(2_000);
  const pxelinuxLint = await time(30, () => lintText('pxelinux.cfg/default', config));
  const pxelinuxSplit = await time(30, () => config.split('\n').map((l) => l.split(/\s+/)));
  return [
    {
      name: `lint a ${config.split('\n').length.toLocaleString('en')}-line PXELINUX config`,
      measured: pxelinuxLint,
      baselineName: 'split it into lines and words',
      baseline: pxelinuxSplit,
    },
  ];
}

export async function routerOsRows(): Promise<Row[]> {
  const exported = bigRouterOsExport(20_000);
  const rscLint = await time(20, () => lintText('export.rsc', exported));
  const rscSplit = await time(20, () => exported.split('\n').map((l) => l.split(/\s+/)));
  return [
    {
      name: `lint a ${exported.split('\n').length.toLocaleString('en')}-line RouterOS export`,
      measured: rscLint,
      baselineName: 'split it into lines and words',
      baseline: rscSplit,
    },
  ];
}
