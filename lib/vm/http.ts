/**
 * The NAS's web server as the VM sees it: the site's HTTP folder under its base URL path, as the nginx
 * `alias` serves it (files, `autoindex` listings for folders, 404 otherwise, GET and HEAD), on 127.0.0.1,
 * logging every request. QEMU reaches it through `guestfwd … -cmd:` (one forwarder process per
 * connection; the `-tcp:` form is a single connection made at start, so a second request would hang).
 */
import { constants, promises as fs, writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { join } from 'node:path';
import { pipeline } from 'node:stream';
import { decodeUrlPath, pathBelow } from '../core/ruleContext';
import type { SiteView } from '../core/ruleContext';
import { confine } from '../core/untrusted';
import { servedTranslation, type ServedTranslation } from './butane';

export interface HttpEvent {
  method: string;
  /** The URL as the VM asked for it (`http://192.168.255.2/tftp/boot.ipxe`). */
  url: string;
  status: number;
  bytes: number;
  ms: number;
  /** The workspace file served (as the URL names it; its real path is under the HTTP folder). */
  file?: string;
}

export interface SiteServer {
  port: number;
  close(): Promise<void>;
}

const escape = (s: string): string => s.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);

// O_NONBLOCK: a FIFO opens at once instead of waiting for a writer (it is then refused, not read);
// O_NOFOLLOW: the path opened is already resolved, so a link there was swapped in after the check.
const OPEN_FLAGS = constants.O_RDONLY | constants.O_NONBLOCK | (constants.O_NOFOLLOW ?? 0);

type Entry = { name: string; dir: boolean; size: number; mtime: Date };

function listing(urlPath: string, entries: Entry[]): string {
  const rows = entries
    .sort((a, b) => a.name.localeCompare(b.name))
    .map(
      (e) =>
        `<a href="${escape(encodeURIComponent(e.name))}${e.dir ? '/' : ''}">${escape(e.name)}${e.dir ? '/' : ''}</a>  ` +
        `${e.mtime.toISOString().slice(0, 16).replace('T', ' ')}  ${e.dir ? '-' : e.size}`,
    );
  return [
    '<html>',
    `<head><title>Index of ${escape(urlPath)}</title></head>`,
    '<body>',
    `<h1>Index of ${escape(urlPath)}</h1><hr><pre><a href="../">../</a>`,
    rows.join('\r\n'),
    '</pre><hr></body>',
    '</html>',
    '',
  ].join('\r\n');
}

/** A folder's files and folders whose real paths stay under the HTTP folder (what a request could get). */
async function servableEntries(root: string, dir: string): Promise<Entry[]> {
  const entries = await Promise.all(
    (await fs.readdir(dir)).map(async (name) => {
      const real = confine(root, join(dir, name));
      const stat = real ? await fs.stat(real).catch(() => undefined) : undefined;
      return stat && (stat.isFile() || stat.isDirectory())
        ? { name, dir: stat.isDirectory(), size: stat.size, mtime: stat.mtime }
        : undefined;
    }),
  );
  return entries.filter((e) => e !== undefined);
}

type Send = (status: number, text: string) => void;

/** A Butane source's translation as the `.ign` it becomes; a source that does not translate: 500 and why. */
function sendTranslation(
  translated: ServedTranslation,
  req: IncomingMessage,
  res: ServerResponse,
  fail: Send,
  sent: (bytes: number) => void,
): void {
  if ('error' in translated) return fail(500, `PXE Workbench: ${translated.error}`);
  const length = Buffer.byteLength(translated.text);
  res.writeHead(200, { 'content-type': 'application/json', 'content-length': length });
  res.end(req.method === 'HEAD' ? undefined : translated.text);
  sent(req.method === 'HEAD' ? 0 : length);
}
type Done = (status: number, file?: string, bytes?: number) => void;

/**
 * Answers one request from the HTTP folder. The path is checked before it is joined (`pathBelow`: no `..`,
 * NUL or backslash, encoded or not: 400), resolved for real and confined to the folder (a link out of it:
 * 403), and only regular files and folders are served (a FIFO or a device: 403).
 */
