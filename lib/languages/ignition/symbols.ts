import type { Node } from 'jsonc-parser';
import type { ActionInfo, SymbolInfo } from '../../core/language';
import type { IgnitionConfig } from './ast';
import { DataUrlError, DataUrlTooLargeError, decodeDataUrl, encodeDataUrl } from './dataUrl';
import { nodeAt, pathsOf } from './pathAt';

/** What each list's entries are called in the outline. */
const NAMED_BY: Record<string, string> = {
  'storage.files': 'path',
  'storage.directories': 'path',
  'storage.links': 'path',
  'storage.filesystems': 'device',
  'storage.disks': 'device',
  'storage.raid': 'name',
  'storage.luks': 'name',
  'systemd.units': 'name',
  'passwd.users': 'name',
  'passwd.groups': 'name',
};

function member(node: Node | undefined, key: string): Node | undefined {
  return node?.children?.find((p) => p.children?.[0]?.value === key)?.children?.[1];
}

/** Sections (ignition, storage, systemd, passwd, …), their lists, and each entry by its path or name. */
export function symbolsIgnition(config: IgnitionConfig): SymbolInfo[] {
  const root = config.root;
  if (root?.type !== 'object') return [];
  return (root.children ?? []).flatMap((property) => {
    const [key, value] = property.children ?? [];
    if (!key) return [];
    const section = String(key.value);
    const children = (value?.children ?? []).flatMap((inner) => {
      const [innerKey, list] = inner.children ?? [];
      const listPath = `${section}.${String(innerKey?.value)}`;
      const by = NAMED_BY[listPath];
      if (!innerKey || !by || list?.type !== 'array') return [];
      return [
        {
          name: String(innerKey.value),
          kind: 'section' as const,
          start: inner.offset,
          end: inner.offset + inner.length,
          selectionStart: innerKey.offset,
          selectionEnd: innerKey.offset + innerKey.length,
          children: (list.children ?? []).map((entry, index) => {
            const label = member(entry, by);
            return {
              name: label?.type === 'string' ? String(label.value) : `#${index}`,
              kind: 'key' as const,
              start: entry.offset,
              end: entry.offset + entry.length,
              selectionStart: (label ?? entry).offset,
              selectionEnd: (label ?? entry).offset + (label ?? entry).length,
            };
          }),
        },
      ];
    });
    return [
      {
        name: section,
        kind: 'section' as const,
        start: property.offset,
        end: property.offset + property.length,
        selectionStart: key.offset,
        selectionEnd: key.offset + key.length,
        children,
      },
    ];
  });
}

/** On a data: URL: open it decoded in an editable view, or switch between percent-encoding and base64. */
export function actionsIgnition(config: IgnitionConfig, _text: string, start: number): ActionInfo[] {
  const at = nodeAt(config.root, start);
  if (!at || at.isKey || at.node.type !== 'string') return [];
  const node = at.node;
  const { jsonPath, specPath } = pathsOf(node);
  const encode: ActionInfo[] = specPath.endsWith('.source')
    ? [
        {
          title: 'Encode file… (embed a local file as a data: URL)',
          kind: 'refactor',
          command: { id: 'pxeWorkbench.ignition.encodeFile', arguments: [jsonPath] },
        },
      ]
    : [];
  if (!String(node.value).startsWith('data:')) return encode;
  let decoded;
  try {
    decoded = decodeDataUrl(String(node.value));
  } catch (error) {
    // Broken: reported by ignition.invalidSource; too large: decoding it on every request would stall.
    if (error instanceof DataUrlError || error instanceof DataUrlTooLargeError) return [];
    throw error;
  }
  const range = { start: node.offset, end: node.offset + node.length };
  const converted = encodeDataUrl(decoded.bytes, { base64: !decoded.base64, mediaType: decoded.mediaType });
  return [
    {
      title: 'Decode to an editable view',
      kind: 'refactor',
      command: { id: 'pxeWorkbench.ignition.openDecoded', arguments: [jsonPath] },
    },
    {
      title: decoded.base64 ? 'Convert data: URL to percent-encoding' : 'Convert data: URL to base64',
      kind: 'refactor',
      edits: [{ ...range, newText: JSON.stringify(converted) }],
    },
    ...encode,
  ];
}
