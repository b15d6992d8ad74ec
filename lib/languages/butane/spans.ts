import type { Document, Node, Pair } from 'yaml';
import { isAlias, isMap, isScalar, isSeq } from './yaml';
import type { ConfigPath } from './ast';

export type YamlNode = Node;

/** A mapping's pair whose key is `key` as go-yaml reads it (the key's text), without following merges. */
export function pairOf(node: unknown, key: string): Pair | undefined {
  if (!isMap(node)) return undefined;
  return node.items.find((p) => keyText(p.key) === key);
}

/** A key's text as go-yaml compares keys (the scalar's value as written, unquoted); undefined for a complex key. */
export function keyText(key: unknown): string | undefined {
  if (isScalar(key)) return key.source ?? (key.value === null ? '' : String(key.value));
  return undefined;
}

/**
 * The YAML node at a Butane path, walking the text as written (no merge keys, no aliases followed — as
 * Butane's position tree does), with the pair whose key ends the path. `node` is undefined when the path
 * leaves the document; `parent` is the deepest node reached.
 */
export function nodeAt(
  doc: Document.Parsed | undefined,
  path: ConfigPath,
): { node?: Node; pair?: Pair; parent?: Node } {
  let at: unknown = doc?.contents ?? undefined;
  let pair: Pair | undefined;
  let parent: Node | undefined = at as Node | undefined;
  for (const part of path) {
    pair = undefined;
    if (typeof part === 'number' && isSeq(at)) at = at.items[part];
    else if (typeof part === 'string' && isMap(at)) {
      pair = pairOf(at, part);
      if (pair && (pair.value === null || pair.value === undefined)) return { pair, parent };
      at = pair?.value;
    } else at = undefined;
    if (at === undefined || at === null) return { parent, pair };
    parent = at as Node;
  }
  return { node: at as Node, pair, parent };
}

function rangeOf(node: Node | undefined): { start: number; end: number } | undefined {
  const range = node?.range;
  return range ? { start: range[0], end: Math.max(range[1], range[0]) } : undefined;
}

/**
 * The offsets to report a Butane path at: its value (or its key with `key`), else the nearest node that
 * exists on the way (as Butane's reports fall back to the parent's line). An alias counts as the node.
 */
export function spanAt(
  doc: Document.Parsed | undefined,
  path: ConfigPath,
  key = false,
): { start: number; end: number } {
  const found = nodeAt(doc, path);
  if (key && found.pair) return rangeOf(found.pair.key as Node) ?? { start: 0, end: 0 };
  if (found.node && !(isScalar(found.node) && found.node.source === '' && found.pair))
    return rangeOf(found.node) ?? { start: 0, end: 0 };
  if (found.pair) return rangeOf(found.pair.key as Node) ?? { start: 0, end: 0 };
  return rangeOf(found.parent) ?? { start: 0, end: 0 };
}

/** The node an alias points at (or the node itself). */
export function resolved(node: unknown, doc: Document.Parsed | undefined): unknown {
  if (isAlias(node) && doc) return node.resolve(doc);
  return node;
}
