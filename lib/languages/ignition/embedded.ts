import { gzipSync } from 'node:zlib';
import { findNodeAtLocation, type Node } from 'jsonc-parser';
import { gunzipCapped, MAX_INFLATE_BYTES } from '../../core/untrusted';
import { parseTreeCapped } from '../../json/parse';
import {
  DataUrlError,
  DataUrlTooLargeError,
  decodeDataUrl,
  encodeDataUrl,
  MAX_DATA_URL_CHARS,
  type DataUrl,
} from './dataUrl';

/** A data: URL inside a config, opened for editing: its text (decompressed) and how to write it back. */
export interface Embedded {
  bytes: Buffer;
  base64: boolean;
  mediaType: string;
  gzip: boolean;
}

/** `moved`: the config no longer has the URL there; `unreadable`: too deep, broken, corrupt or over a cap. */
export class EmbeddedError extends Error {
  override readonly name = 'EmbeddedError';
  constructor(
    message: string,
    readonly reason: 'moved' | 'unreadable' = 'unreadable',
  ) {
    super(message);
  }
}

/**
 * What a `source` data: URL gives the machine: decoded, then inflated when its resource says gzip. Not ok
 * when the URL is broken, when it or its inflated contents are over our caps, or when the gzip is corrupt.
 */
export type Contents =
  | { ok: true; data: DataUrl; bytes: Buffer; gzip: boolean }
  | { ok: false; reason: 'broken' | 'tooLarge' | 'corrupt'; gzip: boolean; message: string };

export interface ContentLimits {
  maxUrlChars?: number;
  maxInflateBytes?: number;
}

/** True when the resource object holding `source` says `"compression": "gzip"`. */
export function gzipBeside(source: Node): boolean {
  const compression = source.parent?.parent?.children?.find((p) => p.children?.[0]?.value === 'compression')
    ?.children?.[1];
  return compression?.type === 'string' && compression.value === 'gzip';
}

/** The one way a data: URL's contents are read: a Buffer decode behind the URL cap, a capped gunzip. */
export function contentsOf(url: string, gzip: boolean, limits: ContentLimits = {}): Contents {
  let data: DataUrl;
  try {
    data = decodeDataUrl(url, limits.maxUrlChars ?? MAX_DATA_URL_CHARS);
  } catch (error) {
    if (error instanceof DataUrlTooLargeError) return { ok: false, reason: 'tooLarge', gzip, message: error.message };
    if (error instanceof DataUrlError) return { ok: false, reason: 'broken', gzip, message: error.message };
    throw error;
  }
  if (!gzip) return { ok: true, data, bytes: data.bytes, gzip };
  const inflated = gunzipCapped(data.bytes, limits.maxInflateBytes ?? MAX_INFLATE_BYTES);
  if (!inflated.ok) return { ok: false, reason: inflated.reason, gzip, message: inflated.message };
  return { ok: true, data, bytes: inflated.bytes, gzip };
}

function locate(text: string, jsonPath: (string | number)[]): { node: Node; gzip: boolean } {
  const tree = parseTreeCapped(text);
  if (!tree.ok) throw new EmbeddedError(`The config cannot be read: ${tree.message}`);
  const node = tree.root && findNodeAtLocation(tree.root, jsonPath);
  if (!node || node.type !== 'string' || !String(node.value).startsWith('data:')) {
    throw new EmbeddedError(
      `No data: URL at ${jsonPath.join('.')} any more: the config changed. Open it again from the config.`,
      'moved',
    );
  }
  return { node, gzip: gzipBeside(node) };
}

/** The data: URL at `jsonPath`, decoded (asked for explicitly, so any URL length; inflating stays capped). */
export function readEmbedded(text: string, jsonPath: (string | number)[], limits: ContentLimits = {}): Embedded {
  const { node, gzip } = locate(text, jsonPath);
  const contents = contentsOf(String(node.value), gzip, { maxUrlChars: Number.POSITIVE_INFINITY, ...limits });
  if (contents.ok)
    return { bytes: contents.bytes, base64: contents.data.base64, mediaType: contents.data.mediaType, gzip };
  if (contents.reason === 'corrupt')
    throw new EmbeddedError(`The contents say gzip but do not decompress: ${contents.message}`);
  if (contents.reason === 'tooLarge')
    throw new EmbeddedError(`The contents are too large to open: ${contents.message}`);
  throw new EmbeddedError(`Broken data: URL: ${contents.message}.`);
}

/**
 * The config text with the data: URL at `jsonPath` re-encoded from `bytes`, in the same form (percent or
 * base64, media type, gzip). Unchanged bytes give back the text exactly as it was.
 */
export function writeEmbedded(text: string, jsonPath: (string | number)[], bytes: Buffer): string {
  const current = readEmbedded(text, jsonPath);
  if (current.bytes.equals(bytes)) return text;
  const { node } = locate(text, jsonPath);
  const payload = current.gzip ? gzipSync(bytes) : bytes;
  const url = encodeDataUrl(payload, { base64: current.base64 || current.gzip, mediaType: current.mediaType });
  return text.slice(0, node.offset) + JSON.stringify(url) + text.slice(node.offset + node.length);
}
