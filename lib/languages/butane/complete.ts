import type { Completion } from '../../core/language';
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

/** Keys of the mapping at the cursor (those of the config's spec, not yet written), or values of a field. */
export function completeButane(doc: ButaneDocument, text: string, offset: number): Completion[] {
  const spot = completionSpot(text, offset);
  if (!spot) return [];
  const spec = specFor(doc);
  const replace = { start: spot.start, end: spot.end };
  if (spot.kind === 'value') return valueCompletions(spec, spot.path, replace);
  const written = new Set(spot.siblings);
  return childrenOf(spec, spot.parent)
    .filter((f) => !written.has(keyName(f)))
    .map((f) => ({
      label: keyName(f),
      kind: 'property' as const,
      detail: detailOf(spec, f),
      documentation: f.doc,
      insertText: keySnippet(spec, f),
      snippet: true,
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
