import { gunzipSync, gzipSync } from 'node:zlib';
import { findNodeAtLocation, parseTree, type Node } from 'jsonc-parser';
import { decodeDataUrl, encodeDataUrl } from './dataUrl';

/** A data: URL inside a config, opened for editing: its text (decompressed) and how to write it back. */
export interface Embedded {
  bytes: Buffer;
  base64: boolean;
  mediaType: string;
  gzip: boolean;
}

export class EmbeddedError extends Error {
  override readonly name = 'EmbeddedError';
}

function locate(text: string, jsonPath: (string | number)[]): { node: Node; gzip: boolean } {
  const root = parseTree(text);
  const node = root && findNodeAtLocation(root, jsonPath);
  if (!node || node.type !== 'string' || !String(node.value).startsWith('data:')) {
    throw new EmbeddedError(`No data: URL at ${jsonPath.join('.')} any more: the config changed. Open it again from the config.`);
  }
  // `compression` sits beside `source` in the same resource object.
  const compression = node.parent?.parent?.children?.find((p) => p.children?.[0]?.value === 'compression')?.children?.[1];
  return { node, gzip: compression?.type === 'string' && compression.value === 'gzip' };
}

export function readEmbedded(text: string, jsonPath: (string | number)[]): Embedded {
  const { node, gzip } = locate(text, jsonPath);
  const data = decodeDataUrl(String(node.value));
  let bytes = data.bytes;
  if (gzip) {
    try {
      bytes = gunzipSync(bytes);
    } catch (error) {
      throw new EmbeddedError(`The contents say gzip but do not decompress (${String(error)}).`, { cause: error });
    }
  }
  return { bytes, base64: data.base64, mediaType: data.mediaType, gzip };
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
