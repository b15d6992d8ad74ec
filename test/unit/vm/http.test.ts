import { writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { servedPath } from '../../../lib/core/ruleContext';
import { serveSite, type HttpEvent, type SiteServer } from '../../../lib/vm/http';
import { fuzzHttpPaths, httpSite, rawRequest, SECRET, type RawResponse } from '../../helpers/httpPaths';

const fixture = httpSite();
const events: HttpEvent[] = [];
let server: SiteServer;

beforeAll(async () => {
  server = await serveSite(fixture.site, (event) => events.push(event));
});
afterAll(async () => {
  await server.close();
  fixture.remove();
});

async function get(target: string, method = 'GET'): Promise<RawResponse> {
  const response = await rawRequest(server.port, target, method);
  if (response === 'hang') throw new Error(`${method} ${target}: no answer within 3 s`);
  return response;
}

describe("the test VM's HTTP server", () => {
  it('serves files, folder listings and links that stay inside the HTTP folder', async () => {
    const file = await get('/tftp/boot.ipxe');
    expect(file.status).toBe(200);
    expect(file.body.toString()).toBe('#!ipxe\nboot\n');
    expect((await get('/tftp/sub/file.txt')).body.toString()).toBe('in sub\n');
    expect((await get('/tftp/%C3%BCn%C3%AF.txt')).body.toString()).toBe('unicode\n');
    expect((await get('/tftp/inside-link')).body.toString()).toBe('#!ipxe\nboot\n');
    expect((await get('/tftp/inside-dir/file.txt')).status).toBe(200);
    // Decoded once, as nginx does: `%252e%252e` is the file named `%2e%2e`, not a way up.
    expect((await get('/tftp/%252e%252e')).body.toString()).toBe('literal name\n');
    const listing = await get('/tftp/');
    expect(listing.status).toBe(200);
    expect(listing.body.toString()).toMatch(/boot\.ipxe[\s\S]*sub\//);
    // Links out of the folder and the FIFO are not offered.
    expect(listing.body.toString()).not.toMatch(/out-file|out-dir|root-link|fifo/);
    const moved = await get('/tftp/sub?x=1');
    expect(moved.status).toBe(301);
    expect(moved.head).toMatch(/location: \/tftp\/sub\/\?x=1/i);
    expect((await get('/tftp/nothing-here')).status).toBe(404);
    expect((await get('/etc/passwd')).status).toBe(404);
    expect(events.find((e) => e.url.endsWith('/tftp/boot.ipxe'))).toMatchObject({
      status: 200,
      file: expect.stringContaining('boot.ipxe') as string,
    });
  });

  it('refuses `..` in every spelling before it joins the path (400), so nothing outside is reached', async () => {
    for (const target of [
      '/tftp/../../outside/secret.txt',
      '/tftp/%2e%2e/%2e%2e/outside/secret.txt',
      '/tftp/%2E%2E/%2e%2E/outside/secret.txt',
      '/tftp/.%2e/.%2e/outside/secret.txt',
      '/tftp/..%2f..%2foutside%2fsecret.txt',
      '/tftp/sub/../../../outside/secret.txt',
      '/tftp/%2e%2e/%2e%2e/%2e%2e/%2e%2e/%2e%2e/%2e%2e/%2e%2e/%2e%2e/etc/passwd',
      '/tftp/../tftp/boot.ipxe',
    ]) {
      const response = await get(target);
      expect(response.status, target).toBe(400);
      expect(response.body.includes(SECRET), target).toBe(false);
    }
    // A backslash is a separator on Windows; a NUL ends the name in C.
    for (const target of ['/tftp/..%5c..%5coutside%5csecret.txt', '/tftp/boot.ipxe%00.txt', '/tftp/%00'])
      expect((await get(target)).status, target).toBe(400);
    const raw = await get('/tftp/..\\..\\outside\\secret.txt');
    expect(raw.status).not.toBe(200);
    // Double-encoded dots are names, decoded once: no such folder.
    expect((await get('/tftp/%252e%252e/%252e%252e/outside/secret.txt')).status).toBe(404);
    // The absolute form is not under the base path.
    expect((await get('http://192.168.255.2/tftp/../../outside/secret.txt')).status).toBe(404);
  });

  it('refuses links that leave the HTTP folder (403), files or folders, direct or through a folder link', async () => {
    for (const target of [
      '/tftp/out-file',
      '/tftp/out-dir/secret.txt',
      '/tftp/out-dir/',
      '/tftp/root-link/etc/passwd',
      '/tftp/sub/up-out/secret.txt',
    ]) {
      const response = await get(target);
      expect(response.status, target).toBe(403);
      expect(response.body.includes(SECRET), target).toBe(false);
    }
    // A link to nothing outside points outside all the same (something may appear there later).
    expect((await get('/tftp/dangling')).status).toBe(403);
  });

  it.skipIf(!fixture.fifo)('refuses a FIFO at once (403) instead of waiting on it', async () => {
    const started = Date.now();
    expect((await get('/tftp/fifo')).status).toBe(403);
    expect((await get('/tftp/fifo', 'HEAD')).status).toBe(403);
    expect(Date.now() - started).toBeLessThan(2000);
    expect((await get('/tftp/boot.ipxe')).status).toBe(200);
  });

  it('maps URLs for the linter without ever leaving the HTTP folder', () => {
    const http = fixture.site.http!;
    expect(servedPath(http, 'http://192.168.255.2/tftp/sub/file.txt?x#y')).toBe(`${fixture.root}/sub/file.txt`);
    for (const url of [
      'http://192.168.255.2/tftp/../secret',
      'http://192.168.255.2/tftp/%2e%2e/secret',
      'http://192.168.255.2/tftp/a%2f..%2f..%2fsecret',
      'http://192.168.255.2/tftp/a%00',
      'http://192.168.255.2/tftp/a\\..\\b',
    ])
      expect(servedPath(http, url), url).toBeUndefined();
  });

  it('holds for random paths: every answer comes, and no 200 serves a file outside the folder (2,000 paths)', async () => {
    const result = await fuzzHttpPaths({ runs: 2000 });
    expect(result).toMatchObject({ runs: 2000, hangs: 0, escapes: [] });
    expect(result.statuses['200']).toBeGreaterThan(0);
    expect(result.statuses['400']).toBeGreaterThan(0);
    expect(result.statuses['403']).toBeGreaterThan(0);
  }, 60_000);
});

describe("the test VM's HTTP server and Butane sources", () => {
  it('serves the translation of a named Butane source as its .ign, and 500 with the reason when it fails', async () => {
    const site = httpSite();
    const source = `${site.root}/config.bu`;
    const target = `${site.root}/config.ign`;
    writeFileSync(
      source,
      'variant: fcos\nversion: 1.5.0\nstorage:\n  files:\n    - path: /etc/hostname\n      contents:\n        inline: vm1\n',
    );
    writeFileSync(target, '{"stale": true}\n');
    const seen: HttpEvent[] = [];
    const served = await serveSite({ ...site.site, butane: { sources: [{ source, target }] } }, (e) => seen.push(e));
    try {
      const ok = await rawRequest(served.port, '/tftp/config.ign', 'GET');
      if (ok === 'hang') throw new Error('no answer');
      expect(ok.status).toBe(200);
      expect(JSON.parse(ok.body.toString())).toMatchObject({
        ignition: { version: '3.4.0' },
        storage: { files: [{ path: '/etc/hostname', contents: { source: 'data:,vm1' } }] },
      });
      writeFileSync(source, 'variant: fcos\nversion: 1.5.0\nstorage:\n  files:\n    - path: etc/hostname\n');
      const broken = await rawRequest(served.port, '/tftp/config.ign', 'GET');
      if (broken === 'hang') throw new Error('no answer');
      expect(broken.status).toBe(500);
      expect(broken.body.toString()).toMatch(/does not translate: error at \$\.storage\.files\.0\.path, line 5/);
      expect(seen.map((e) => e.status)).toEqual([200, 500]);
    } finally {
      await served.close();
      site.remove();
    }
  });
});
