/**
 * The Butane field table per variant/version: Ignition's fields of the spec it maps to, snake_cased, without
 * `ignition.version`, plus Butane's own (lib/data/butane-docs.json, the only reader of that file).
 */
import data from '../../data/butane-docs.json';
import { compareVersions, fieldsFor, type FieldSpec } from '../ignition/catalog';
import type { ButaneSpec } from './translate/types';

/** Every variant/version Butane reads, oldest first per variant, and the Ignition spec each one produces. */
export const SPECS: readonly ButaneSpec[] = [
  ...(
    [
      ['1.0.0', '3.0.0'],
      ['1.1.0', '3.1.0'],
      ['1.2.0', '3.2.0'],
      ['1.3.0', '3.2.0'],
      ['1.4.0', '3.3.0'],
      ['1.5.0', '3.4.0'],
      ['1.6.0', '3.5.0'],
      ['1.7.0', '3.6.0'],
      ['1.8.0-experimental', '3.7.0-experimental'],
    ] as const
  ).map(([version, ignition]) => spec('fcos', version, ignition)),
  ...(
    [
      ['1.0.0', '3.3.0'],
      ['1.1.0', '3.4.0'],
      ['1.2.0-experimental', '3.7.0-experimental'],
    ] as const
  ).map(([version, ignition]) => spec('flatcar', version, ignition)),
];

function spec(variant: ButaneSpec['variant'], version: string, ignition: string): ButaneSpec {
  return { variant, version, ignition, experimental: version.endsWith('-experimental') };
}

export const VARIANTS: readonly ButaneSpec['variant'][] = ['fcos', 'flatcar'];

/** The spec a config names, when it is one we know. */
export function specOf(variant: string | undefined, version: string | undefined): ButaneSpec | undefined {
  return SPECS.find((s) => s.variant === variant && s.version === version);
}

/** A variant's versions, oldest first. */
export function versionsOf(variant: string): ButaneSpec[] {
  return SPECS.filter((s) => s.variant === variant);
}

/** A variant's newest stable spec (fcos when the variant is not one we know). */
export function latestStable(variant: string | undefined): ButaneSpec {
  const stable = versionsOf(variant ?? 'fcos').filter((s) => !s.experimental);
  return (stable.length ? stable : versionsOf('fcos').filter((s) => !s.experimental)).at(-1) as ButaneSpec;
}

/** -1, 0 or 1: the order of two versions of one variant (unknown versions sort last). */
function compareIn(variant: string, a: string, b: string): number {
  const order = versionsOf(variant).map((s) => s.version);
  const ia = order.indexOf(a);
  const ib = order.indexOf(b);
  return Math.sign((ia < 0 ? Infinity : ia) - (ib < 0 ? Infinity : ib)) || 0;
}

/** One field of a Butane config at one spec. */
export interface ButaneField {
  /** Butane's path: snake_case keys, `[]` for list items (`storage.files[].contents.inline`). */
  path: string;
  type: FieldSpec['type'];
  nullable: boolean;
  required: boolean;
  /** What the field is for, in Butane's terms. */
  doc: string;
  /** The first version of this variant that reads it. */
  since: string;
  /** The Ignition field it is copied to (camelCase path), for a field Ignition has. */
  ignition?: string;
  /** What a field of Butane's own turns into (markdown), for one Ignition does not have. */
  becomes?: string;
}

interface Addition {
  path: string;
  type: string;
  required?: boolean;
  since: Partial<Record<string, string>>;
  sinceAt?: Record<string, Partial<Record<string, string>>>;
  doc: string;
  becomes: string;
}

const ADDITIONS = data.fields as Addition[];
const REMOVED = data.removed as { path: string; until: Partial<Record<string, string>> }[];
const DOCS = data.docs as Record<string, string>;
const VALUES = data.values as Record<string, { value: string; since?: Partial<Record<string, string>> }[]>;

/** `sizeMiB` → `size_mib`, `httpHeaders` → `http_headers`: Butane's key for an Ignition key. */
export function snakeCase(key: string): string {
  return key
    .replace(/MiB/g, 'Mib')
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .toLowerCase();
}

/** `storage.files[].contents` of `storage.files[].contents.source`: the parent path of a field. */
export function parentOf(path: string): string {
  if (path.endsWith('[]')) return path.slice(0, -2);
  const dot = path.lastIndexOf('.');
  return dot < 0 ? '' : path.slice(0, dot);
}

/** The last key of a path (`inline` of `storage.files[].contents.inline`), '' for a list item. */
export function keyOf(path: string): string {
  return path.endsWith('[]') ? '' : path.slice(path.lastIndexOf('.') + 1);
}

const cache = new Map<string, ButaneField[]>();

