/**
 * `npm run bench`: speed and memory, each as a ratio against a baseline measured in the same run.
 * Never asserted in tests; numbers are for reading and for docs/benchmarks.md.
 */
import { spawn } from 'node:child_process';
import type { Writable } from 'node:stream';
import { promises as fs } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

import { lintPaths, lintText } from '../lib/engine';
import { chainRows } from './chain';
import { deployRows } from './deploy';
import { routerRows } from './router';
import { vmRows } from './vm';
import { ignitionRows } from './ignition';
import { imageRows } from './images';
import { printTable, time, type Row } from './stats';

const SERVER = resolve(__dirname, 'server.js');

/** Sends one JSON-RPC message with LSP framing to a server spawned over stdio. */
function sender(child: { stdin: Writable }): (message: object) => void {
  return (message) => {
    const body = JSON.stringify({ jsonrpc: '2.0', ...message });
    child.stdin.write(`Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`);
  };
}

/** A process's resident memory (KiB), from /proc. */
async function rssKiB(pid: number | undefined): Promise<number> {
  const status = await fs.readFile(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? NaN);
}

/** Spawns the server and measures the time until the first diagnostic for one opened document. */
function serverToFirstDiagnostic(): Promise<number> {
  return new Promise((done, fail) => {
    const started = performance.now();
    const child = spawn(process.execPath, [SERVER, '--stdio'], { stdio: ['pipe', 'pipe', 'inherit'] });
    const send = sender(child);
    let buffer = '';
    child.stdout.on('data', (chunk: Buffer) => {
      buffer += chunk.toString();
      if (buffer.includes('"id":1,"result"') && !buffer.includes('__opened')) {
        buffer += '__opened';
        send({ method: 'initialized', params: {} });
        send({
          method: 'textDocument/didOpen',
          params: { textDocument: { uri: 'file:///bench/a.ipxe', languageId: 'ipxe', version: 1, text: 'dhcp\n' } },
        });
      }
      if (buffer.includes('textDocument/publishDiagnostics') && buffer.includes('ipxe.missingHeader')) {
        const elapsed = performance.now() - started;
        child.kill();
        done(elapsed);
      }
    });
    child.on('error', fail);
    send({ id: 1, method: 'initialize', params: { processId: process.pid, rootUri: null, capabilities: {} } });
  });
}

/** The server's resident memory (KiB) after it opened every file of the example site (pushed over stdio). */
function serverMemoryAfterSite(root: string, files: string[]): Promise<number> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [SERVER, '--stdio'], { stdio: ['pipe', 'pipe', 'inherit'] });
    const send = sender(child);
    let buffer = '';
    let published = 0;
    child.stdout.on('data', (chunk: Buffer) => {
      buffer += chunk.toString();
      if (buffer.includes('"id":1,"result"') && !buffer.includes('__opened')) {
        buffer += '__opened';
        send({ method: 'initialized', params: {} });
        for (const [i, file] of files.entries()) {
          const languageId = file.endsWith('.ipxe')
            ? 'ipxe'
            : file.endsWith('.rsc')
              ? 'routeros'
              : file.endsWith('.ign')
                ? 'ignition'
                : file.endsWith('.json')
                  ? 'json'
                  : 'pxelinux';
          void fs
            .readFile(file, 'utf8')
            .then((text) =>
              send({
                method: 'textDocument/didOpen',
                params: { textDocument: { uri: pathToFileURL(file).href, languageId, version: 1 + i, text } },
              }),
            );
        }
      }
      published = buffer.split('textDocument/publishDiagnostics').length - 1;
      if (published >= files.length && !buffer.includes('__measured')) {
        buffer += '__measured';
        // Let the chain for the site settle, then read VmRSS.
        setTimeout(() => {
          void rssKiB(child.pid).then((kib) => {
            child.kill();
            done(kib);
          }, fail);
        }, 1000);
      }
    });
    child.on('error', fail);
    send({
      id: 1,
      method: 'initialize',
      params: { processId: process.pid, rootUri: pathToFileURL(root).href, capabilities: {} },
    });
  });
}

/** A Node process that only waits: the memory floor any server starts from (KiB). */
function bareNodeMemory(): Promise<number> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 5000)'], { stdio: 'ignore' });
    setTimeout(() => {
      void rssKiB(child.pid).then((kib) => {
        child.kill();
        done(kib);
      }, fail);
    }, 1000);
  });
}

