/**
 * The server's compile cache (server/src/start.ts, issue #24): the extension names a folder, the server keeps
 * V8's compiled code for its bundle there, and a later start runs from it. The folder's content is untrusted:
 * a cache that is not a regular file or that V8 did not make is passed over and the server serves as usual.
 */
import { createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { compileCacheArgs } from '../../lib/core';
import { built } from '../helpers/build';
import { LspClient } from '../helpers/lspClient';

const TMP = mkdtempSync(join(tmpdir(), 'pxe-protocol-cache-'));
afterAll(() => rmSync(TMP, { recursive: true, force: true }));

/** The cache's name for the built bundle on this runtime (the formula of server/src/start.ts). */
function cacheName(): string {
  const bundle = readFileSync(built('server.js').replace(/server\.js$/, 'server-main.js'));
  const key = createHash('sha256').update(bundle).update(`\0${process.versions.v8}\0${process.arch}`).digest('hex');
  return `server-${key.slice(0, 24)}.v8cache`;
}

/** Starts the server with `args`, checks that it serves (a diagnostic for an opened script), keeps it `ms`. */
async function serve(args: string[], ms: number): Promise<void> {
  const client = new LspClient(built('server.js'), args);
  try {
    await client.initialize(TMP);
    const uri = pathToFileURL(join(TMP, 'a.ipxe')).href;
    await client.open(uri, 'ipxe', 'dhcp\n');
    const diagnostics = await client.diagnosticsFor(uri);
    expect(diagnostics.map((d) => d.code)).toContain('ipxe.missingHeader');
    await sleep(ms);
  } finally {
    await client.dispose();
  }
}

describe('the compile cache', () => {
  it('is written once after a start, then used by the next start (not rewritten)', async () => {
    const dir = join(TMP, 'cache');
    mkdirSync(dir);
    await serve(compileCacheArgs(dir), 3_000);
    expect(readdirSync(dir)).toEqual([cacheName()]);
    const written = statSync(join(dir, cacheName()));
    expect(written.size).toBeGreaterThan(100_000);
    // V8 accepted it: the second server does not write a fresh one.
    await serve(compileCacheArgs(dir), 3_000);
    expect(statSync(join(dir, cacheName())).mtimeMs).toBe(written.mtimeMs);
  }, 30_000);

  it('replaces a cache V8 did not make (garbage) and drops caches of other bundles', async () => {
    const dir = join(TMP, 'garbage');
    mkdirSync(dir);
    writeFileSync(join(dir, cacheName()), Buffer.alloc(4096, 7));
    writeFileSync(join(dir, 'server-000000000000000000000000.v8cache'), 'an older build');
    writeFileSync(join(dir, 'notes.txt'), 'not ours');
    await serve(compileCacheArgs(dir), 3_000);
    expect(readdirSync(dir).sort()).toEqual([cacheName(), 'notes.txt'].sort());
    expect(statSync(join(dir, cacheName())).size).toBeGreaterThan(100_000);
  }, 30_000);

  it('passes over a cache that is not a regular file (a FIFO would block the start)', async () => {
    const dir = join(TMP, 'fifo');
    mkdirSync(dir);
    execFileSync('mkfifo', [join(dir, cacheName())]);
    await serve(compileCacheArgs(dir), 0);
  }, 30_000);

  it('serves without one when the folder cannot be written or is not absolute', async () => {
    const missing = join(TMP, 'no-such-folder');
    await serve(compileCacheArgs(missing), 3_000);
    expect(() => statSync(missing)).toThrow();
    const cwd = process.cwd();
    await serve(compileCacheArgs('relative-cache'), 3_000);
    expect(() => statSync(join(cwd, 'relative-cache'))).toThrow();
  }, 30_000);
});

describe('the server bundle', () => {
  it('is ASCII: V8 keeps a script source while it runs, and one other character stores all of it twice as big', () => {
    const bundle = readFileSync(built('server.js').replace(/server\.js$/, 'server-main.js'));
    const other = bundle.findIndex((byte) => byte > 0x7f);
    expect(other === -1 ? '' : bundle.subarray(Math.max(0, other - 60), other + 20).toString()).toBe('');
  });
});
