/**
 * Where an offset is in a Butane config: the YAML node there and its path (from the parsed document), or,
 * for completion while the text is still being typed, the mapping the cursor's line belongs to (from the
 * indentation of the lines above, as a half-written line is often not in the tree yet).
 */
import type { Node, Pair, Scalar } from 'yaml';
import { isMap, isPair, isScalar, isSeq } from './yaml';
import type { ButaneDocument, ConfigPath } from './ast';

/** A node of the document with its path. */
export interface NodeAt {
  /** Keys and list indexes (`['storage', 'files', 0, 'mode']`). */
  path: ConfigPath;
  /** The same with `[]` for indexes: a path of the field table (`storage.files[].mode`). */
  specPath: string;
  /** The key (when `isKey`) or the value at the offset. */
  node: Node;
  isKey: boolean;
  /** The pair whose key or value this is (undefined for a list item or the top level). */
  pair?: Pair;
}

/** `['storage', 'files', 0, 'mode']` → `storage.files[].mode`. */
export function specPathOf(path: ConfigPath): string {
  return path
    .map((p) => (typeof p === 'number' ? '[]' : `.${p}`))
    .join('')
    .replace(/^\./, '');
}

const within = (node: Node | null | undefined, offset: number): boolean =>
  !!node?.range && node.range[0] <= offset && offset <= node.range[1];

/** The innermost key or value that contains `offset`, or undefined (a blank line, a comment, no document). */
export function nodeAt(doc: ButaneDocument, offset: number): NodeAt | undefined {
  let current: unknown = doc.yaml?.contents;
  if (!within(current as Node, offset)) return undefined;
  const path: (string | number)[] = [];
  let pair: Pair | undefined;
  for (;;) {
    if (isMap(current)) {
      const hit = current.items.find((p) => within(p.key as Node, offset) || within(p.value as Node, offset));
      if (!hit) break;
      path.push(keyText(hit));
      if (within(hit.key as Node, offset))
        return { path, specPath: specPathOf(path), node: hit.key as Node, isKey: true, pair: hit };
      pair = hit;
      current = hit.value;
    } else if (isSeq(current)) {
      const index = current.items.findIndex((item) => within(item as Node, offset));
      if (index < 0) break;
      path.push(index);
      pair = undefined;
      current = current.items[index];
    } else break;
  }
  return { path, specPath: specPathOf(path), node: current as Node, isKey: false, ...(pair ? { pair } : {}) };
}

/** A pair's key as text (`'?'` for a key that is not a scalar). */
export function keyText(pair: Pair): string {
  return isScalar(pair.key) ? String(pair.key.value) : '?';
}

/** The value at a path in the document, when it is there. */
export function nodeAtPath(doc: ButaneDocument, path: ConfigPath): Node | undefined {
  let current: unknown = doc.yaml?.contents;
  for (const part of path) {
    if (typeof part === 'number' && isSeq(current)) current = current.items[part];
    else if (typeof part === 'string' && isMap(current))
      current = current.items.find((p) => keyText(p) === part)?.value;
    else return undefined;
  }
  return (current ?? undefined) as Node | undefined;
}

/** The pair of a mapping with the key `key`. */
export function pairOf(map: unknown, key: string): Pair<Scalar, Node> | undefined {
  return isMap(map) ? (map.items.find((p) => isPair(p) && keyText(p) === key) as Pair<Scalar, Node>) : undefined;
}

/** Where completion happens: on a key of the mapping at `parent`, or on the value of the field at `path`. */
export type CompletionSpot =
  | {
      kind: 'key';
      parent: string;
      start: number;
      end: number;
      siblings: string[];
      indent: number;
      /** The key being renamed already has its `:` (and value): only the name is replaced. */
      keyed: boolean;
    }
  | { kind: 'value'; path: string; start: number; end: number };

interface LineShape {
  /** Columns of the `- ` markers in front of the key. */
  dashes: number[];
  /** Column of the key (or of the text after the last dash), -1 for a blank or comment line. */
  column: number;
  key?: string;
  /** The text after `key:`. */
  rest?: string;
}

