import type { Node, Pair } from 'yaml';
import { isMap, isScalar, isSeq } from './yaml';
import type { Span, SymbolInfo } from '../../core/language';
import type { ButaneDocument } from './ast';
import { keyText } from './pathAt';

/** What each list's entries are called in the outline (the first of these keys an entry has). */
const NAMED_BY: Record<string, string[]> = {
  'ignition.config.merge': ['source', 'local', 'inline'],
  'storage.files': ['path'],
  'storage.directories': ['path'],
  'storage.links': ['path'],
  'storage.filesystems': ['path', 'device'],
  'storage.disks': ['device'],
  'storage.raid': ['name'],
  'storage.luks': ['name'],
  'storage.trees': ['local'],
  'systemd.units': ['name'],
  'systemd.units[].dropins': ['name'],
  'systemd.quadlets': ['name'],
  'systemd.quadlets[].dropins': ['name'],
  'passwd.users': ['name'],
  'passwd.groups': ['name'],
  'grub.users': ['name'],
  'boot_device.luks.tang': ['url'],
};

/** The offsets a pair covers (key to the end of its value) and those of its key. */
function spanOf(pair: Pair, text: string): { start: number; end: number; keyStart: number; keyEnd: number } {
  const key = pair.key as Node | null;
  const value = pair.value as Node | null;
  const keyStart = key?.range?.[0] ?? 0;
  const keyEnd = key?.range?.[1] ?? keyStart;
  return { start: keyStart, end: trimmedEnd(text, keyStart, value?.range?.[1] ?? keyEnd), keyStart, keyEnd };
}

/** A node's end without the line breaks and comments YAML counts into a block collection. */
function trimmedEnd(text: string, start: number, end: number): number {
  return start + text.slice(start, end).trimEnd().length;
}

/** Sections, `variant` and `version`, the lists Butane users navigate by, and each entry by its path or name. */
export function symbolsButane(doc: ButaneDocument, text: string): SymbolInfo[] {
  const root = doc.yaml?.contents;
  if (!isMap(root)) return [];
  return root.items.map((pair) => symbolOf(pair, keyText(pair), text));
}

function symbolOf(pair: Pair, path: string, text: string): SymbolInfo {
  const span = spanOf(pair, text);
  const value = pair.value;
  const base = {
    name: keyText(pair),
    start: span.start,
    end: span.end,
    selectionStart: span.keyStart,
    selectionEnd: span.keyEnd,
  };
  if (isScalar(value)) return { ...base, kind: 'key', detail: String(value.value) };
  const named = NAMED_BY[path];
  if (named && isSeq(value)) return { ...base, kind: 'section', children: entries(value.items, path, named, text) };
  if (!isMap(value)) return { ...base, kind: 'section' };
  // Inside a section only what leads to a named list is shown: the outline stays an index, not a copy.
  const children = value.items
    .map((inner) => ({ inner, innerPath: `${path}.${keyText(inner)}` }))
    .filter(({ innerPath }) => Object.keys(NAMED_BY).some((p) => p === innerPath || p.startsWith(`${innerPath}.`)))
    .map(({ inner, innerPath }) => symbolOf(inner, innerPath, text));
  return { ...base, kind: 'section', children };
}

function entries(items: unknown[], path: string, named: string[], text: string): SymbolInfo[] {
  return items.flatMap((item, index) => {
    const node = item as Node | null;
    if (!node?.range) return [];
    const label = isMap(item)
      ? named.map((key) => item.items.find((p) => keyText(p) === key)).find(Boolean)
      : undefined;
    const labelValue = label?.value as Node | null | undefined;
    const at = labelValue?.range ?? node.range;
    const name = isScalar(labelValue) ? String(labelValue.value) : `#${index}`;
    // Nested lists with names of their own (a unit's drop-ins) become the entry's children.
    const nested = isMap(item)
      ? item.items
          .filter((p) => NAMED_BY[`${path}[].${keyText(p)}`] && isSeq(p.value))
          .map((p) => symbolOf(p, `${path}[].${keyText(p)}`, text))
      : [];
    return [
      {
        name,
        kind: 'key' as const,
        start: node.range[0],
        end: trimmedEnd(text, node.range[0], node.range[1]),
        selectionStart: at[0],
        selectionEnd: at[1],
        ...(nested.length ? { children: nested } : {}),
      },
    ];
  });
}

/** Every mapping, list and block scalar that spans lines, from its key to its last line. */
export function foldingButane(doc: ButaneDocument, text: string): Span[] {
  const spans: Span[] = [];
  const visit = (node: unknown, start: number | undefined): void => {
    const range = (node as Node | null)?.range;
    if (range) {
      const from = start ?? range[0];
      const end = trimmedEnd(text, from, range[1]);
      if (text.slice(from, end).includes('\n')) spans.push({ start: from, end });
    }
    if (isMap(node)) for (const pair of node.items) visit(pair.value, (pair.key as Node | null)?.range?.[0]);
    else if (isSeq(node)) for (const item of node.items) visit(item, undefined);
  };
  const root = doc.yaml?.contents;
  if (isMap(root)) for (const pair of root.items) visit(pair.value, (pair.key as Node | null)?.range?.[0]);
  else visit(root, undefined);
  return spans;
}
