/** RFC 2397 `data:` URLs as Ignition reads them: `data:[<mediatype>][;base64],<data>`. */

export interface DataUrl {
  mediaType: string;
  base64: boolean;
  /** Offset of the data part inside the URL (after the comma). */
  dataStart: number;
  bytes: Buffer;
}

export class DataUrlError extends Error {
  override readonly name = 'DataUrlError';
}

/** Decodes a data: URL, or throws DataUrlError with what is wrong (bad percent escape, bad base64, no comma). */
export function decodeDataUrl(url: string): DataUrl {
  if (!/^data:/i.test(url)) throw new DataUrlError('not a data: URL');
  const comma = url.indexOf(',');
  if (comma < 0) throw new DataUrlError('a data: URL needs a comma before its data');
  const header = url.slice(5, comma);
  const base64 = /;base64$/i.test(header);
  const mediaType = (base64 ? header.slice(0, -7) : header) || 'text/plain;charset=US-ASCII';
  const raw = url.slice(comma + 1);
  const bad = /%(?![0-9a-fA-F]{2})/.exec(raw);
  if (bad) throw new DataUrlError(`invalid percent escape "${raw.slice(bad.index, bad.index + 3)}" at position ${comma + 1 + bad.index}`);
  const text = decodeURIComponentBytes(raw);
  if (!base64) return { mediaType, base64, dataStart: comma + 1, bytes: text };
  const b64 = text.toString('latin1').replace(/\s+/g, '');
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(b64) || b64.length % 4 !== 0) throw new DataUrlError('invalid base64 data');
  return { mediaType, base64, dataStart: comma + 1, bytes: Buffer.from(b64, 'base64') };
}

/** Percent-decoding to bytes (decodeURIComponent would reject non-UTF-8 sequences). */
function decodeURIComponentBytes(raw: string): Buffer {
  const out: number[] = [];
  const bytes = Buffer.from(raw, 'utf8');
  for (let i = 0; i < bytes.length; i++) {
    if (bytes[i] === 0x25) {
      out.push(Number.parseInt(String.fromCharCode(bytes[i + 1] as number, bytes[i + 2] as number), 16));
      i += 2;
    } else out.push(bytes[i] as number);
  }
  return Buffer.from(out);
}

/** Characters that stay literal in our percent encoding (RFC 3986 unreserved, plus a few safe ones). */
const LITERAL = /[A-Za-z0-9\-._~!$&'()*+,;=:@/?]/;

export function encodeDataUrl(bytes: Buffer, options: { base64: boolean; mediaType?: string }): string {
  const type = options.mediaType && options.mediaType !== 'text/plain;charset=US-ASCII' ? options.mediaType : '';
  if (options.base64) return `data:${type};base64,${bytes.toString('base64')}`;
  let data = '';
  for (const byte of bytes) {
    const ch = String.fromCharCode(byte);
    data += byte < 0x80 && LITERAL.test(ch) ? ch : `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return `data:${type},${data}`;
}

/** True when the bytes read as text (UTF-8 without control characters other than tab and newlines). */
export function isText(bytes: Buffer): boolean {
  const text = bytes.toString('utf8');
  if (text.includes('\uFFFD')) return false;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x20 && code !== 0x09 && code !== 0x0a && code !== 0x0d) return false;
  }
  return true;
}
