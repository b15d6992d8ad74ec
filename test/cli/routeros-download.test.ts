import { createServer, type Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { downloadTree, DownloadError, treeUrl } from '../../lib/router/treeDownload';

describe('downloading a command tree (from a local HTTP server)', () => {
  let server: Server;
  let base = '';
  beforeAll(async () => {
    server = createServer((req, res) => {
      if (req.url === '/docs/7.24/inspect.json')
        return void res.end('{"ip":{"_type":"path"},"system":{"_type":"path"}}');
      if (req.url === '/moved') return void res.writeHead(302, { location: '/docs/7.24/inspect.json' }).end();
      if (req.url === '/slow') return; // never answers
      res.writeHead(404).end();
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
    const address = server.address();
    base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  });
  afterAll(() => new Promise<void>((r) => server.close(() => r())));

  it('fills in the version, follows redirects and returns the body', async () => {
    expect(treeUrl(`${base}/docs/{version}/inspect.json`, '7.24')).toBe(`${base}/docs/7.24/inspect.json`);
    expect(JSON.parse((await downloadTree(`${base}/docs/7.24/inspect.json`)).toString())).toHaveProperty('ip');
    expect(JSON.parse((await downloadTree(`${base}/moved`)).toString())).toHaveProperty('system');
  });

  it('explains a missing version, a timeout and a cancel', async () => {
    await expect(downloadTree(`${base}/docs/6.49/inspect.json`)).rejects.toThrow(/HTTP 404/);
    await expect(downloadTree(`${base}/slow`, { timeoutMs: 200 })).rejects.toThrow(DownloadError);
    const controller = new AbortController();
    const pending = downloadTree(`${base}/slow`, { signal: controller.signal });
    controller.abort();
    await expect(pending).rejects.toThrow(/Stopped/);
  });
});
