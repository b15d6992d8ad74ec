/**
 * The test VM's HTTP server against hostile paths: a site whose HTTP folder holds files, a folder, links
 * that stay inside and links that leave it, and a FIFO; a secret file beside it that must never be served.
 * Requests are written raw over node:net, so `..` and odd bytes reach the server as written. The property
 * (`fuzzHttpPaths`) is run as a sample by the unit tests and at length by `npm run fuzz`.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join, relative, sep } from 'node:path';
import { performance } from 'node:perf_hooks';
import fc from 'fast-check';
import type { SiteView } from '../../lib/core/ruleContext';
import { serveSite, type HttpEvent, type SiteServer } from '../../lib/vm/http';

/** What the secret file outside the HTTP folder holds: a response containing it is an escape. */
export const SECRET = 'PXE-WORKBENCH-SECRET-OUTSIDE-THE-HTTP-FOLDER';

export interface HttpSite {
  site: SiteView;
  /** The HTTP folder (`http.root`) and its real path. */
  root: string;
  realRoot: string;
  /** A folder beside the site with the secret file. */
  outside: string;
  remove(): void;
}

/** A site in a fresh temporary folder; `fifo` is false where mkfifo is missing. */
export function httpSite(): HttpSite & { fifo: boolean } {
  const base = mkdtempSync(join(tmpdir(), 'pxe-http-'));
  const root = join(base, 'site', 'tftp');
  const outside = join(base, 'outside');
  mkdirSync(join(root, 'sub'), { recursive: true });
  mkdirSync(outside);
  writeFileSync(join(outside, 'secret.txt'), SECRET);
  writeFileSync(join(root, 'boot.ipxe'), '#!ipxe\nboot\n');
  writeFileSync(join(root, 'sub', 'file.txt'), 'in sub\n');
  writeFileSync(join(root, 'ünï.txt'), 'unicode\n');
  // A file literally named `%2e%2e`: what a double-encoded `%252e%252e` names after one decoding.
  writeFileSync(join(root, '%2e%2e'), 'literal name\n');
  symlinkSync('boot.ipxe', join(root, 'inside-link'));
  symlinkSync('sub', join(root, 'inside-dir'));
  symlinkSync(join('..', '..', 'outside', 'secret.txt'), join(root, 'out-file'));
  symlinkSync(join('..', '..', 'outside'), join(root, 'out-dir'));
  symlinkSync('/', join(root, 'root-link'));
  symlinkSync(join('..', '..', 'outside', 'missing'), join(root, 'dangling'));
  symlinkSync(join('..', 'out-dir'), join(root, 'sub', 'up-out'));
  const fifo = spawnSync('mkfifo', [join(root, 'fifo')]).status === 0;
  const site: SiteView = {
    root: join(base, 'site'),
    file: join(base, 'site', 'pxe-site.json'),
    http: { baseUrl: 'http://192.168.255.2/tftp/', root },
  };
  return {
    site,
    root,
    realRoot: realpathSync(root),
    outside,
    fifo,
    remove: () => rmSync(base, { recursive: true, force: true }),
  };
}

export interface RawResponse {
  status: number;
  head: string;
  body: Buffer;
}

/** One request written as is (`target` unchanged), `Connection: close`; 'hang' when no full answer comes in time. */
export function rawRequest(
  port: number,
  target: string | Buffer,
  method = 'GET',
  timeoutMs = 3000,
): Promise<RawResponse | 'hang'> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    const chunks: Buffer[] = [];
    const timer = setTimeout(() => {
      socket.destroy();
      resolve('hang');
    }, timeoutMs);
    socket.on('data', (d: Buffer) => chunks.push(d));
    socket.on('error', () => undefined);
    socket.on('close', () => {
      clearTimeout(timer);
      const all = Buffer.concat(chunks);
      const split = all.indexOf('\r\n\r\n');
      const head = all.subarray(0, split < 0 ? all.length : split).toString('latin1');
      resolve({
        status: Number(/^HTTP\/1\.[01] (\d{3})/.exec(head)?.[1] ?? 0),
        head,
        body: split < 0 ? Buffer.alloc(0) : all.subarray(split + 4),
      });
    });
    // Written, not ended: a half-closed connection makes Node's server drop answers still being prepared.
    socket.write(
      Buffer.concat([
        Buffer.from(`${method} `),
        Buffer.from(target),
        Buffer.from(' HTTP/1.1\r\nHost: 192.168.255.2\r\nConnection: close\r\n\r\n'),
      ]),
    );
  });
}

