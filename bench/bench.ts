/**
 * `npm run bench`: speed and memory, each as a ratio against a baseline measured in the same run.
 * Never asserted in tests; numbers are for reading and for docs/benchmarks.md.
 */
import { resolve, join } from 'node:path';

import { lintPaths } from '../lib/engine';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { chainRows, generateSite } from './chain';
import { deployRows } from './deploy';
import { routerRows } from './router';
import { vmRows } from './vm';
import { ignitionRows } from './ignition';
import { butaneRows } from './butane';
import { imageRows } from './images';
import { exampleRows, ipxeRows, pxelinuxRows, routerOsRows, smallRows } from './lint';
import { bareNode, bareNodeMemory, serverMemoryAfterSite, serverToFirstDiagnostic, warmCompileCache } from './server';
import { interleaved, printTable, type Row } from './stats';

/** A group that fails says why and leaves the others' rows standing. */
async function group(name: string, rows: () => Promise<Row[]>): Promise<Row[]> {
  try {
    return await rows();
  } catch (error) {
    console.log(`(${name} bench failed: ${error instanceof Error ? error.message : String(error)})`);
    return [];
  }
}

/** Runs `rows` with a folder for the server's compile cache that one earlier start has filled, as in use. */
async function withCompileCache(rows: (cache: string) => Promise<Row[]>): Promise<Row[]> {
  const cache = mkdtempSync(join(tmpdir(), 'pxe-bench-cache-'));
  try {
    await warmCompileCache(cache);
    return await rows(cache);
  } finally {
    rmSync(cache, { recursive: true, force: true });
  }
}

/**
 * The server started as the extension starts it (its compile cache from an earlier start), and its very
 * first start (no cache yet: after an install or an update), in turns with a bare Node start.
 */
async function startRows(cache: string): Promise<Row[]> {
  const [node, cached, first] = await interleaved(15, [
    bareNode,
    () => serverToFirstDiagnostic(cache),
    () => serverToFirstDiagnostic(),
  ]);
  return [
    { name: 'server cold start → first diagnostic', measured: cached!, baselineName: BARE_START, baseline: node! },
    {
      name: 'server cold start → first diagnostic, first start after an install (no compile cache yet)',
      measured: first!,
      baselineName: BARE_START,
      baseline: node!,
    },
  ];
}
const BARE_START = 'bare `node -e 0` start';

async function memoryRows(root: string, cache: string): Promise<Row[]> {
  const site = join(root, 'examples', 'home-lab');
  const files = (await lintPaths([site])).map((r) => r.path);
  const kib = (n: number): { median: number; p99: number; runs: number } => ({
    median: n / 1024,
    p99: n / 1024,
    runs: 1,
  });
  const bare = kib(await bareNodeMemory());
  // The 1,000-file bench site: its files PXE Workbench checks, each opened in the editor.
  const big = generateSite(200, 1_000);
  try {
    const opened = (await lintPaths([big.dir])).map((r) => r.path);
    const homeLab = await serverMemoryAfterSite(site, files, cache);
    const bigSite = await serverMemoryAfterSite(big.dir, opened, cache);
    const row = (name: string, kiB: number): Row => ({
      name,
      measured: kib(kiB),
      baselineName: 'a bare Node process (MiB)',
      baseline: bare,
    });
    return [
      row(`server memory after opening examples/home-lab (${files.length} files; MiB, not ms)`, homeLab.soon),
      row('same, at rest (12 s later: after V8 reduced the heap of an idle process)', homeLab.atRest),
      row(`server memory after opening the 1,000-file bench site's ${opened.length} checked files (MiB)`, bigSite.soon),
      row('same, at rest (12 s later)', bigSite.atRest),
    ];
  } finally {
    rmSync(big.dir, { recursive: true, force: true });
  }
}

/**
 * The groups in the order they run; `npm run bench -- routeros ipxe` runs only those. A guarded group that
 * fails says why and the others go on; the lint groups' failures end the run.
 */
const GROUPS: readonly { name: string; rows: (root: string) => Promise<Row[]>; guarded?: boolean }[] = [
  { name: 'start', rows: () => withCompileCache(startRows) },
  { name: 'memory', rows: (root) => withCompileCache((cache) => memoryRows(root, cache)) },
  { name: 'small', rows: smallRows },
  { name: 'examples', rows: exampleRows },
  { name: 'ipxe', rows: () => ipxeRows() },
  { name: 'pxelinux', rows: () => pxelinuxRows() },
  { name: 'routeros', rows: () => routerOsRows() },
  { name: 'ignition', rows: ignitionRows, guarded: true },
  { name: 'butane', rows: () => butaneRows(), guarded: true },
  { name: 'chain', rows: () => chainRows(), guarded: true },
  { name: 'images', rows: () => imageRows(), guarded: true },
  { name: 'deploy', rows: () => deployRows(), guarded: true },
  { name: 'router', rows: () => routerRows(), guarded: true },
  { name: 'vm', rows: () => vmRows(), guarded: true },
];

async function main(): Promise<void> {
  const root = resolve(__dirname, '..');
  const rows: Row[] = [];
  const only = process.argv.slice(2);
  console.log(`PXE Workbench benchmarks — node ${process.version}, ${process.platform}/${process.arch}\n`);
  for (const g of GROUPS) {
    if (only.length && !only.includes(g.name)) continue;
    rows.push(...(g.guarded ? await group(g.name, () => g.rows(root)) : await g.rows(root)));
  }
  printTable(rows);
  const memory = process.memoryUsage();
  console.log(
    `\nbenchmark process memory after the runs: rss ${(memory.rss / 2 ** 20).toFixed(1)} MiB, ` +
      `heap used ${(memory.heapUsed / 2 ** 20).toFixed(1)} MiB`,
  );
}

void main().catch((error: unknown) => {
  console.error(`bench failed: ${String(error)}`);
  process.exitCode = 1;
});
