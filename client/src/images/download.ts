/** One artifact into `<dest>.tmp`: resumed with HTTP Range, hashed while it streams, verified. */
import { createHash, type Hash } from 'node:crypto';
import { createReadStream, promises as fs } from 'node:fs';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import { ImageError } from './stream';

export interface DownloadEvents {
  /** The total size, once known (already-present bytes included). */
  size?(total: number): void;
  /** Bytes that arrived (or were found already downloaded). */
  bytes?(count: number): void;
}

async function hashFile(path: string, hash: Hash): Promise<number> {
  let size = 0;
  await pipeline(createReadStream(path), async function* (source: AsyncIterable<Buffer>) {
    for await (const chunk of source) {
      hash.update(chunk);
      size += chunk.length;
    }
  });
  return size;
}

async function sizeOf(path: string): Promise<number> {
  try {
    return (await fs.stat(path)).size;
  } catch {
    return 0;
  }
}

/**
 * Downloads `url` into `tmp`, continuing a partial file with `Range`, and checks its sha256 as it streams (the
 * partial part is hashed once from disk). Throws ImageError naming the file on a bad checksum (and deletes the
 * bad file so the next run starts over) or an HTTP error; an abort leaves the partial file for a later resume.
 */
export async function downloadVerified(url: string, tmp: string, sha256: string, options: { signal?: AbortSignal; events?: DownloadEvents; label: string }): Promise<void> {
  const { signal, events, label } = options;
  for (let attempt = 0; attempt < 2; attempt++) {
    const hash = createHash('sha256');
    let offset = await sizeOf(tmp);
    if (offset) await hashFile(tmp, hash);
    let response: Response;
    try {
      response = await fetch(url, { ...(signal ? { signal } : {}), headers: offset ? { Range: `bytes=${offset}-` } : {} });
    } catch (error) {
      if (signal?.aborted) throw error;
      throw new ImageError(`${label}: cannot reach ${url} (${(error as Error & { cause?: Error }).cause?.message ?? String(error)}). Check the network or --stream-url, then run the update again: finished bytes are kept.`, label);
    }
    if (response.status === 416 && offset) {
      // Nothing left to fetch: the partial file is already whole (or longer than the artifact).
      await response.body?.cancel();
      events?.size?.(offset);
      events?.bytes?.(offset);
      if (hash.digest('hex') === sha256) return;
      await fs.rm(tmp, { force: true });
      continue;
    }
    if (response.status === 200 && offset) {
      offset = 0; // the server ignores Range: start over
    } else if (response.status === 206) {
      const start = Number(/bytes (\d+)-/.exec(response.headers.get('content-range') ?? '')?.[1]);
      if (start !== offset) {
        await response.body?.cancel();
        throw new ImageError(`${label}: the server resumed at byte ${start}, not ${offset}. Delete ${tmp} and run the update again.`, label);
      }
    } else if (response.status !== 200) {
      await response.body?.cancel();
      throw new ImageError(`${label}: ${url} answered HTTP ${response.status}. Check the stream URL; the previous version stays in place.`, label);
    }
    const fresh = offset === 0 ? createHash('sha256') : hash;
    const length = Number(response.headers.get('content-length') ?? NaN);
    if (Number.isFinite(length)) events?.size?.(offset + length);
    if (offset) events?.bytes?.(offset);
    if (!response.body) throw new ImageError(`${label}: ${url} sent no body.`, label);
    // Each chunk is on disk before the next is read: whatever arrived before a drop is kept for the resume.
    const file = await fs.open(tmp, offset ? 'a' : 'w');
    try {
      for await (const chunk of Readable.fromWeb(response.body as WebReadableStream<Uint8Array>, signal ? { signal } : {}) as AsyncIterable<Buffer>) {
        fresh.update(chunk);
        await file.write(chunk);
        events?.bytes?.(chunk.length);
      }
    } catch (error) {
      if (signal?.aborted) throw error;
      throw new ImageError(`${label}: the download from ${url} broke off (${(error as Error).message}). Run the update again: it resumes where it stopped.`, label);
    } finally {
      await file.close();
    }
    if (fresh.digest('hex') === sha256) return;
    await fs.rm(tmp, { force: true });
    throw new ImageError(`${label}: checksum mismatch (the stream says sha256 ${sha256}). The download was discarded and the previous version is still in place; run the update again, and if it repeats, the mirror is serving a bad file.`, label);
  }
  throw new ImageError(`${label}: the downloaded file does not match its sha256 even after starting over.`, label);
}
