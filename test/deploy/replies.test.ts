import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Secrets } from '../../lib/deploy';
import { connect } from '../../lib/deploy/connect';
import { bodyCapped } from '../../lib/core/net';
import { deploySite } from '../helpers/deploySite';
import { startSshd, type Sshd } from '../helpers/sshd';

const noSecrets: Secrets = { get: async () => undefined };

describe('remote replies are read with a cap (a real sshd on 127.0.0.1)', () => {
  let sshd: Sshd;
  beforeAll(async () => {
    sshd = await startSshd();
  });
  afterAll(() => sshd?.stop());

  it('reads a small remote file, refuses a large one and a folder before reading them', async () => {
    const site = deploySite(sshd);
    const dir = mkdtempSync(join(tmpdir(), 'pxe-replies-'));
    writeFileSync(join(dir, 'small.conf'), 'location /tftp/ {}\n');
    writeFileSync(join(dir, 'huge.conf'), Buffer.alloc(2 * 1024 * 1024, 0x61));
    mkdirSync(join(dir, 'folder'));
    const remote = await connect(site.target(), { secrets: noSecrets });
    try {
      expect((await remote.readFile(join(dir, 'small.conf')))?.toString()).toBe('location /tftp/ {}\n');
      expect(await remote.readFile(join(dir, 'missing.conf'))).toBeUndefined();
      await expect(remote.readFile(join(dir, 'huge.conf'), 1024 * 1024)).rejects.toThrow(/larger than 1 MiB: not read/);
      await expect(remote.readFile(join(dir, 'folder'))).rejects.toThrow(/not a regular file/);
    } finally {
      remote.close();
    }
  });
});

describe('HTTP replies are read with a cap', () => {
  let server: Server;
  let base: string;
  beforeAll(async () => {
    server = createServer((req, res) => {
      if (req.url === '/declared') {
        res.writeHead(200, { 'content-length': String(10 * 1024 * 1024) });
        res.end(Buffer.alloc(10 * 1024 * 1024));
      } else if (req.url === '/chunked') {
        // No length: the cap must hold while the body arrives.
        res.writeHead(200);
        for (let i = 0; i < 40; i++) res.write(Buffer.alloc(64 * 1024));
        res.end();
      } else res.end('{"ok":true}');
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const address = server.address();
    base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  });
  afterAll(() => new Promise<void>((r) => server.close(() => r())));

  it('takes a small body, refuses a declared and an undeclared oversized one', async () => {
    expect((await bodyCapped(await fetch(`${base}/small`), 1024)).toString()).toBe('{"ok":true}');
    await expect(bodyCapped(await fetch(`${base}/declared`), 1024 * 1024)).rejects.toThrow(
      /more than the 1048576 expected/,
    );
    await expect(bodyCapped(await fetch(`${base}/chunked`), 1024 * 1024)).rejects.toThrow(/grew past the 1048576/);
  });
});