/** Every field of a config at `spec`, in a stable order (Ignition's, with Butane's own after their parent's). */
export function butaneFields(spec: ButaneSpec): ButaneField[] {
  const key = `${spec.variant}/${spec.version}`;
  const cached = cache.get(key);
  if (cached) return cached;
  const fields = new Map<string, ButaneField>();
  for (const [path, field] of ignitionFields(spec)) fields.set(path, field);
  const resources = [...fields.keys()].filter((p) => p.endsWith('.source')).map(parentOf);
  for (const addition of ADDITIONS) {
    const paths = addition.path.startsWith('*.') ? resources.map((r) => r + addition.path.slice(1)) : [addition.path];
    for (const path of paths) {
      const since =
        (addition.sinceAt?.[parentOf(path)] ?? addition.since)[spec.variant] ?? addition.since[spec.variant];
      if (!since || compareIn(spec.variant, spec.version, since) < 0) continue;
      if (parentOf(path) && !fields.has(parentOf(path))) continue;
      fields.set(path, {
        path,
        type: addition.type as FieldSpec['type'],
        nullable: false,
        required: addition.required ?? false,
        doc: addition.doc,
        since: laterOf(spec.variant, since, fields.get(parentOf(path))?.since),
        becomes: addition.becomes,
      });
    }
  }
  const result = order([...fields.values()]);
  cache.set(key, result);
  return result;
}

/** Ignition's fields of the spec's Ignition version, snake_cased, minus what Butane leaves out. */
function ignitionFields(spec: ButaneSpec): Map<string, ButaneField> {
  const out = new Map<string, ButaneField>();
  const removed = REMOVED.filter((r) => {
    const until = r.until[spec.variant];
    return until !== undefined && compareIn(spec.variant, spec.version, until) < 0;
  });
  for (const field of fieldsFor(spec.ignition)) {
    const path = field.path.split('.').map(snakeCase).join('.');
    if (path === 'ignition.version') continue;
    if (removed.some((r) => path === r.path || path.startsWith(`${r.path}.`) || path.startsWith(`${r.path}[]`)))
      continue;
    const doc = DOCS[path] ?? (path.endsWith('.source') ? DOCS['*.source'] : undefined) ?? snakeDoc(field.doc);
    out.set(path, {
      path,
      type: field.type,
      nullable: field.nullable,
      // Butane's inline and local stand in for a resource's source.
      required: field.required && !path.endsWith('.source'),
      doc,
      since: firstWith(spec.variant, field.since),
      ignition: field.path,
    });
  }
  return out;
}

/** Ignition's docs name fields in camelCase (`httpsProxy`): Butane's reader knows them snake_cased. */
function snakeDoc(doc: string): string {
  return doc.replace(/`([a-z]+[A-Z][A-Za-z]*)`/g, (_, name: string) => `\`${snakeCase(name)}\``);
}

/** The first version of a variant whose Ignition spec is `ignitionSince` or later. */
function firstWith(variant: string, ignitionSince: string): string {
  const all = versionsOf(variant);
  return (all.find((s) => compareVersions(s.ignition, ignitionSince) >= 0) ?? (all[0] as ButaneSpec)).version;
}

function laterOf(variant: string, a: string, b: string | undefined): string {
  return b && compareIn(variant, a, b) < 0 ? b : a;
}

/** Ignition's fields in Ignition's order; each of Butane's own after the last field inside its parent. */
function order(fields: ButaneField[]): ButaneField[] {
  const out = fields.filter((f) => f.ignition);
  for (const field of fields) {
    if (field.ignition) continue;
    const parent = parentOf(field.path);
    const inside = (p: string): boolean =>
      !parent || p === parent || p.startsWith(`${parent}.`) || p.startsWith(`${parent}[]`);
    // `variant` and `version` (required, top level) open a config; the other top-level sections close it.
    let at = !parent && field.required ? out.filter((f) => !f.ignition).length : out.length;
    if (parent) while (at > 0 && !inside((out[at - 1] as ButaneField).path)) at--;
    out.splice(at > 0 || !parent ? at : out.length, 0, field);
  }
  return out;
}

/** The field at a Butane path (`storage.files[].mode`) in a spec. */
export function butaneFieldAt(spec: ButaneSpec, path: string): ButaneField | undefined {
  return butaneFields(spec).find((f) => f.path === path);
}

/** The keys of the mapping at `parent` (a path of the table, '' for the top level). */
export function childrenOf(spec: ButaneSpec, parent: string): ButaneField[] {
  const prefix = parent ? `${parent}.` : '';
  return butaneFields(spec).filter(
    (f) => f.path.startsWith(prefix) && /^[a-z0-9_]+$/.test(f.path.slice(prefix.length)),
  );
}

/** The first version of the variant that has the path, when a later one does. */
export function firstSpecWith(variant: string, path: string): ButaneSpec | undefined {
  return versionsOf(variant).find((s) => butaneFields(s).some((f) => f.path === path));
}

/** Enumerated values of a field at a spec (`compression` of any resource), or undefined. */
export function valuesOf(spec: ButaneSpec, path: string): string[] | undefined {
  if (path === 'version') return versionsOf(spec.variant).map((s) => s.version);
  const list = VALUES[path] ?? (path.endsWith('.compression') ? VALUES.compression : undefined);
  if (list)
    return list
      .filter((v) => {
        const since = v.since?.[spec.variant];
        return !v.since || (since !== undefined && compareIn(spec.variant, spec.version, since) >= 0);
      })
      .map((v) => v.value);
  return butaneFieldAt(spec, path)?.type === 'boolean' ? ['true', 'false'] : undefined;
}