/** Path pieces that have broken web servers: dot segments plain and encoded, separators, NUL, links, unicode. */
const SEGMENTS = [
  '..',
  '%2e%2e',
  '%2E%2e',
  '.%2e',
  '%2e.',
  '%2e',
  '.',
  '',
  'a',
  'sub',
  'boot.ipxe',
  'file.txt',
  'out-file',
  'out-dir',
  'root-link',
  'inside-link',
  'inside-dir',
  'up-out',
  'dangling',
  'fifo',
  'secret.txt',
  'outside',
  'etc',
  'passwd',
  '%2f',
  '..%2f..',
  '%2e%2e%2f',
  '%5c',
  '..\\..',
  '\\',
  '%00',
  'boot.ipxe%00',
  '%252e%252e',
  '%25',
  '%zz',
  'ünï.txt',
  '%C3%BC',
  '~',
  ';',
  '//',
  '?x=1',
  '#frag',
  '%3f',
];
const PREFIXES = ['/tftp/', '/tftp/', '/tftp/', '/tftp', '/', '', '/tftp//', 'http://192.168.255.2/tftp/'];

export function httpPathArbitrary(): fc.Arbitrary<{ method: string; target: string }> {
  const segment = fc.oneof(
    { arbitrary: fc.constantFrom(...SEGMENTS), weight: 8 },
    { arbitrary: fc.string({ maxLength: 4 }), weight: 1 },
    { arbitrary: fc.string({ unit: 'grapheme', maxLength: 2 }), weight: 1 },
  );
  const path = fc
    .tuple(fc.constantFrom(...PREFIXES), fc.array(segment, { maxLength: 8 }), fc.constantFrom('', '', '/'))
    .map(([prefix, parts, end]) => `${prefix}${parts.join('/')}${end}`);
  return fc.record({ method: fc.constantFrom('GET', 'GET', 'GET', 'HEAD'), target: path });
}

export interface HttpFuzzResult {
  runs: number;
  /** Responses by status (0: the connection closed without an answer). */
  statuses: Record<string, number>;
  hangs: number;
  /** 200 answers whose file is not under the real HTTP folder, or bodies with the secret. */
  escapes: string[];
  maxMs: number;
  seconds: number;
}

/** Whether the real path of a served file is under the HTTP folder's real path. */
function servedInside(realRoot: string, file: string): boolean {
  let real: string;
  try {
    real = realpathSync(file);
  } catch {
    return false;
  }
  const rel = relative(realRoot, real);
  return rel === '' || (!rel.startsWith(`..${sep}`) && rel !== '..' && !rel.startsWith(sep));
}

/**
 * Random paths against the server: every answer comes within 3 s, no 200 serves a file whose real path
 * leaves the HTTP folder, and no body holds the secret. Throws (fast-check's counterexample) on a finding.
 */
export async function fuzzHttpPaths(options: {
  runs: number;
  seed?: number;
  progress?: (runs: number) => void;
}): Promise<HttpFuzzResult> {
  const fixture = httpSite();
  const result: HttpFuzzResult = { runs: 0, statuses: {}, hangs: 0, escapes: [], maxMs: 0, seconds: 0 };
  const check = (event: HttpEvent): void => {
    if (event.status === 200 && (!event.file || !servedInside(fixture.realRoot, event.file)))
      result.escapes.push(`${event.url} served ${event.file ?? '(no file)'}`);
  };
  let server: SiteServer | undefined;
  const started = performance.now();
  try {
    server = await serveSite(fixture.site, check);
    const port = server.port;
    await fc.assert(
      fc.asyncProperty(httpPathArbitrary(), async ({ method, target }) => {
        result.runs++;
        if (result.runs % 10_000 === 0) options.progress?.(result.runs);
        const t0 = performance.now();
        const response = await rawRequest(port, target, method);
        result.maxMs = Math.max(result.maxMs, performance.now() - t0);
        if (response === 'hang') {
          result.hangs++;
          throw new Error(`${method} ${target}: no answer within 3 s`);
        }
        result.statuses[response.status] = (result.statuses[response.status] ?? 0) + 1;
        if (response.body.includes(SECRET)) result.escapes.push(`${method} ${target}: the body holds the secret`);
        if (result.escapes.length) throw new Error(result.escapes.join('\n'));
      }),
      { numRuns: options.runs, ...(options.seed !== undefined ? { seed: options.seed } : {}), endOnFailure: true },
    );
    // A streamed answer is logged when its connection closes, which may be after the last check above.
    await new Promise((settled) => setTimeout(settled, 50));
    if (result.escapes.length) throw new Error(result.escapes.join('\n'));
  } finally {
    await server?.close();
    fixture.remove();
    result.seconds = (performance.now() - started) / 1000;
  }
  return result;
}