const LINE = /^(\s*)((?:-[ \t]+)*)(?:([\w.-]+|"[^"]*"|'[^']*')[ \t]*:(?:[ \t]+(.*))?$|(.*))/;

function shapeOf(line: string): LineShape {
  const m = LINE.exec(line) as RegExpExecArray;
  const indent = (m[1] as string).length;
  const dashes: number[] = [];
  let column = indent;
  for (const dash of (m[2] as string).matchAll(/-[ \t]+/g)) {
    dashes.push(indent + (dash.index ?? 0));
    column = indent + (dash.index ?? 0) + dash[0].length;
  }
  if (m[3] !== undefined) return { dashes, column, key: m[3].replace(/^["']|["']$/g, ''), rest: m[4] ?? '' };
  const other = m[5] ?? '';
  return { dashes, column: other === '' || other.startsWith('#') ? (dashes.length ? column : -1) : column };
}

/** The completion spot at `offset`, or undefined inside a block scalar, a comment, or flow-style text. */
export function completionSpot(text: string, offset: number): CompletionSpot | undefined {
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  const before = text.slice(lineStart, offset);
  if (before.includes('#') || /[{}[\]]/.test(before)) return undefined;
  const lines = text.slice(0, lineStart).split(/\r?\n/).slice(0, -1);
  const keyed = /^(\s*(?:-[ \t]+)*)([\w.-]+)[ \t]*:[ \t]*([^\s#]*)$/.exec(before);
  if (keyed) {
    const column = (keyed[1] as string).length;
    const parents = parentsOf(lines, column, dashesOf(keyed[1] as string));
    if (!parents) return undefined;
    const word = keyed[3] as string;
    const path = [...parents, keyed[2] as string].join('.').replace(/\.\[\]/g, '[]');
    return { kind: 'value', path, start: offset - word.length, end: offset };
  }
  // After `- ` the word may be a path being typed (an item of ssh_authorized_keys_local).
  const bare = /^(\s*(?:-[ \t]+)*)([\w-]*)$/.exec(before) ?? /^(\s*(?:-[ \t]+)+)([\w./-]*)$/.exec(before);
  if (!bare) return undefined;
  const column = (bare[1] as string).length;
  const parents = parentsOf(lines, column, dashesOf(bare[1] as string));
  if (!parents) return undefined;
  const lineEnd = text.indexOf('\n', offset);
  const rest = text.slice(offset, lineEnd < 0 ? undefined : lineEnd);
  const after = /^[\w-]*/.exec(rest)?.[0] ?? '';
  return {
    kind: 'key',
    parent: parents.join('.').replace(/\.\[\]/g, '[]'),
    start: offset - (bare[2] as string).length,
    end: offset + after.length,
    siblings: siblingsOf(text, lineStart, column, bare[1] as string),
    indent: column,
    keyed: /^[\w-]*[ \t]*:/.test(rest),
  };
}

function dashesOf(lead: string): number[] {
  return [...lead.matchAll(/-[ \t]+/g)].map((m) => m.index ?? 0);
}

/**
 * The keys (and `[]` for list items) from the top down to the mapping whose keys sit at `column`, reading
 * the lines above; undefined when the cursor is inside a block scalar's text.
 */
function parentsOf(lines: string[], column: number, ownDashes: number[]): string[] | undefined {
  const parents: string[] = [];
  let need = column;
  // The cursor's own `- ` markers: each opens a list item around the mapping being typed.
  for (let i = ownDashes.length - 1; i >= 0; i--) {
    parents.unshift('[]');
    need = ownDashes[i] as number;
  }
  for (let i = lines.length - 1; i >= 0 && need > 0; i--) {
    const line = lines[i] as string;
    if (/^\s*(#|$)/.test(line)) continue;
    if (/^(---|\.\.\.)(\s|$)/.test(line)) break;
    const shape = shapeOf(line);
    if (shape.column < 0) continue;
    if (shape.key !== undefined && shape.column < need) {
      // A key whose value is a block scalar holds the cursor in its text: nothing to complete there.
      if (/^[|>]/.test(shape.rest ?? '')) return undefined;
      parents.unshift(shape.key);
      need = shape.column;
    } else if (shape.key === undefined && shape.column < need && shape.dashes.length === 0) {
      // A plain line shallower than the cursor that is not a key: a multi-line scalar, not a mapping.
      return undefined;
    }
    for (let d = shape.dashes.length - 1; d >= 0; d--) {
      const dash = shape.dashes[d] as number;
      if (dash >= need) continue;
      parents.unshift('[]');
      need = dash;
    }
  }
  return parents;
}

/** Keys already written in the mapping of the cursor's line (the lines above and below at its column). */
function siblingsOf(text: string, lineStart: number, column: number, lead: string): string[] {
  const lines = text.split(/\r?\n/);
  const at = text.slice(0, lineStart).split('\n').length - 1;
  const keys: string[] = [];
  const scan = (from: number, step: number): void => {
    for (let i = from; i >= 0 && i < lines.length; i += step) {
      const line = lines[i] as string;
      if (/^\s*(#|$)/.test(line)) continue;
      const shape = shapeOf(line);
      if (shape.column < 0) continue;
      const lastDash = shape.dashes.at(-1);
      // A `- ` left of our column starts an item of our list: below, the next item; above, the first key of ours.
      const startsItem = lastDash !== undefined && lastDash < column;
      if (shape.column < column || (startsItem && step > 0)) break;
      if (shape.column === column && shape.key !== undefined) keys.push(shape.key);
      if (startsItem) break;
    }
  };
  // The cursor's own line opens a new list item when it has a `- `: its mapping starts here.
  if (!/-[ \t]+$/.test(lead)) scan(at - 1, -1);
  scan(at + 1, 1);
  return keys;
}
