/**
 * A real HTTP server on 127.0.0.1 for the image updater: the FCOS stream document from ../shared (locations
 * rewritten to this server), generated artifacts with Range support, and switches for the failures the
 * tests need (a corrupt file, a connection that drops half-way).
 */
import { createHash, randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Served {
  url: string;
  /** Every request: path and Range header. */
  requests: { path: string; range?: string }[];
  /** Publishes a release: generated artifacts of `size` bytes; returns their bytes by name. */
  release(
    release: string,
    options?: { size?: number; signatures?: (name: string, bytes: Buffer) => Promise<Buffer> },
  ): Promise<Map<string, Buffer>>;
  /** Serve other bytes than the stream's sha256 says, for names containing `part`. */
  corrupt(part: string | undefined): void;
  /** Drop the connection after `bytes` on the next request for names containing `part`. */
  dropOnce(part: string, bytes: number): void;
  /** Answer `Range` requests with the whole file (a server without range support). */
  ignoreRange(on: boolean): void;
  streamUrl: string;
  close(): Promise<void>;
}

type StreamDoc = {
  architectures: Record<
    string,
    {
      artifacts: {
        metal: {
          release: string;
          formats: { pxe: Record<string, { location: string; signature: string; sha256: string }> };
        };
      };
    }
  >;
};

/** The real stream file from ../shared (read when a server starts, so a suite without ../shared still loads). */
const readStreamDoc = (): StreamDoc =>
  JSON.parse(readFileSync('../shared/reference/fcos-stream/stream-stable.json', 'utf8')) as StreamDoc;

export async function serveArtifacts(): Promise<Served> {
  const STREAM = readStreamDoc();
  const files = new Map<string, Buffer>();
  let stream = '';
  let corrupt: string | undefined;
  const drops = new Map<string, number>();
  let noRange = false;
  const requests: Served['requests'] = [];
  const server: Server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    requests.push({ path, ...(req.headers.range ? { range: req.headers.range } : {}) });
    if (path === '/streams/stable.json') {
      res.writeHead(200, { 'content-type': 'application/json' }).end(stream);
      return;
    }
    let body = files.get(path);
    if (!body) {
      res.writeHead(404).end('not found');
      return;
    }
    if (corrupt && path.includes(corrupt) && !path.endsWith('.sig')) body = Buffer.from(body.map((b) => b ^ 0xff));
    let start = 0;
    const range = /^bytes=(\d+)-$/.exec(req.headers.range ?? '');
    if (range && !noRange) {
      start = Number(range[1]);
      if (start >= body.length) {
        res.writeHead(416, { 'content-range': `bytes */${body.length}` }).end();
        return;
      }
      res.writeHead(206, {
        'content-length': body.length - start,
        'content-range': `bytes ${start}-${body.length - 1}/${body.length}`,
        'accept-ranges': 'bytes',
      });
    } else {
      res.writeHead(200, { 'content-length': body.length, 'accept-ranges': 'bytes' });
    }
    const part = [...drops.keys()].find((p) => path.includes(p));
    if (part !== undefined) {
      const after = drops.get(part) as number;
      drops.delete(part);
      res.write(body.subarray(start, start + after), () => res.socket?.destroy());
      return;
    }
    res.end(body.subarray(start));
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    requests,
    streamUrl: `${url}/streams/stable.json`,
    async release(release, options = {}) {
      const doc = structuredClone(STREAM);
      const metal = doc.architectures.x86_64!.artifacts.metal;
      metal.release = release;
      const made = new Map<string, Buffer>();
      for (const [kind, entry] of Object.entries(metal.formats.pxe)) {
        const name = entry.location
          .split('/')
          .pop()!
          .replace(/33\.20201201\.3\.0/, release);
        const bytes = randomBytes(options.size ?? 64 * 1024 + kind.length);
        made.set(name, bytes);
        files.set(`/builds/${release}/${name}`, bytes);
        entry.location = `${url}/builds/${release}/${encodeURIComponent(name)}`;
        entry.signature = `${entry.location}.sig`;
        entry.sha256 = createHash('sha256').update(bytes).digest('hex');
        if (options.signatures) files.set(`/builds/${release}/${name}.sig`, await options.signatures(name, bytes));
      }
      stream = JSON.stringify(doc);
      return made;
    },
    corrupt: (part) => (corrupt = part),
    dropOnce: (part, bytes) => drops.set(part, bytes),
    ignoreRange: (on) => (noRange = on),
    close: () => new Promise<void>((done) => server.close(() => done())),
  };
}
