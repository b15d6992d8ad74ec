import type { Node } from 'jsonc-parser';
import type { SymbolInfo } from '../../core/language';
import type { IgnitionConfig } from './ast';

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
