/**
 * The one place that reads and bounds untrusted input: workspace files, site files, remote replies and
 * downloads. Files are read only when they are regular files (a FIFO would block, a device never ends) and
 * no larger than a cap; JSON is refused past a nesting depth (parsers recurse); gzip is inflated with an
 * output cap; paths built from input are resolved for real and must stay under their root; names shown to
 * the user have their control characters escaped.
 */
import {
  closeSync,
  constants,
  fstatSync,
  lstatSync,
  openSync,
  readlinkSync,
  readSync,
  realpathSync,
  promises as fs,
} from 'node:fs';
import { basename, dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { gunzipSync } from 'node:zlib';

/** Largest text file any language reads (the biggest real config seen is well under 1 MiB). */
export const MAX_TEXT_BYTES = 16 * 1024 * 1024;
/** Deepest JSON nesting read; real Ignition and site files nest fewer than 20 levels. */
export const MAX_JSON_DEPTH = 256;
/** Largest RouterOS command tree (a `/console/inspect` dump of every menu is a few MiB). */
export const MAX_TREE_BYTES = 64 * 1024 * 1024;
/** Largest output of one inflate (a gzip `data:` URL, a compressed download's metadata). */
export const MAX_INFLATE_BYTES = 64 * 1024 * 1024;

export type ReadFailure = 'missing' | 'notFile' | 'tooLarge' | 'unreadable';

/** A refused read says why twice: `why` alone (for a caller that names the file its own way) and `message`. */
export type ReadResult = { ok: true; bytes: Buffer } | { ok: false; reason: ReadFailure; why: string; message: string };

const mib = (n: number): string => `${(n / 1048576).toFixed(n < 1048576 ? 2 : 0)} MiB`;

type StatKind = {
  isFile(): boolean;
  isDirectory(): boolean;
  isFIFO(): boolean;
  isSocket(): boolean;
  isCharacterDevice(): boolean;
  isBlockDevice(): boolean;
};

/** What a file that is not a regular file is, in words for a message ("a named pipe (FIFO)", "a device"). */
export function fileKind(stat: Omit<StatKind, 'isFile'>): string {
  if (stat.isDirectory()) return 'a folder';
  if (stat.isFIFO()) return 'a named pipe (FIFO)';
  if (stat.isSocket()) return 'a socket';
  if (stat.isCharacterDevice() || stat.isBlockDevice()) return 'a device';
  return 'not a regular file';
}

function refused(path: string, reason: ReadFailure, why: string): ReadResult {
  return { ok: false, reason, why, message: `${path}: ${why}` };
}

function failure(path: string, error: unknown): ReadResult {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ENOENT' || code === 'ENOTDIR') return refused(path, 'missing', 'no such file. Check the path.');
  return refused(path, 'unreadable', `cannot be read (${code ?? String(error)}). Check its permissions.`);
}

function tooLarge(path: string, maxBytes: number): ReadResult {
  return refused(
    path,
    'tooLarge',
    `larger than ${mib(maxBytes)}, not read. A boot config is far smaller; check that this is the file you meant.`,
  );
}

/** The refusal for an opened file that is not a regular file or over the cap; undefined when it may be read. */
function refusedByStat(path: string, stat: StatKind & { size: number }, maxBytes: number): ReadResult | undefined {
  if (!stat.isFile())
    return refused(
      path,
      'notFile',
      `${fileKind(stat)}, not read. Only regular files are read; point the setting at a file.`,
    );
  return stat.size > maxBytes ? tooLarge(path, maxBytes) : undefined;
}

/**
 * Room for what is read: a regular file's size as its stat gave it (within the cap: a file growing while it
 * is read is read to that size), or, when the size is unknown (0, as /proc gives it), up to 64 KiB and one
 * byte past the cap. A small file's buffer comes from Node's pool: no allocation of its own per read.
 */
const bufferFor = (size: number, maxBytes: number): Buffer =>
  Buffer.allocUnsafe(size > 0 ? size : Math.min(maxBytes + 1, 65536));

/**
 * Reads a regular file of at most `maxBytes`. Opens without blocking (a FIFO with no writer would wait
 * forever) and checks the opened file itself, so a link swapped in between cannot change what is read.
 */
export function readCapped(path: string, maxBytes = MAX_TEXT_BYTES): ReadResult {
  let fd: number;
  try {
    fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (error) {
    return failure(path, error);
  }
  try {
    const stat = fstatSync(fd);
    const refusal = refusedByStat(path, stat, maxBytes);
    if (refusal) return refusal;
    const buffer = bufferFor(stat.size, maxBytes);
    let length = 0;
    while (length < buffer.length) {
      const n = readSync(fd, buffer, length, buffer.length - length, null);
      if (n === 0) break;
      length += n;
    }
    if (length > maxBytes) return tooLarge(path, maxBytes);
    return { ok: true, bytes: buffer.subarray(0, length) };
  } catch (error) {
    return failure(path, error);
  } finally {
    closeSync(fd);
  }
}

/** `readCapped` without blocking the event loop. */
export async function readCappedAsync(path: string, maxBytes = MAX_TEXT_BYTES): Promise<ReadResult> {
  let handle: fs.FileHandle;
  try {
    handle = await fs.open(path, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (error) {
    return failure(path, error);
  }
  try {
    const stat = await handle.stat();
    const refusal = refusedByStat(path, stat, maxBytes);
    if (refusal) return refusal;
    const buffer = bufferFor(stat.size, maxBytes);
    let length = 0;
    while (length < buffer.length) {
      const { bytesRead } = await handle.read(buffer, length, buffer.length - length, null);
      if (bytesRead === 0) break;
      length += bytesRead;
    }
    if (length > maxBytes) return tooLarge(path, maxBytes);
    return { ok: true, bytes: buffer.subarray(0, length) };
  } catch (error) {
    return failure(path, error);
  } finally {
    await handle.close();
  }
}

/** A text file (UTF-8) or undefined when it is missing, not a regular file, too large or unreadable. */
export function readTextOrUndefined(path: string, maxBytes = MAX_TEXT_BYTES): string | undefined {
  const result = readCapped(path, maxBytes);
  return result.ok ? result.bytes.toString('utf8') : undefined;
}

/** Thrown by `readTextOrThrow` and the site loader: the message names the file and what to do. */
export class UntrustedInputError extends Error {
  override readonly name: string = 'UntrustedInputError';
  constructor(
    message: string,
    readonly reason: ReadFailure | 'invalid' = 'invalid',
  ) {
    super(message);
  }
}

export function readTextOrThrow(path: string, maxBytes = MAX_TEXT_BYTES): string {
  const result = readCapped(path, maxBytes);
  if (!result.ok) throw new UntrustedInputError(result.message, result.reason);
  return result.bytes.toString('utf8');
}

/**
 * True when a parsed JSON value nests deeper than `maxDepth` (objects and arrays). `JSON.parse` itself
 * does not recurse, so checking its result is the cheap way to keep a recursive walker within bounds;
 * this walk stops at the cap, so it recurses at most `maxDepth` deep.
 */
export function valueDepthExceeded(value: unknown, maxDepth = MAX_JSON_DEPTH): boolean {
  if (value === null || typeof value !== 'object') return false;
  if (maxDepth <= 0) return true;
  // Indexes and `for…in` (own members only): no list of the members per object, as `Object.values` makes.
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) if (deeperThan(value[i], maxDepth - 1)) return true;
    return false;
  }
  for (const key in value)
    if (Object.hasOwn(value, key) && deeperThan((value as Record<string, unknown>)[key], maxDepth - 1)) return true;
  return false;
}

/** A member that is an object or array nesting deeper than `maxDepth`. */
function deeperThan(member: unknown, maxDepth: number): boolean {
  return member !== null && typeof member === 'object' && valueDepthExceeded(member, maxDepth);
}

/** What ends a JSON string for jsonc-parser: its quote, an escape to skip, or a line break. */
const STRING_END = /["\\\n\r]/g;

/**
 * The offset where JSON text first nests deeper than `maxDepth` (brackets outside strings), or -1. Linear,
 * without recursion, so it is safe to run before a recursive parser.
 */
export function jsonDepthExceeded(text: string, maxDepth = MAX_JSON_DEPTH): number {
  // Tokenised as jsonc-parser scans (a string ends at a line break, comments are skipped) and a closer
  // pops only its own opener (the parser skips a stray one), so no text nests the parser deeper than this.
  const open: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 34 /* " */) {
      // Jump to the string's end with a native search (a 50 MB data: URL is one string): skip each escape.
      for (STRING_END.lastIndex = i + 1; ; STRING_END.lastIndex = i + 2) {
        if (!STRING_END.exec(text)) return -1;
        i = STRING_END.lastIndex - 1;
        if (text.charCodeAt(i) !== 92 /* \ */) break;
      }
    } else if (c === 47 /* / */ && text.charCodeAt(i + 1) === 47) {
      while (i + 1 < text.length && text.charCodeAt(i + 1) !== 10 && text.charCodeAt(i + 1) !== 13) i++;
    } else if (c === 47 && text.charCodeAt(i + 1) === 42 /* * */) {
      const end = text.indexOf('*/', i + 2);
      i = end < 0 ? text.length : end + 1;
    } else if (c === 123 /* { */ || c === 91 /* [ */) {
      if (open.push(c) > maxDepth) return i;
    } else if ((c === 125 /* } */ && open.at(-1) === 123) || (c === 93 /* ] */ && open.at(-1) === 91)) open.pop();
  }
  return -1;
}

export function depthMessage(maxDepth = MAX_JSON_DEPTH): string {
  return (
    `JSON nested deeper than ${maxDepth} levels: not read past this point. Real configs nest a few levels; check ` +
    `that the file was not generated wrongly or corrupted.`
  );
}

/** `JSON.parse` with the depth cap; throws `UntrustedInputError` naming `what` on a deep or invalid text. */
export function parseJsonCapped(text: string, what: string, maxDepth = MAX_JSON_DEPTH): unknown {
  const at = jsonDepthExceeded(text, maxDepth);
  if (at >= 0) throw new UntrustedInputError(`${what}: ${depthMessage(maxDepth)}`);
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new UntrustedInputError(`${what}: not valid JSON (${(error as Error).message}). Fix the JSON and try again.`);
  }
}

