import { execFile, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  existsSync,
  lstatSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { generateKey, readPrivateKey, createMessage, sign } from 'openpgp';
import { ImageError, LATEST_FILE, pxeRelease, updateImages, type UpdateOptions } from '../../lib/images';
import { serveArtifacts, type Served } from '../helpers/artifactServer';
import { built } from '../helpers/build';

const LINKS = ['kernel-x86_64', 'initramfs.x86_64.img', 'rootfs.x86_64.img'];
const names = (release: string): string[] => [
  `fedora-coreos-${release}-live-kernel-x86_64`,
  `fedora-coreos-${release}-live-initramfs.x86_64.img`,
  `fedora-coreos-${release}-live-rootfs.x86_64.img`,
];

describe('Fedora CoreOS image updater (against a real HTTP server on 127.0.0.1)', () => {
  let server: Served;
  let dest: string;
  const options = (extra: Partial<UpdateOptions> = {}): UpdateOptions => ({
    dest,
    stream: 'stable',
    arch: 'x86_64',
    keep: 4,
    streamUrl: server.streamUrl,
    ...extra,
  });
  const artifactRequests = (): number => server.requests.filter((r) => r.path.startsWith('/builds/')).length;
  const links = (): string[] => LINKS.map((l) => readlinkSync(join(dest, l)));

  beforeAll(async () => {
    server = await serveArtifacts();
  });
  afterAll(() => server.close());
  afterEach(() => {
    server.corrupt(undefined);
    server.ignoreRange(false);
    rmSync(dest, { recursive: true, force: true });
  });
  const fresh = (): void => {
    dest = mkdtempSync(join(tmpdir(), 'pxe-images-'));
  };

  it('downloads a fresh release, links it, records it; a re-run downloads nothing', async () => {
    fresh();
    const bytes = await server.release('41.20250101.3.0');
    const result = await updateImages(options());
    expect(result).toMatchObject({
      release: '41.20250101.3.0',
      upToDate: false,
      downloaded: names('41.20250101.3.0'),
      removed: [],
    });
    for (const name of names('41.20250101.3.0'))
      expect(readFileSync(join(dest, name)).equals(bytes.get(name)!), name).toBe(true);
    expect(links()).toEqual(names('41.20250101.3.0'));
    expect(readFileSync(join(dest, LATEST_FILE), 'utf8')).toBe('41.20250101.3.0\n');
    expect(readdirSync(dest).filter((n) => n.endsWith('.tmp'))).toEqual([]);

    const before = artifactRequests();
    const again = await updateImages(options());
    expect(again).toMatchObject({ upToDate: true, downloaded: [], bytes: 0 });
    expect(artifactRequests()).toBe(before);
  });

  it('a checksum mismatch keeps the previous version in place and names the file', async () => {
    fresh();
    await server.release('41.20250101.3.0');
    await updateImages(options());
    await server.release('42.20250201.3.0');
    server.corrupt('kernel');
    const error = await updateImages(options()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ImageError);
    expect((error as ImageError).file).toBe('fedora-coreos-42.20250201.3.0-live-kernel-x86_64');
    expect((error as Error).message).toMatch(/checksum mismatch.*previous version is still in place/);
    expect(links()).toEqual(names('41.20250101.3.0'));
    expect(readFileSync(join(dest, LATEST_FILE), 'utf8')).toBe('41.20250101.3.0\n');
    expect(existsSync(join(dest, 'fedora-coreos-42.20250201.3.0-live-kernel-x86_64'))).toBe(false);
    expect(existsSync(join(dest, 'fedora-coreos-42.20250201.3.0-live-kernel-x86_64.tmp'))).toBe(false);
    // Fixed on the mirror: the next run completes, reusing the two files that did verify.
    server.corrupt(undefined);
    const result = await updateImages(options());
    expect(links()).toEqual(names('42.20250201.3.0'));
    expect(result.bytes).toBeGreaterThan(0);
  });

  it('an interrupted download resumes with Range where it stopped', async () => {
    fresh();
    const bytes = await server.release('41.20250101.3.0', { size: 1024 * 1024 });
    server.dropOnce('rootfs', 300 * 1024);
    await expect(updateImages(options())).rejects.toThrow(/broke off.*resumes where it stopped/);
    const partial = statSync(join(dest, 'fedora-coreos-41.20250101.3.0-live-rootfs.x86_64.img.tmp')).size;
    expect(partial).toBeGreaterThan(0);
    expect(partial).toBeLessThanOrEqual(300 * 1024);
    expect(() => lstatSync(join(dest, 'rootfs.x86_64.img'))).toThrow();
    server.requests.length = 0;
    await updateImages(options());
    expect(server.requests.filter((r) => r.path.includes('rootfs')).map((r) => r.range)).toEqual([`bytes=${partial}-`]);
    expect(
      readFileSync(join(dest, 'fedora-coreos-41.20250101.3.0-live-rootfs.x86_64.img')).equals(
        bytes.get('fedora-coreos-41.20250101.3.0-live-rootfs.x86_64.img')!,
      ),
    ).toBe(true);
  });

  it('starts over when the server ignores Range', async () => {
    fresh();
    await server.release('41.20250101.3.0', { size: 512 * 1024 });
    server.dropOnce('kernel', 100 * 1024);
    await expect(updateImages(options())).rejects.toThrow(ImageError);
    server.ignoreRange(true);
    await updateImages(options());
    expect(links()).toEqual(names('41.20250101.3.0'));
  });

  it('cancelling keeps what was downloaded and changes nothing in place', async () => {
    fresh();
    await server.release('41.20250101.3.0', { size: 4 * 1024 * 1024 });
    const abort = new AbortController();
    const run = updateImages(options({ signal: abort.signal, progress: (p) => p.done > 1024 * 1024 && abort.abort() }));
    await expect(run).rejects.toThrow(/cancelled.*resumes them/);
    expect(readdirSync(dest).filter((n) => !n.endsWith('.tmp'))).toEqual([]);
    await updateImages(options());
    expect(links()).toEqual(names('41.20250101.3.0'));
  });

  it('keeps exactly the newest N versions', async () => {
    fresh();
    const releases = ['40.1.3.0', '40.2.3.0', '41.1.3.0', '41.10.3.0', '42.1.3.0', '42.2.3.0'];
    for (const [i, release] of releases.entries()) {
      await server.release(release);
      const result = await updateImages(options({ keep: 4 }));
      const versions = new Set(
        readdirSync(dest)
          .filter((n) => n.startsWith('fedora-coreos-'))
          .map((n) => /^fedora-coreos-(.+)-live-/.exec(n)![1]),
      );
      expect(versions.size, release).toBe(Math.min(i + 1, 4));
      if (i >= 4) expect(result.removed.sort()).toEqual(names(releases[i - 4]!).sort());
    }
    expect(links()).toEqual(names('42.2.3.0'));
    expect(
      readdirSync(dest)
        .filter((n) => n.startsWith('fedora-coreos-'))
        .sort(),
    ).toEqual(['41.1.3.0', '41.10.3.0', '42.1.3.0', '42.2.3.0'].flatMap(names).sort());
  });

  it('repoints the symlinks atomically: a concurrent reader never finds one missing', async () => {
    fresh();
    await server.release('41.1.3.0');
    await updateImages(options({ keep: 10 }));
    const stop = join(dest, '.stop');
    // Another process stats the links as fast as it can while we switch versions back and forth.
    const reader = spawn(process.execPath, [
      '-e',
      `
      const fs = require('fs'); const path = require('path');
      const links = ${JSON.stringify(LINKS)}.map((l) => path.join(${JSON.stringify(dest)}, l));
      let reads = 0, missing = 0;
      process.stdout.write('ready\\n');
      while (!fs.existsSync(${JSON.stringify(stop)})) {
        for (const l of links) { try { fs.statSync(l); } catch { missing++; } reads++; }
      }
      process.stdout.write(JSON.stringify({ reads, missing }));
    `,
    ]);
    let out = '';
    const ready = new Promise<void>((done) =>
      reader.stdout.on('data', (d: Buffer) => {
        out += d.toString();
        if (out.startsWith('ready\n')) done();
      }),
    );
    const exited = new Promise((done) => reader.on('exit', done));
    try {
      await ready;
      await server.release('41.2.3.0');
      await updateImages(options({ keep: 10 }));
      for (let i = 0; i < 40; i++) {
        await server.release(i % 2 ? '41.2.3.0' : '41.1.3.0');
        writeFileSync(join(dest, LATEST_FILE), 'force\n');
        await updateImages(options({ keep: 10 }));
      }
    } finally {
      writeFileSync(stop, '');
      setTimeout(() => reader.kill(), 5000).unref();
      await exited;
    }
    const { reads, missing } = JSON.parse(out.slice('ready\n'.length)) as { reads: number; missing: number };
    expect(reads).toBeGreaterThan(1000);
    expect(missing).toBe(0);
  });

  it('checks detached OpenPGP signatures with the key the user gives', async () => {
    fresh();
    const { privateKey, publicKey } = await generateKey({
      userIDs: [{ name: 'Test Fedora', email: 'fedora@example.test' }],
      format: 'armored',
    });
    const other = await generateKey({ userIDs: [{ name: 'Someone else' }], format: 'armored' });
    const signingKey = await readPrivateKey({ armoredKey: privateKey });
    const signer = async (_name: string, bytes: Buffer): Promise<Buffer> =>
      Buffer.from(
        (await sign({
          message: await createMessage({ binary: bytes }),
          signingKeys: signingKey,
          detached: true,
          format: 'binary',
        })) as Uint8Array,
      );
    await server.release('41.1.3.0', { signatures: signer });
    await expect(updateImages(options({ gpgKey: other.publicKey }))).rejects.toThrow(
      /signature does not verify with the key you gave/,
    );
    expect(() => lstatSync(join(dest, 'kernel-x86_64'))).toThrow();
    await updateImages(options({ gpgKey: publicKey }));
    expect(links()).toEqual(names('41.1.3.0'));
  });

  it('the CLI: defaults from the site file, exit 0 / 1 / 2 with what to do', async () => {
    fresh();
    await server.release('41.1.3.0');
    const site = join(dest, 'pxe-site.json');
    writeFileSync(
      site,
      JSON.stringify({
        version: 1,
        name: 'x',
        network: { subnet: '192.168.255.0/24', router: '192.168.255.1' },
        tftp: { root: 'tftp' },
        images: { dir: 'tftp/fcos', keep: 2, streamUrl: server.streamUrl },
      }),
    );
    // Asynchronous: the HTTP server runs in this process and must keep answering while the CLI runs.
    const run = (cwd: string, args: string[]): Promise<{ status: number | null; stdout: string; stderr: string }> =>
      new Promise((done) => {
        const child = execFile(
          process.execPath,
          [built('cli.js'), 'images', 'update', ...args],
          { cwd, encoding: 'utf8' },
          (_error, stdout, stderr) => done({ status: child.exitCode, stdout, stderr }),
        );
      });
    const cli = (...args: string[]) => run(dest, args);
    const ok = await cli();
    expect(ok.status, ok.stderr).toBe(0);
    expect(ok.stdout).toMatch(
      /^Fedora CoreOS 41\.1\.3\.0 \(stable, x86_64\) is now current in tftp\/fcos: 3 file\(s\), [\d.]+ MiB in 0:\d\d\.\n$/,
    );
    expect(readlinkSync(join(dest, 'tftp/fcos/kernel-x86_64'))).toBe('fedora-coreos-41.1.3.0-live-kernel-x86_64');
    expect((await cli()).stdout).toBe(
      'Fedora CoreOS 41.1.3.0 (stable, x86_64) is already current in tftp/fcos; nothing downloaded.\n',
    );
    await server.release('41.2.3.0');
    server.corrupt('initramfs');
    const bad = await cli();
    expect(bad.status).toBe(1);
    expect(bad.stderr).toContain('pxe-workbench: fedora-coreos-41.2.3.0-live-initramfs.x86_64.img: checksum mismatch');
    const usage = await cli('--stream', 'nightly');
    expect(usage.status).toBe(2);
    expect(usage.stderr).toContain('--stream nightly: use one of stable, testing, next.');
    const nowhere = await run('/', []);
    expect(nowhere.stderr).toContain('Pass --dest DIR, or add "images"');
  });
});

describe('file names the stream metadata gives the artifacts', () => {
  /** A stream document whose artifacts live at these paths of `base`, with these bytes. */
  const streamOf = (base: string, files: Record<'kernel' | 'initramfs' | 'rootfs', [string, Buffer]>): unknown => ({
    architectures: {
      x86_64: {
        artifacts: {
          metal: {
            release: '41.1.3.0',
            formats: {
              pxe: Object.fromEntries(
                Object.entries(files).map(([kind, [path, bytes]]) => [
                  kind,
                  { location: `${base}${path}`, sha256: createHash('sha256').update(bytes).digest('hex') },
                ]),
              ),
            },
          },
        },
      },
    },
  });
  const body = Buffer.from('artifact');
  const plain = {
    kernel: ['/b/k-41', body],
    initramfs: ['/b/i-41.img', body],
    rootfs: ['/b/r-41.img', body],
  } as Record<'kernel' | 'initramfs' | 'rootfs', [string, Buffer]>;
  const refusal = (files: Partial<typeof plain>): string => {
    try {
      pxeRelease(streamOf('https://builds.example', { ...plain, ...files }), 'x86_64', 'stream.json');
      return 'accepted';
    } catch (error) {
      return (error as Error).message;
    }
  };

  it('refuses a name that is a stable link, a path, hidden, has control characters, or is taken twice', () => {
    expect(refusal({})).toBe('accepted');
    expect(refusal({ kernel: ['/b/kernel-x86_64', body] })).toContain(
      'ends in "kernel-x86_64", which cannot name a file in the images folder: it is the name of a stable link',
    );
    expect(refusal({ kernel: ['/b/initramfs.x86_64.img', body] })).toContain('it is the name of a stable link');
    expect(refusal({ kernel: ['/b/..%2F..%2Fetc%2Fpasswd', body] })).toContain('it contains a folder separator');
    expect(refusal({ kernel: ['/b/.latest.txt', body] })).toContain('it starts with a dot');
    expect(refusal({ kernel: ['/b/k%0A%1B%5B2K', body] })).toContain(
      'ends in "k\\n\\x1b[2K", which cannot name a file in the images folder: it contains control characters',
    );
    expect(refusal({ rootfs: ['/b/i-41.img', body] })).toContain('another artifact of the release has the same name');
  });

  it('never makes a stable link that points at itself: a location named kernel-x86_64 downloads nothing', async () => {
    const requests: string[] = [];
    let stream = '';
    const server = createServer((req, res) => {
      requests.push(req.url ?? '');
      if (req.url === '/stream.json') res.writeHead(200, { 'content-type': 'application/json' }).end(stream);
      else res.writeHead(200, { 'content-length': body.length }).end(body);
    });
    await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    stream = JSON.stringify(streamOf(base, { ...plain, kernel: ['/b/kernel-x86_64', body] }));
    const dest = mkdtempSync(join(tmpdir(), 'pxe-images-'));
    try {
      const error = await updateImages({
        dest,
        stream: 'stable',
        arch: 'x86_64',
        keep: 2,
        streamUrl: `${base}/stream.json`,
      }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ImageError);
      expect((error as Error).message).toContain('it is the name of a stable link, which would then point at itself');
      expect(requests).toEqual(['/stream.json']);
      expect(readdirSync(dest)).toEqual([]);
    } finally {
      server.close();
      rmSync(dest, { recursive: true, force: true });
    }
  });
});
