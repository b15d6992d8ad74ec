import { join } from 'node:path';
import type { Completion } from '../../core/language';
import { butaneFilesDir, NO_CONTEXT, type RuleContext } from '../../core/ruleContext';
import type { ButaneDocument } from './ast';
import {
  butaneFieldAt,
  childrenOf,
  latestStable,
  specOf,
  valuesOf,
  VARIANTS,
  versionsOf,
  type ButaneField,
} from './catalog';
import { completionSpot } from './pathAt';
import type { ButaneSpec } from './translate/types';

/** The spec a config names, or the newest stable one of its variant (fcos) while it names none we know. */
export function specFor(doc: ButaneDocument): ButaneSpec {
  return specOf(doc.variant, doc.version) ?? latestStable(doc.variant);
}

/** Fields whose value is a path in the files folder; `storage.trees[].local` names a folder. */
const LOCAL_FIELD = /(^|\.)(local|contents_local)$|\.ssh_authorized_keys_local\[\]$/;

/**
 * Keys of the mapping at the cursor (those of the config's spec, not yet written), values of a field, or
 * the files of the files folder for a `local` path (with `context`: the file's path and a view of the disk).
 */
export function completeButane(
  doc: ButaneDocument,
  text: string,
  offset: number,
  context: RuleContext = NO_CONTEXT,
): Completion[] {
  const spot = completionSpot(text, offset);
  if (!spot) return [];
  const spec = specFor(doc);
  const replace = { start: spot.start, end: spot.end };
  const path = spot.kind === 'value' ? spot.path : spot.parent;
  if (LOCAL_FIELD.test(path))
    return localCompletions(text.slice(spot.start, offset), context, offset, path === 'storage.trees[].local');
  if (spot.kind === 'value') return valueCompletions(spec, spot.path, replace);
  const written = new Set(spot.siblings);
  return childrenOf(spec, spot.parent)
    .filter((f) => !written.has(keyName(f)))
    .map((f) => ({
      label: keyName(f),
      kind: 'property' as const,
      detail: detailOf(spec, f),
      documentation: f.doc,
      insertText: spot.keyed ? keyName(f) : keySnippet(spec, f),
      snippet: !spot.keyed,
      replace,
    }));
}

const keyName = (f: ButaneField): string => f.path.slice(f.path.lastIndexOf('.') + 1);

function detailOf(spec: ButaneSpec, f: ButaneField): string {
  const type = f.type === 'array' ? `list of ${itemType(spec, f)}` : f.type;
  return `${type}${f.required ? ' (required)' : ''}${f.ignition ? '' : ` — Butane, since ${spec.variant} ${f.since}`}`;
}

function itemType(spec: ButaneSpec, f: ButaneField): string {
  const item = butaneFieldAt(spec, `${f.path}[]`);
  return item ? `${item.type}s` : 'items';
}

/** `key: ` with a tab stop, a choice of values, or a nested mapping or list on the next line. */
function keySnippet(spec: ButaneSpec, f: ButaneField): string {
  const key = keyName(f);
  if (f.type === 'object') return `${key}:\n  $0`;
  if (f.type === 'array') return `${key}:\n  - $0`;
  const values = valuesOf(spec, f.path);
  if (values?.length) return `${key}: \${1|${values.map((v) => v.replace(/[|,\\$}]/g, '\\$&')).join(',')}|}`;
  if (f.path.endsWith('.inline') || f.path.endsWith('contents')) return `${key}: |\n  $0`;
  return `${key}: $0`;
}

function valueCompletions(spec: ButaneSpec, path: string, replace: { start: number; end: number }): Completion[] {
  if (path === 'variant')
    return VARIANTS.map((v) => ({
      label: v,
      kind: 'value',
      detail: v === 'fcos' ? 'Fedora CoreOS' : 'Flatcar Container Linux',
      replace,
    }));
  if (path === 'version')
    return versionsOf(spec.variant).map((s) => ({
      label: s.version,
      kind: 'value',
      detail: `Ignition ${s.ignition}${s.experimental ? ', experimental' : ''}`,
      replace,
    }));
  const field = butaneFieldAt(spec, path);
  return (valuesOf(spec, path) ?? []).map((v) => ({ label: v, kind: 'value', detail: field?.doc ?? '', replace }));
}

/** Names in the files folder below the typed folder (folders end in `/`); nothing that leaves the folder. */
function localCompletions(typed: string, context: RuleContext, end: number, foldersOnly: boolean): Completion[] {
  if (!context.path || !context.files || typed.startsWith('/')) return [];
  const folder = typed.slice(0, Math.max(0, typed.lastIndexOf('/')));
  const parts = folder.split('/').filter(Boolean);
  if (parts.includes('..')) return [];
  const root = butaneFilesDir(context.site, context.path);
  const names = context.files.list(join(root, ...parts)) ?? [];
  const start = end - (typed.length - (folder ? folder.length + 1 : 0));
  return names
    .filter((name) => !name.startsWith('.') && join(root, ...parts, name) !== context.path)
    .flatMap((name) => {
      const isDir = context.files?.list(join(root, ...parts, name)) !== undefined;
      if (foldersOnly && !isDir) return [];
      const label = isDir ? `${name}/` : name;
      return [{ label, kind: 'file' as const, detail: isDir ? 'folder' : 'file to embed', replace: { start, end } }];
    });
}
