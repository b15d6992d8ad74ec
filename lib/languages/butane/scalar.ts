import type { Scalar } from 'yaml';
import { isScalar, plainScalar } from './yaml';

/**
 * A YAML scalar resolved as go-yaml v3 resolves it (the library Butane uses), before it meets its target
 * field: plain `0644` is the int 420 (YAML 1.1 octal kept), `0o644` too, `1_000` is 1000, `yes` stays a
 * string (YAML 1.1 booleans only become booleans in a bool field), quoted text is always a string.
 */
export type Resolved =
  | { tag: '!!null'; value: null }
  | { tag: '!!bool'; value: boolean }
  | { tag: '!!int'; value: number; big?: boolean }
  | { tag: '!!float'; value: number }
  | { tag: '!!str' | '!!timestamp' | '!!binary' | '!!merge'; value: string }
  | { tag: string; value: string };

const MAP: Record<string, Resolved> = {};
const put = (words: string[], r: Resolved): void => words.forEach((w) => (MAP[w] = r));
put(['true', 'True', 'TRUE'], { tag: '!!bool', value: true });
put(['false', 'False', 'FALSE'], { tag: '!!bool', value: false });
put(['', '~', 'null', 'Null', 'NULL'], { tag: '!!null', value: null });
put(['.nan', '.NaN', '.NAN'], { tag: '!!float', value: NaN });
put(['.inf', '.Inf', '.INF', '+.inf', '+.Inf', '+.INF'], { tag: '!!float', value: Infinity });
put(['-.inf', '-.Inf', '-.INF'], { tag: '!!float', value: -Infinity });
put(['<<'], { tag: '!!merge', value: '<<' });

const INT = /^[-+]?(?:0[xX][0-9a-fA-F]+|0[oO][0-7]+|0[bB][01]+|0[0-7]*|[1-9][0-9]*)$/;
const FLOAT = /^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?$/;
const DOT_FLOAT = /^\.[0-9]+(?:[eE][-+]?[0-9]+)?$/;
const TIMESTAMP = new RegExp(
  '^[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}(?:(?:[Tt]|[ \\t]+)[0-9]{1,2}:[0-9]{1,2}:[0-9]{1,2}(?:\\.[0-9]*)?' +
    '(?:[ \\t]*(?:Z|[-+][0-9]{1,2}(?::[0-9]{2})?))?)?$',
);
const RESOLVABLE = new Set(['', '!!str', '!!bool', '!!int', '!!float', '!!null', '!!timestamp', '!!merge']);
export const MAX_INT64 = 2n ** 63n - 1n;

/** Go's strconv.ParseInt(text, 0, 64) on a text already matched by INT, as a BigInt. */
function parseGoInt(text: string): bigint {
  const negative = text.startsWith('-');
  const body = text.replace(/^[-+]/, '');
  let value: bigint;
  if (/^0[xXoObB]/.test(body)) value = BigInt(`0${body[1]?.toLowerCase()}${body.slice(2)}`);
  else if (body.length > 1 && body.startsWith('0')) value = BigInt(`0o${body.slice(1)}`);
  else value = BigInt(body);
  return negative ? -value : value;
}

function resolveNumber(text: string): Resolved | undefined {
  const plain = text.replace(/_/g, '');
  if (INT.test(plain)) {
    const n = parseGoInt(plain);
    if (n <= MAX_INT64 && n >= -MAX_INT64 - 1n) return { tag: '!!int', value: Number(n) };
    if (n > 0n && n < 2n ** 64n) return { tag: '!!int', value: Number(n), big: true };
  }
  if (FLOAT.test(plain)) return { tag: '!!float', value: Number(plain) };
  return undefined;
}

/** go-yaml's resolve(tag, text) for a plain scalar (or a tagged one). */
export function resolvePlain(text: string, tag = ''): Resolved {
  if (!RESOLVABLE.has(tag)) return { tag, value: text };
  if (tag === '!!str') return { tag: '!!str', value: text };
  const hint = text[0];
  const known = MAP[text];
  if (known) return known;
  if (hint === '.' && DOT_FLOAT.test(text)) return { tag: '!!float', value: Number(text) };
  if (hint !== undefined && /[-+0-9]/.test(hint)) {
    if ((tag === '' || tag === '!!timestamp') && /^[0-9]{4}-/.test(text) && TIMESTAMP.test(text))
      return { tag: '!!timestamp', value: text };
    const number = resolveNumber(text);
    if (number) return number;
  }
  return { tag: '!!str', value: text };
}

/** The short tag of a node (`!!str`), '' when it has none. */
export function shortTag(tag: string | undefined): string {
  if (!tag || tag === '!') return '';
  return tag.startsWith('tag:yaml.org,2002:') ? `!!${tag.slice('tag:yaml.org,2002:'.length)}` : tag;
}

/** The text of a scalar as go-yaml keeps it in `Node.Value`. */
export function scalarText(node: Scalar): string {
  return node.source ?? (node.value === null || node.value === undefined ? '' : String(node.value));
}

/** A scalar is a string whatever it looks like: quoted or a block scalar, with no tag (go-yaml's indicatedString). */
function indicatedString(node: Scalar): boolean {
  const tag = shortTag(node.tag);
  if (tag === '!!str') return true;
  return tag === '' && node.type !== undefined && node.type !== plainScalar();
}

/** Resolves a scalar node as go-yaml does. */
export function resolveScalar(node: unknown): Resolved | undefined {
  if (!isScalar(node)) return undefined;
  const text = scalarText(node);
  if (indicatedString(node)) return { tag: '!!str', value: text };
  const tag = shortTag(node.tag);
  if (tag === '!!binary') return { tag: '!!binary', value: Buffer.from(text.replace(/\s/g, ''), 'base64').toString() };
  return resolvePlain(text, tag);
}

/** The tag go-yaml names a node by in its messages (`!!str` for `"0644"`, `!!int` for `0644`). */
export function nodeTag(node: unknown): string {
  const resolved = resolveScalar(node);
  return resolved ? resolved.tag : '';
}
