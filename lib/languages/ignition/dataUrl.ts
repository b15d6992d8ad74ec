/** RFC 2397 `data:` URLs as Ignition reads them: `data:[<mediatype>][;base64],<data>`. */
import { mib } from '../../core/units';

/**
 * Longest data: URL we decode (its text, in characters). Ignition reads longer ones; we refuse to check them
 * because every validation would decode the whole URL again (real embedded files are a few KiB).
 */
export const MAX_DATA_URL_CHARS = 8 * 1024 * 1024;

export interface DataUrl {
  mediaType: string;
  base64: boolean;
  /** Offset of the data part inside the URL (after the comma). */
  dataStart: number;
  bytes: Buffer;
}

/** A data: URL Ignition cannot read: the message says what is wrong. */
export class DataUrlError extends Error {
  override readonly name = 'DataUrlError';
}

/** A data: URL longer than we decode: not broken, not checked. */
export class DataUrlTooLargeError extends Error {
  override readonly name = 'DataUrlTooLargeError';
  constructor(
    readonly length: number,
    readonly maxChars: number,
  ) {
    super(
      `the data: URL is ${mib(length)} long, more than the ${mib(maxChars)} PXE Workbench decodes; its contents are not ` +
        `checked (Ignition still reads it)`,
    );
  }
}

/** A data: URL's parts, checked: what `decodeDataUrl` and `checkDataUrl` share. */
interface Parts {
  mediaType: string;
  base64: boolean;
  dataStart: number;
  raw: string;
}

/** Splits and checks a data: URL (throws DataUrlError or DataUrlTooLargeError), without decoding its data. */
function partsOf(url: string, maxChars: number): Parts {
  if (!/^data:/i.test(url)) throw new DataUrlError('not a data: URL');
  if (url.length > maxChars) throw new DataUrlTooLargeError(url.length, maxChars);
  const comma = url.indexOf(',');
  if (comma < 0) throw new DataUrlError('a data: URL needs a comma before its data');
  const header = url.slice(5, comma);
  const base64 = /;base64$/i.test(header);
  const mediaType = (base64 ? header.slice(0, -7) : header) || 'text/plain;charset=US-ASCII';
  const raw = url.slice(comma + 1);
  // RFC 2396 `uric` is all Ignition's parser takes: a space, `#`, `"`, `[`, a non-ASCII letter must be %XX.
  const stray = /[^A-Za-z0-9;/?:@&=+$,\-_.!~*'()%]/.exec(raw);
  if (stray)
    throw new DataUrlError(
      `invalid data character ${JSON.stringify(stray[0])} at position ${comma + 1 + stray.index} (write it as ${percent(stray[0])})`,
    );
  const bad = /%(?![0-9a-fA-F]{2})/.exec(raw);
  if (bad)
    throw new DataUrlError(
      `invalid percent escape "${raw.slice(bad.index, bad.index + 3)}" at position ${comma + 1 + bad.index}`,
    );
  return { mediaType, base64, dataStart: comma + 1, raw };
}

/** The base64 payload's bytes, or DataUrlError when it is not base64. */
function base64Bytes(text: Buffer): Buffer {
  const b64 = text.toString('latin1').replace(/\s+/g, '');
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(b64) || b64.length % 4 !== 0) throw new DataUrlError('invalid base64 data');
  return Buffer.from(b64, 'base64');
}

/**
 * Decodes a data: URL into a Buffer, or throws DataUrlError with what is wrong (bad percent escape, bad
 * base64, no comma), or DataUrlTooLargeError past `maxChars`.
 */
export function decodeDataUrl(url: string, maxChars = MAX_DATA_URL_CHARS): DataUrl {
  const { mediaType, base64, dataStart, raw } = partsOf(url, maxChars);
  const text = percentDecode(raw);
  return { mediaType, base64, dataStart, bytes: base64 ? base64Bytes(text) : text };
}

/**
 * What `decodeDataUrl` would throw, or undefined when the URL is readable — without decoding a percent-encoded
 * URL's data (validating 5,000 embedded files should not copy them).
 */
export function dataUrlError(
  url: string,
  maxChars = MAX_DATA_URL_CHARS,
): DataUrlError | DataUrlTooLargeError | undefined {
  try {
    const parts = partsOf(url, maxChars);
    if (parts.base64) base64Bytes(percentDecode(parts.raw));
    return undefined;
  } catch (error) {
    if (error instanceof DataUrlError || error instanceof DataUrlTooLargeError) return error;
    throw error;
  }
}

/**
 * False when the decoded data cannot contain `word` (ASCII letters): a percent-encoded URL whose escapes
 * encode no letter has every letter literal. True when it might (base64, or letters written as escapes).
 */
export function mayContain(url: string, word: string): boolean {
  const comma = url.indexOf(',');
  const header = url.slice(0, Math.max(0, comma));
  if (comma < 0 || /;base64$/i.test(header)) return true;
  return url.includes(word, comma + 1) || /%[4-7][0-9a-f]/i.test(url.slice(comma + 1));
}

const percent = (char: string): string =>
  [...Buffer.from(char, 'utf8')].map((b) => `%${b.toString(16).toUpperCase().padStart(2, '0')}`).join('');

const hex = (c: number): number => (c <= 0x39 ? c - 0x30 : (c | 0x20) - 0x57);

/** Percent-decoding straight into a Buffer (decodeURIComponent would reject non-UTF-8 sequences). */
function percentDecode(raw: string): Buffer {
  const bytes = Buffer.from(raw, 'utf8');
  if (!bytes.includes(0x25)) return bytes;
  const out = Buffer.allocUnsafe(bytes.length);
  let n = 0;
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i] as number;
    // Escapes were checked before: a % is always followed by two hex digits.
    if (b === 0x25) {
      out[n++] = (hex(bytes[i + 1] as number) << 4) | hex(bytes[i + 2] as number);
      i += 2;
    } else out[n++] = b;
  }
  return out.subarray(0, n);
}

/** Characters that stay literal in our percent encoding (RFC 3986 unreserved, plus a few safe ones). */
const LITERAL = /[A-Za-z0-9\-._~!$&'()*+,;=:@/?]/;
const LITERAL_BYTES = Uint8Array.from({ length: 256 }, (_, b) =>
  b < 0x80 && LITERAL.test(String.fromCharCode(b)) ? 1 : 0,
);
const HEX = '0123456789ABCDEF';

export function encodeDataUrl(bytes: Buffer, options: { base64: boolean; mediaType?: string }): string {
  const type = options.mediaType && options.mediaType !== 'text/plain;charset=US-ASCII' ? options.mediaType : '';
  if (options.base64) return `data:${type};base64,${bytes.toString('base64')}`;
  // Into a Buffer, not a string per byte: converting a few MiB is a code action offered on every cursor move.
  const out = Buffer.allocUnsafe(bytes.length * 3);
  let n = 0;
  for (let i = 0; i < bytes.length; i++) {
    const byte = bytes[i] as number;
    if (LITERAL_BYTES[byte]) out[n++] = byte;
    else {
      out[n++] = 0x25;
      out[n++] = HEX.charCodeAt(byte >> 4);
      out[n++] = HEX.charCodeAt(byte & 15);
    }
  }
  return `data:${type},${out.toString('latin1', 0, n)}`;
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
