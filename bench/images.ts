/**
 * Image updater bench: 3 × 100 MB from a static HTTP server on 127.0.0.1 (in its own process), the updater
 * (concurrent, sha256 while streaming) against `curl` fetching the same three files one after the other.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { updateImages } from '../lib/images';
import { time, type Row } from './stats';

const SERVER = `
const http = require('http'); const fs = require('fs'); const path = require('path');
const root = process.argv[1];
const server = http.createServer((req, res) => {
  const file = path.join(root, decodeURIComponent(new URL(req.url, 'http://x').pathname));
  fs.stat(file, (error, stat) => {
    if (error) { res.writeHead(404).end(); return; }
    res.writeHead(200, { 'content-length': stat.size });
    fs.createReadStream(file).pipe(res);
  });
});
server.listen(0, '127.0.0.1', () => process.stdout.write(String(server.address().port) + '\\n'));
`;

function startServer(root: string): Promise<{ child: ChildProcess; url: string }> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, ['-e', SERVER, root], { stdio: ['ignore', 'pipe', 'inherit'] });
    child.stdout!.once('data', (d: Buffer) => done({ child, url: `http://127.0.0.1:${d.toString().trim()}` }));
    child.on('error', fail);
  });
}

export async function imageRows(megabytes = 100): Promise<Row[]> {
  if (spawnSync('curl', ['--version']).status !== 0) {
    console.log('(image bench skipped: curl is not installed; apt-get install curl)');
    return [];
  }
  const root = mkdtempSync(join(tmpdir(), 'pxe-bench-images-'));
  const release = '42.20251110.3.0';
  const pxe: Record<string, { location: string; sha256: string }> = {};
  const names: string[] = [];
  mkdirSync(join(root, 'builds'));
  for (const [kind, name] of [
    ['kernel', `fedora-coreos-${release}-live-kernel-x86_64`],
    ['initramfs', `fedora-coreos-${release}-live-initramfs.x86_64.img`],
    ['rootfs', `fedora-coreos-${release}-live-rootfs.x86_64.img`],
  ] as const) {
    const bytes = randomBytes(megabytes * 2 ** 20);
    writeFileSync(join(root, 'builds', name), bytes);
    pxe[kind] = { location: `builds/${name}`, sha256: createHash('sha256').update(bytes).digest('hex') };
    names.push(name);
  }
  const { child, url } = await startServer(root);
  try {
    for (const entry of Object.values(pxe)) entry.location = `${url}/${entry.location}`;
    writeFileSync(
      join(root, 'stream.json'),
      JSON.stringify({ architectures: { x86_64: { artifacts: { metal: { release, formats: { pxe } } } } } }),
    );
    const dest = join(root, 'dest');
    const updater = await time(5, async () => {
      rmSync(dest, { recursive: true, force: true });
      await updateImages({ dest, stream: 'stable', arch: 'x86_64', keep: 4, streamUrl: `${url}/stream.json` });
    });
    const curl = await time(5, () => {
      const out = join(root, 'curl');
      rmSync(out, { recursive: true, force: true });
      mkdirSync(out);
      const r = spawnSync('curl', ['-sSf', '--output-dir', out, ...names.flatMap((n) => ['-O', `${url}/builds/${n}`])]);
      if (r.status !== 0) throw new Error(`curl failed: ${r.stderr.toString()}`);
    });
    // What the users' shell script does: curl each file, then sha256sum them.
    const script = await time(5, () => {
      const out = join(root, 'script');
      rmSync(out, { recursive: true, force: true });
      mkdirSync(out);
      const r = spawnSync('sh', [
        '-c',
        `cd ${out} && curl -sSf ${names.map((n) => `-O ${url}/builds/${n}`).join(' ')} && sha256sum ${names.join(' ')} > /dev/null`,
      ]);
      if (r.status !== 0) throw new Error(`curl + sha256sum failed: ${r.stderr.toString()}`);
    });
    const name = `image update: 3 × ${megabytes} MB from 127.0.0.1 (concurrent, sha256 while streaming)`;
    return [
      { name, measured: updater, baselineName: 'curl of the same 3 files (no checksum)', baseline: curl },
      { name, measured: updater, baselineName: 'curl, then sha256sum (the shell script)', baseline: script },
    ];
  } finally {
    child.kill();
    rmSync(root, { recursive: true, force: true });
  }
}