async function answer(
  http: { root: string; basePath: string; site: SiteView },
  req: IncomingMessage,
  res: ServerResponse,
  fail: Send,
  done: Done,
): Promise<void> {
  const raw = req.url ?? '/';
  const cut = raw.search(/[?#]/);
  const [path, query] = cut < 0 ? [raw, ''] : [raw.slice(0, cut), raw.slice(cut)];
  if (!path.startsWith(http.basePath)) return fail(404, 'not found');
  const lexical = pathBelow(http.root, path.slice(http.basePath.length));
  if (!lexical) return fail(400, 'bad request');
  const translated = servedTranslation(http.site, lexical);
  if (translated) return sendTranslation(translated, req, res, fail, (bytes) => done(200, lexical, bytes));
  const real = confine(http.root, lexical);
  if (!real) return fail(403, 'forbidden: outside the HTTP folder');
  let handle: fs.FileHandle;
  try {
    handle = await fs.open(real, OPEN_FLAGS);
  } catch (error) {
    return fail((error as NodeJS.ErrnoException).code === 'EACCES' ? 403 : 404, 'not found');
  }
  let streaming = false;
  try {
    const stat = await handle.stat();
    if (stat.isDirectory()) {
      if (!path.endsWith('/')) {
        res.writeHead(301, { location: `${path}/${query}` });
        res.end();
        return done(301);
      }
      const body = listing(decodeUrlPath(path), await servableEntries(http.root, real));
      const bytes = req.method === 'HEAD' ? 0 : Buffer.byteLength(body);
      res.writeHead(200, { 'content-type': 'text/html', 'content-length': Buffer.byteLength(body) });
      res.end(req.method === 'HEAD' ? undefined : body);
      return done(200, lexical, bytes);
    }
    if (!stat.isFile()) return fail(403, 'forbidden: not a regular file');
    res.writeHead(200, {
      'content-type': 'application/octet-stream',
      'content-length': stat.size,
      'last-modified': stat.mtime.toUTCString(),
    });
    if (req.method === 'HEAD') {
      res.end();
      return done(200, lexical);
    }
    streaming = true;
    let bytes = 0;
    const stream = handle.createReadStream();
    stream.on('data', (chunk: Buffer | string) => (bytes += chunk.length));
    // pipeline closes the file and the connection when either side ends early (a VM that hangs up).
    pipeline(stream, res, () => undefined);
    res.on('close', () => done(res.writableFinished ? 200 : 499, lexical, bytes));
  } finally {
    if (!streaming) await handle.close();
  }
}

export async function serveSite(site: SiteView, onRequest: (event: HttpEvent) => void): Promise<SiteServer> {
  // The base URL's host is the NAS's: any host the VM used maps onto the same folder, under the base path.
  let http: { root: string; basePath: string; site: SiteView } | undefined;
  try {
    if (site.http) http = { root: site.http.root, basePath: new URL(site.http.baseUrl).pathname, site };
  } catch {
    http = undefined; // not a URL: the site file's diagnostics say so, and nothing is served
  }
  const server: Server = createServer((req, res) => {
    const started = Date.now();
    const url = `http://${req.headers.host ?? 'vm'}${req.url ?? '/'}`;
    const done: Done = (status, file, bytes = 0) =>
      onRequest({
        method: req.method ?? 'GET',
        url,
        status,
        bytes,
        ms: Date.now() - started,
        ...(file ? { file } : {}),
      });
    const fail: Send = (status, text) => {
      res.writeHead(status, { 'content-type': 'text/plain' });
      res.end(req.method === 'HEAD' ? undefined : `${text}\n`);
      done(status);
    };
    if (req.method !== 'GET' && req.method !== 'HEAD') return fail(405, 'method not allowed');
    if (!http) return fail(404, 'not found');
    answer(http, req, res, fail, done).catch(() => {
      if (!res.headersSent) fail(500, 'internal error');
      else res.destroy();
    });
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
      'process.stdin.pipe(s); s.pipe(process.stdout);',
      "s.on('error', () => process.exit(0)); s.on('end', () => process.exit(0)); process.stdin.on('end', () => s.end());",
      '',
    ].join('\n'),
  );
  return file;
}
