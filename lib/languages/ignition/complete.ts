import { getLocation } from 'jsonc-parser';
import type { Completion } from '../../core/language';
import { jsonDepthExceeded } from '../../core/untrusted';
import type { IgnitionConfig } from './ast';
import { versionOf } from './document';
import { fieldAt, fieldsFor } from './catalog';
import { LATEST_STABLE, SPEC_VERSIONS } from './versions';

const VALUES: Record<string, string[]> = {
  'ignition.version': SPEC_VERSIONS.map((v) => JSON.stringify(v)),
  compression: ['"gzip"', 'null'],
  'storage.filesystems[].format': ['"ext4"', '"xfs"', '"btrfs"', '"vfat"', '"swap"', '"none"'],
  'storage.raid[].level': ['"raid1"', '"raid0"', '"raid5"', '"raid6"', '"raid10"', '"linear"'],
};

const EMPTY: Record<string, string> = {
  object: '{$1}',
  array: '[$1]',
  string: '"$1"',
  integer: '$1',
  boolean: '${1|true,false|}',
};

/** Keys of the object at the cursor (from the config's spec version), or values for a few fields. */
export function completeIgnition(config: IgnitionConfig, text: string, offset: number): Completion[] {
  // getLocation parses up to the cursor, recursively: nothing to offer in text nested past the cap.
  if (jsonDepthExceeded(text.slice(0, offset)) >= 0) return [];
  const location = getLocation(text, offset);
  const version = versionOf(config) ?? LATEST_STABLE;
  const specPath = location.path
    .map((p) => (typeof p === 'number' ? '[]' : `.${p}`))
    .join('')
    .replace(/^\./, '');
  if (location.isAtPropertyKey || (location.previousNode === undefined && text[offset - 1] !== ':')) {
    const parent = location.isAtPropertyKey ? specPath.slice(0, Math.max(0, specPath.lastIndexOf('.'))) : specPath;
    const prefix = parent ? `${parent}.` : '';
    const siblings = fieldsFor(version).filter(
      (f) =>
        f.path.startsWith(prefix) &&
        !f.path.slice(prefix.length).includes('.') &&
        !f.path.slice(prefix.length).includes('['),
    );
    return siblings.map((f) => {
      const key = f.path.slice(prefix.length);
      return {
        label: key,
        kind: 'property',
        detail: `${f.type}${f.nullable ? '?' : ''}${f.required ? ' (required)' : ''}`,
        documentation: f.doc,
        ...(location.isAtPropertyKey
          ? { insertText: key }
          : { insertText: `"${key}": ${EMPTY[f.type] ?? '$1'}`, snippet: true }),
      };
    });
  }
  const field = fieldAt(version, specPath);
  const values =
    VALUES[specPath] ??
    (specPath.endsWith('.compression')
      ? VALUES.compression
      : field?.type === 'boolean'
        ? ['true', 'false']
        : undefined);
  return (values ?? []).map((v) => ({ label: v, kind: 'value', detail: field?.doc ?? '' }));
}
