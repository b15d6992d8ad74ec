/**
 * Butane's choice of `data:` URL for embedded contents (base/util MakeDataURL): the shortest of URL-escaped
 * text, base64, and (when the config names no compression and auto-compression is on) gzipped base64, which
 * must be shorter by more than the `"gzip"` it adds. The gzip bytes written are zlib's (they differ from Go's;
 * the decoded contents are the same), but the choice is made on the length Go's would have (goGzipLength).
 */
import { gzipSync } from 'node:zlib';
import { goGzipLength } from './goDeflate';

/** The URL and the `compression` value to write: '' (none, set so a parent's cannot leak in), 'gzip', or
 * undefined when the config named a compression itself (the contents are already compressed; left as is). */
export interface DataUrlChoice {
  source: string;
  compression?: string;
}

const UNRESERVED = /[A-Za-z0-9\-_.!~*'()]/;

/** RFC 2396 escaping as Butane's dataurl library writes it: `%` and two upper-case hex digits. */
export function escapeDataUrl(bytes: Uint8Array): string {
  let out = '';
  for (const b of bytes) {
    const c = String.fromCharCode(b);
    out += b < 0x80 && UNRESERVED.test(c) ? c : `%${b.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}

const base64Length = (bytes: number): number => Math.ceil(bytes / 3) * 4;

/** The data URL Butane writes for `contents` (see the file comment). */
export function makeDataUrl(contents: Uint8Array, currentCompression?: string, autoCompress = true): DataUrlChoice {
  const named = currentCompression !== undefined && currentCompression !== '';
  let compression: string | undefined = named ? undefined : '';
  let opaque = `,${escapeDataUrl(contents)}`;
  const b64 = `;base64,${Buffer.from(contents).toString('base64')}`;
  if (b64.length < opaque.length) opaque = b64;
  // A gzip stream takes at least 20 bytes (28 in base64): below this length it can never win.
  if (!named && autoCompress && opaque.length > 40) {
    const length = `;base64,`.length + base64Length(goGzipLength(contents));
    if (length + 'gzip'.length < opaque.length) {
      opaque = `;base64,${gzipSync(contents, { level: 9 }).toString('base64')}`;
      compression = 'gzip';
    }
  }
  return { source: `data:${opaque}`, ...(compression !== undefined ? { compression } : {}) };
}