function bareNode(): Promise<number> {
  return new Promise((done, fail) => {
    const started = performance.now();
    const child = spawn(process.execPath, ['-e', '0'], { stdio: 'ignore' });
    child.on('exit', () => done(performance.now() - started));
    child.on('error', fail);
  });
}

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
    leases.push(
      `add address=10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255} mac-address=${mac} dhcp-option-set=set-${i} comment="node ${i}"`,
    );
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

/** A group that fails says why and leaves the others' rows standing. */
async function group(name: string, rows: () => Promise<Row[]>): Promise<Row[]> {
  try {
    return await rows();
  } catch (error) {
    console.log(`(${name} bench failed: ${error instanceof Error ? error.message : String(error)})`);
    return [];
  }
}

async function main(): Promise<void> {
  const root = resolve(__dirname, '..');
  const rows: Row[] = [];
  // `npm run bench -- routeros ipxe` runs only those groups (start, memory, small, examples, ipxe, pxelinux, routeros, ignition, chain, images, deploy, router, vm).
  const only = process.argv.slice(2);
  const want = (group: string): boolean => only.length === 0 || only.includes(group);
  console.log(`PXE Workbench benchmarks — node ${process.version}, ${process.platform}/${process.arch}\n`);

  if (want('start')) {
    const startup = await time(10, serverToFirstDiagnostic);
    const node = await time(10, bareNode);
    rows.push({
      name: 'server cold start → first diagnostic',
      measured: startup,
      baselineName: 'bare `node -e 0` start',
      baseline: node,
    });
  }

  if (want('memory')) {
    const site = join(root, 'examples', 'home-lab');
    const files = (await lintPaths([site])).map((r) => r.path);
    const kib = (n: number): { median: number; p99: number; runs: number } => ({
      median: n / 1024,
      p99: n / 1024,
      runs: 1,
    });
    rows.push({
      name: `server memory after opening examples/home-lab (${files.length} files; MiB, not ms)`,
      measured: kib(await serverMemoryAfterSite(site, files)),
      baselineName: 'a bare Node process (MiB)',
      baseline: kib(await bareNodeMemory()),
    });
  }

  if (want('small')) {
    // Small files: each of the home lab's, by language (typical of what users edit).
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
  }

  for (const example of want('examples') ? ['examples/home-lab', 'examples/broken'] : []) {
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

  for (const withFindings of want('ipxe') ? [false, true] : []) {
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

  if (want('pxelinux')) {
    const config = bigPxelinuxConfig(2_000);
    const pxelinuxLint = await time(30, () => lintText('pxelinux.cfg/default', config));
    const pxelinuxSplit = await time(30, () => config.split('\n').map((l) => l.split(/\s+/)));
    rows.push({
      name: `lint a ${config.split('\n').length.toLocaleString('en')}-line PXELINUX config`,
      measured: pxelinuxLint,
      baselineName: 'split it into lines and words',
      baseline: pxelinuxSplit,
    });
  }

  if (want('routeros')) {
    const exported = bigRouterOsExport(20_000);
    const rscLint = await time(20, () => lintText('export.rsc', exported));
    const rscSplit = await time(20, () => exported.split('\n').map((l) => l.split(/\s+/)));
    rows.push({
      name: `lint a ${exported.split('\n').length.toLocaleString('en')}-line RouterOS export`,
      measured: rscLint,
      baselineName: 'split it into lines and words',
      baseline: rscSplit,
    });
  }

  if (want('ignition')) rows.push(...(await group('ignition', () => ignitionRows(root))));

  if (want('chain')) rows.push(...(await group('chain', () => chainRows())));

  if (want('images')) rows.push(...(await group('images', () => imageRows())));

  if (want('deploy')) rows.push(...(await group('deploy', () => deployRows())));
  if (want('router')) rows.push(...(await group('router', () => routerRows())));
  if (want('vm')) rows.push(...(await group('vm', () => vmRows())));

  printTable(rows);
  const memory = process.memoryUsage();
  console.log(
    `\nbenchmark process memory after the runs: rss ${(memory.rss / 2 ** 20).toFixed(1)} MiB, heap used ${(memory.heapUsed / 2 ** 20).toFixed(1)} MiB`,
  );
}

void main().catch((error: unknown) => {
  console.error(`bench failed: ${String(error)}`);
  process.exitCode = 1;
});