export type InflateResult =
  { ok: true; bytes: Buffer } | { ok: false; reason: 'tooLarge' | 'corrupt'; message: string };

/** Gunzips with an output cap, so a small bomb cannot take the memory. */
export function gunzipCapped(bytes: Uint8Array, maxBytes = MAX_INFLATE_BYTES): InflateResult {
  try {
    return { ok: true, bytes: gunzipSync(bytes, { maxOutputLength: maxBytes }) };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ERR_BUFFER_TOO_LARGE' || error instanceof RangeError) {
      return {
        ok: false,
        reason: 'tooLarge',
        message: `the gzip data inflates to more than ${mib(maxBytes)}; not decompressed. Check that it is the file you meant.`,
      };
    }
    return { ok: false, reason: 'corrupt', message: `the gzip data is corrupt (${(error as Error).message}).` };
  }
}

// C0 and C1 controls, DEL, and the bidirectional overrides that can reorder what a terminal shows.
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

/** A name as it may be shown in a terminal, a prompt or the Problems panel: control characters escaped. */
export function escapeControl(text: string): string {
  return text.replace(CONTROL, (c) => {
    if (c === '\n') return '\\n';
    if (c === '\r') return '\\r';
    if (c === '\t') return '\\t';
    const code = c.charCodeAt(0);
    return code < 0x100 ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
  });
}

