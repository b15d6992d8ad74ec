/** One artifact into `<dest>.tmp`: resumed with HTTP Range, hashed while it streams, verified. */
import { fenced } from '../core/net';
import { createHash, type Hash } from 'node:crypto';
import { createWriteStream, promises as fs } from 'node:fs';
import http, { type IncomingMessage } from 'node:http';
import https from 'node:https';
import { hashInto } from '../deploy/local';
import { ImageError } from './stream';

export interface DownloadEvents {
  /** The total size, once known (already-present bytes included). */
  size?(total: number): void;
  /** Bytes that arrived (or were found already downloaded). */
  bytes?(count: number): void;
}

async function sizeOf(path: string): Promise<number> {
  try {
    return (await fs.stat(path)).size;
  } catch {
    return 0;
  }
}

/** A GET that follows redirects (up to 5), over http or https. */
function get(
  url: string,
  headers: Record<string, string>,
  signal: AbortSignal | undefined,
  redirects = 5,
): Promise<IncomingMessage> {
  const refused = fenced(new URL(url).hostname);
  if (refused) return Promise.reject(new Error(refused));
  return new Promise((done, fail) => {
    const request = (url.startsWith('https:') ? https : http).get(
      url,
      { headers, ...(signal ? { signal } : {}) },
      (response) => {
        const location = response.headers.location;
        if (location && [301, 302, 303, 307, 308].includes(response.statusCode ?? 0) && redirects > 0) {
          response.resume();
          get(new URL(location, url).href, headers, signal, redirects - 1).then(done, fail);
          return;
        }
        done(response);
      },
    );
    request.on('error', fail);
  });
}

/** A download is refused past this: the largest artifact (the rootfs) is about 1 GiB. */
export const MAX_ARTIFACT_BYTES = 4 * 1024 ** 3;

/**
 * Streams the body into the file and the hash at once, with backpressure. Whatever arrived before a drop or
 * a cancel is flushed to disk first (so the next run resumes from it), then the failure is thrown.
 */
function receive(
  response: IncomingMessage,
  tmp: string,
  append: boolean,
  hash: Hash,
  onBytes: (n: number) => void,
): Promise<void> {
  return new Promise((done, fail) => {
    const file = createWriteStream(tmp, { flags: append ? 'a' : 'w', highWaterMark: 1 << 20 });
    let failure: Error | undefined;
    const finish = (error?: Error): void => {
      failure ??= error;
      file.end();
    };
    file.on('finish', () => (failure ? fail(failure) : done()));
    file.on('error', (error) => {
      response.destroy();
      fail(error);
    });
    file.on('drain', () => response.resume());
    let received = 0;
    response.on('data', (chunk: Buffer) => {
      received += chunk.length;
      if (received > MAX_ARTIFACT_BYTES) {
        response.destroy();
        finish(
          new Error(`more than ${MAX_ARTIFACT_BYTES / 1024 ** 3} GiB arrived; no Fedora CoreOS artifact is that large`),
        );
        return;
      }
      hash.update(chunk);
      onBytes(chunk.length);
      if (!file.write(chunk)) response.pause();
    });
    response.on('end', () => finish(response.complete ? undefined : new Error('the connection closed early')));
    response.on('aborted', () => finish(new Error('the connection was reset')));
    response.on('error', (error) => finish(error));
  });
}

/**
 * Downloads `url` into `tmp`, continuing a partial file with `Range`, and checks its sha256 as it streams (the
 * partial part is hashed once from disk). Throws ImageError naming the file on a bad checksum (and deletes the
 * bad file so the next run starts over) or an HTTP error; an abort leaves the partial file for a later resume.
 */
export async function downloadVerified(
  url: string,
  tmp: string,
  sha256: string,
  options: { signal?: AbortSignal; events?: DownloadEvents; label: string },
): Promise<void> {
  const { events, label } = options;
  for (let attempt = 0; attempt < 2; attempt++) {
    const hash = createHash('sha256');
    const partial = await sizeOf(tmp);
    if (partial) await hashInto(tmp, hash);
    const response = await requestFrom(url, partial, options);
    if (response.statusCode === 416 && partial) {
      // Nothing left to fetch: the partial file is already whole (or longer than the artifact).
      response.resume();
      events?.size?.(partial);
      events?.bytes?.(partial);
      if (hash.digest('hex') === sha256) return;
      await fs.rm(tmp, { force: true });
      continue;
    }
    const offset = resumedAt(response, partial, tmp, url, label);
    const fresh = offset === 0 ? createHash('sha256') : hash;
    const length = Number(response.headers['content-length'] ?? NaN);
    if (Number.isFinite(length)) events?.size?.(offset + length);
    if (offset) events?.bytes?.(offset);
    await receiveFrom(response, tmp, offset, fresh, url, options);
    if (fresh.digest('hex') === sha256) return;
    await fs.rm(tmp, { force: true });
    throw new ImageError(
      `${label}: checksum mismatch (the stream says sha256 ${sha256}). The download was discarded and the previous ` +
        'version is still in place; run the update again, and if it repeats, the mirror is serving a bad file.',
      label,
    );
  }
  throw new ImageError(`${label}: the downloaded file does not match its sha256 even after starting over.`, label);
}

/** GET `url`, from byte `offset` on when a partial file is there. */
async function requestFrom(
  url: string,
  offset: number,
  options: { signal?: AbortSignal; label: string },
): Promise<IncomingMessage> {
  try {
    return await get(url, offset ? { Range: `bytes=${offset}-` } : {}, options.signal);
  } catch (error) {
    if (options.signal?.aborted) throw error;
    throw new ImageError(
      `${options.label}: cannot reach ${url} (${(error as Error).message}). ` +
        'Check the network or --stream-url, then run the update again: finished bytes are kept.',
      options.label,
    );
  }
}

/** Where the body starts: `offset` when the server resumed there, 0 when it sends the whole file. */
function resumedAt(response: IncomingMessage, offset: number, tmp: string, url: string, label: string): number {
  const status = response.statusCode ?? 0;
  if (status === 200) return 0; // a server that ignores Range starts over
  if (status === 206) {
    const start = Number(/bytes (\d+)-/.exec(response.headers['content-range'] ?? '')?.[1]);
    if (start === offset) return offset;
    response.resume();
    throw new ImageError(
      `${label}: the server resumed at byte ${start}, not ${offset}. Delete ${tmp} and run the update again.`,
      label,
    );
  }
  response.resume();
  throw new ImageError(
    `${label}: ${url} answered HTTP ${status}. Check the stream URL; the previous version stays in place.`,
    label,
  );
}

async function receiveFrom(
  response: IncomingMessage,
  tmp: string,
  offset: number,
  hash: Hash,
  url: string,
  options: { signal?: AbortSignal; events?: DownloadEvents; label: string },
): Promise<void> {
  try {
    await receive(response, tmp, offset > 0, hash, (n) => options.events?.bytes?.(n));
  } catch (error) {
    if (options.signal?.aborted) throw error;
    throw new ImageError(
      `${options.label}: the download from ${url} broke off (${(error as Error).message}). ` +
        'Run the update again: it resumes where it stopped.',
      options.label,
    );
  }
}
