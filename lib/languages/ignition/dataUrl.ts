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

/** A character RFC 2396's `uric` does not allow (searched from `lastIndex`, the data's start). */
const STRAY = /[^A-Za-z0-9;/?:@&=+$,\-_.!~*'()%]/g;
/** A `%` not followed by two hex digits (searched from `lastIndex`). */
const BAD_ESCAPE = /%(?![0-9a-fA-F]{2})/g;
/** `;base64` right before the comma (tried at `lastIndex`). */
const BASE64_MARK = /;base64,/iy;

/** True when the header, from `headerStart` to the comma at `comma`, ends in `;base64` (read in place). */
function base64Header(url: string, headerStart: number, comma: number): boolean {
  BASE64_MARK.lastIndex = comma - 7;
  return comma - 7 >= headerStart && BASE64_MARK.test(url);
}

/**
 * Checks a data: URL's form in place (throws DataUrlError or DataUrlTooLargeError), without decoding its data
 * or copying its parts: a config of thousands of files has a data: URL each. Returns where its data starts
 * and whether it is base64.
 */
function checked(url: string, maxChars: number): { dataStart: number; base64: boolean } {
  if (!/^data:/i.test(url)) throw new DataUrlError('not a data: URL');
  if (url.length > maxChars) throw new DataUrlTooLargeError(url.length, maxChars);
  const comma = url.indexOf(',');
  if (comma < 0) throw new DataUrlError('a data: URL needs a comma before its data');
  const base64 = base64Header(url, 5, comma);
  // RFC 2396 `uric` is all Ignition's parser takes: a space, `#`, `"`, `[`, a non-ASCII letter must be %XX.
  STRAY.lastIndex = comma + 1;
  const stray = STRAY.exec(url);
  if (stray)
    throw new DataUrlError(
      `invalid data character ${JSON.stringify(stray[0])} at position ${stray.index} (write it as ${percent(stray[0])})`,
    );
  BAD_ESCAPE.lastIndex = comma + 1;
  const bad = BAD_ESCAPE.exec(url);
  if (bad)
    throw new DataUrlError(`invalid percent escape "${url.slice(bad.index, bad.index + 3)}" at position ${bad.index}`);
  return { dataStart: comma + 1, base64 };
}

/** Splits and checks a data: URL (throws DataUrlError or DataUrlTooLargeError), without decoding its data. */
function partsOf(url: string, maxChars: number): Parts {
  const { dataStart, base64 } = checked(url, maxChars);
  const header = url.slice(5, dataStart - 1);
  const mediaType = (base64 ? header.slice(0, -7) : header) || 'text/plain;charset=US-ASCII';
  return { mediaType, base64, dataStart, raw: url.slice(dataStart) };
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
    const { dataStart, base64 } = checked(url, maxChars);
    if (base64) base64Bytes(percentDecode(url.slice(dataStart)));
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
  if (comma < 0 || base64Header(url, 0, comma)) return true;
  LETTER_ESCAPE.lastIndex = comma + 1;
  return url.includes(word, comma + 1) || LETTER_ESCAPE.test(url);
}

/** A percent escape of an ASCII letter's range (searched from `lastIndex`, the data's start). */
const LETTER_ESCAPE = /%[4-7][0-9a-f]/gi;

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