export function hasControl(text: string): boolean {
  CONTROL.lastIndex = 0;
  const found = CONTROL.test(text);
  CONTROL.lastIndex = 0;
  return found;
}

/** True when `path` is `root` or below it, compared as written (both absolute and normalised by the caller). */
export function isUnder(root: string, path: string): boolean {
  const rel = relative(root, path);
  return rel === '' || (!rel.startsWith(`..${sep}`) && rel !== '..' && !isAbsolute(rel));
}

/**
 * The real path of `path` (symbolic links resolved; for a path that does not exist yet, its deepest existing
 * folder resolved and the rest appended), or undefined when it cannot be resolved.
 */
export function realPathOf(path: string, hops = 0): string | undefined {
  const absolute = resolve(path);
  try {
    // The native realpath(3): Node's JS realpathSync joins a link's target lexically, so `x/../..` behind a
    // link `x` is resolved as if `x` were a folder, exactly the escape this guards against.
    return realpathSync.native(absolute);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if ((code !== 'ENOENT' && code !== 'ENOTDIR') || hops > 40) return undefined;
    const parent = dirname(absolute);
    if (parent === absolute) return undefined;
    const real = realPathOf(parent, hops + 1);
    if (real === undefined) return undefined;
    const here = join(real, basename(absolute));
    // A dangling link: where a write through it would land is its target, not the link.
    const target = linkTarget(here);
    return target === undefined ? here : realPathOf(resolve(real, target), hops + 1);
  }
}

function linkTarget(path: string): string | undefined {
  try {
    return lstatSync(path).isSymbolicLink() ? readlinkSync(path) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Confines a path built from input to `root`: resolves both for real (links followed) and returns the real
 * path when it stays under the real root, else undefined. `path` may be relative to the root.
 */
export function confine(root: string, path: string): string | undefined {
  const realRoot = realPathOf(root);
  const real = realPathOf(resolve(root, path));
  if (realRoot === undefined || real === undefined) return undefined;
  return isUnder(realRoot, real) ? real : undefined;
}

/** How much of a file the binary check looks at. */
export const BINARY_SNIFF_BYTES = 8192;

/**
 * True for a file that is not text: a NUL byte or invalid UTF-8 in its first 8 KiB (a splash image or a
 * loader in `pxelinux.cfg/`). Such files are never linted.
 */
export function isBinary(bytes: Uint8Array): boolean {
  const head = bytes.subarray(0, BINARY_SNIFF_BYTES);
  if (head.includes(0)) return true;
  try {
    // stream: a character cut at the 8 KiB edge is not an error.
    new TextDecoder('utf-8', { fatal: true }).decode(head, { stream: head.length < bytes.length });
    return false;
  } catch {
    return true;
  }
}

/** `isBinary` for a text already decoded as UTF-8: a NUL, or a replacement character where bytes were invalid. */
export function textLooksBinary(text: string): boolean {
  const head = text.slice(0, BINARY_SNIFF_BYTES);
  return head.includes('\u0000') || head.includes('\ufffd');
}
