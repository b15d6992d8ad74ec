/**
 * The NAS's web server as the VM sees it: the site's HTTP folder under its base URL path, as the nginx
 * `alias` serves it (files, `autoindex` listings for folders, 404 otherwise, GET and HEAD), on 127.0.0.1,
 * logging every request. QEMU reaches it through `guestfwd … -cmd:` (one forwarder process per
 * connection; the `-tcp:` form is a single connection made at start, so a second request would hang).
 */
import { createReadStream, promises as fs, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { join } from 'node:path';
import { servedPath } from '../../../server/src/core/context';
import type { SiteView } from '../../../server/src/core/context';

export interface HttpEvent {
  method: string;
  /** The URL as the VM asked for it (`http://192.168.255.2/tftp/boot.ipxe`). */
  url: string;
  status: number;
  bytes: number;
  ms: number;
  /** The workspace file served. */
  file?: string;
}

export interface SiteServer {
  port: number;
  close(): Promise<void>;
}

const escape = (s: string): string => s.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);

function listing(urlPath: string, entries: { name: string; dir: boolean; size: number; mtime: Date }[]): string {
  const rows = entries
    .sort((a, b) => a.name.localeCompare(b.name))
    .map((e) => `<a href="${escape(encodeURIComponent(e.name))}${e.dir ? '/' : ''}">${escape(e.name)}${e.dir ? '/' : ''}</a>  ${e.mtime.toISOString().slice(0, 16).replace('T', ' ')}  ${e.dir ? '-' : e.size}`);
  return `<html>\r\n<head><title>Index of ${escape(urlPath)}</title></head>\r\n<body>\r\n<h1>Index of ${escape(urlPath)}</h1><hr><pre><a href="../">../</a>\r\n${rows.join('\r\n')}\r\n</pre><hr></body>\r\n</html>\r\n`;
}

export function serveSite(site: SiteView, onRequest: (event: HttpEvent) => void): Promise<SiteServer> {
  const server: Server = createServer((req, res) => {
    const started = Date.now();
    const host = req.headers.host ?? 'vm';
    const url = `http://${host}${req.url ?? '/'}`;
    let bytes = 0;
    const done = (status: number, file?: string): void => onRequest({ method: req.method ?? 'GET', url, status, bytes, ms: Date.now() - started, ...(file ? { file } : {}) });
    const fail = (status: number, text: string): void => {
      res.writeHead(status, { 'content-type': 'text/plain' });
      res.end(req.method === 'HEAD' ? undefined : `${text}\n`);
      done(status);
    };
    if (req.method !== 'GET' && req.method !== 'HEAD') return fail(405, 'method not allowed');
    // The base URL's host is the NAS's: any host the VM used maps onto the same folder.
    const base = site.http ? new URL(site.http.baseUrl) : undefined;
    const path = base ? servedPath(site.http, `${base.origin}${(req.url ?? '/').split(/[?#]/)[0]}`) : undefined;
    if (!path || path.split(/[\\/]/).includes('..')) return fail(404, 'not found');
    void fs.stat(path).then(
      async (stat) => {
        if (stat.isDirectory()) {
          if (!(req.url ?? '').split('?')[0]!.endsWith('/')) {
            res.writeHead(301, { location: `${req.url}/` });
            res.end();
            return done(301);
          }
          const names = await fs.readdir(path);
          const entries = await Promise.all(names.map(async (name) => fs.stat(join(path, name)).then((s) => ({ name, dir: s.isDirectory(), size: s.size, mtime: s.mtime }), () => undefined)));
          const body = listing(decodeURIComponent((req.url ?? '/').split('?')[0]!), entries.filter((e) => e !== undefined));
          res.writeHead(200, { 'content-type': 'text/html', 'content-length': Buffer.byteLength(body) });
          bytes = req.method === 'HEAD' ? 0 : Buffer.byteLength(body);
          res.end(req.method === 'HEAD' ? undefined : body);
          return done(200, path);
        }
        res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': stat.size, 'last-modified': stat.mtime.toUTCString() });
        if (req.method === 'HEAD') {
          res.end();
          return done(200, path);
        }
        const stream = createReadStream(path);
        stream.on('data', (chunk) => (bytes += chunk.length));
        stream.on('error', () => res.destroy());
        res.on('close', () => done(res.writableFinished ? 200 : 499, path));
        stream.pipe(res);
      },
      () => fail(404, 'not found'),
    );
  });
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      resolve({
        port: typeof address === 'object' && address ? address.port : 0,
        close: () =>
          new Promise<void>((closed) => {
            server.closeAllConnections();
            server.close(() => closed());
          }),
      });
    });
  });
}

/** A forwarder QEMU runs per guest connection: its stdin/stdout is the connection, piped to 127.0.0.1:PORT. */
export function writeForwarder(dir: string): string {
  const file = join(dir, 'forward.js');
  writeFileSync(
    file,
    [
      "const s = require('net').connect(Number(process.argv[2]), '127.0.0.1');",
      "process.stdin.pipe(s); s.pipe(process.stdout);",
      "s.on('error', () => process.exit(0)); s.on('end', () => process.exit(0)); process.stdin.on('end', () => s.end());",
      '',
    ].join('\n'),
  );
  return file;
}
