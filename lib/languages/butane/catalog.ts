/**
 * Butane's facts, the only reader of their data: which fields exist in each variant/version and how they
 * decode (lib/data/butane-schema.json, for the decoder and the editor alike), and for the editor their docs
 * (Ignition's from ../ignition/catalog.ts with snake_case names; Butane's own from lib/data/butane-docs.json)
 * and the Ignition field each one becomes.
 */
import data from '../../data/butane-docs.json';
import schemaData from '../../data/butane-schema.json';
import { fieldsFor, type FieldSpec } from '../ignition/catalog';
import type { ButaneSpec } from './translate/types';
import {
  canonicalVersion,
  compareButane,
  latestStable as newestStable,
  specOf as knownSpec,
  VARIANTS,
  versionsOf as versions,
} from './versions';

export { VARIANTS };

// The schema: which fields exist, per variant/version, and their Go types (the decoder's table).

/** How a Butane field decodes: Go's string, int, bool, struct, []string or []struct. */
export type FieldType = 'string' | 'int' | 'bool' | 'object' | 'strings' | 'objects';

/** One Butane field, with the first version of each variant that has it (none: the variant lacks it). */
export interface SchemaField {
  type: FieldType;
  fcos: string;
  flatcar?: string;
  /** The fields of an object, or of each object of a list. */
  fields?: Record<string, SchemaField>;
}

const ROOT: SchemaField = {
  type: 'object',
  fcos: '1.0.0',
  flatcar: '1.0.0',
  fields: schemaData.fields as Record<string, SchemaField>,
};

/** The root of the schema (every field of every version; filter with `inSpec`). */
export function schemaRoot(): SchemaField {
  return ROOT;
}

/** True when the spec has this field. */
export function inSpec(field: SchemaField, spec: Pick<ButaneSpec, 'variant' | 'version'>): boolean {
  const since = field[spec.variant];
  return since !== undefined && compareButane(spec.variant, spec.version, since) >= 0;
}

/** The fields of an object field that exist in the spec. */
export function fieldsIn(field: SchemaField, spec: Pick<ButaneSpec, 'variant' | 'version'>): Map<string, SchemaField> {
  const out = new Map<string, SchemaField>();
  for (const [key, child] of Object.entries(field.fields ?? {})) if (inSpec(child, spec)) out.set(key, child);
  return out;
}

/** The field at a Butane path (indexes skipped), whatever the version, or undefined. */
export function fieldAtPath(path: readonly (string | number)[]): SchemaField | undefined {
  let at: SchemaField | undefined = ROOT;
  for (const part of path) {
    if (typeof part === 'number') continue;
    at = at?.fields?.[part];
    if (!at) return undefined;
  }
  return at;
}

// The editor's view: the fields of one spec with their docs.

/** The spec a config names (its version as Butane's semver reads it: `01.5.0` is 1.5.0), when we know it. */
export function specOf(variant: string | undefined, version: string | undefined): ButaneSpec | undefined {
  return variant && version ? knownSpec(variant, canonicalVersion(version) ?? version) : undefined;
}

/** A variant's specs, oldest first. */
export function versionsOf(variant: string): ButaneSpec[] {
  return versions(variant).flatMap((v) => knownSpec(variant, v) ?? []);
}

/** A variant's newest stable spec (fcos when the variant is not one we know). */
export function latestStable(variant: string | undefined): ButaneSpec {
  const known = variant && newestStable(variant) ? variant : 'fcos';
  return knownSpec(known, newestStable(known) as string) as ButaneSpec;
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

interface Own {
  path: string;
  required?: boolean;
  doc: string;
  becomes: string;
}

const OWN = data.fields as Own[];
const NOT_OFFERED = data.notOffered as { path: string; until: Partial<Record<string, string>> }[];
const DOCS = data.docs as Record<string, string>;
const VALUES = data.values as Record<string, { value: string; since?: Partial<Record<string, string>> }[]>;

const TYPES: Record<SchemaField['type'], FieldSpec['type']> = {
  string: 'string',
  int: 'integer',
  bool: 'boolean',
  object: 'object',
  strings: 'array',
  objects: 'array',
};

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

/** Ignition's fields of an Ignition spec by their Butane path. */
function ignitionBySnakePath(ignition: string): Map<string, FieldSpec> {
  return new Map(fieldsFor(ignition).map((f) => [f.path.split('.').map(snakeCase).join('.'), f]));
}

/** The docs entry of a field of Butane's own (`*.inline` stands for every resource's). */
function ownEntry(path: string): Own | undefined {
  return OWN.find((o) => o.path === path || (o.path.startsWith('*.') && path.endsWith(o.path.slice(1))));
}

const cache = new Map<string, ButaneField[]>();

/** Every field of a config at `spec`, in the schema's order, list items as `path[]`. */
export function butaneFields(spec: ButaneSpec): ButaneField[] {
  const key = `${spec.variant}/${spec.version}`;
  const cached = cache.get(key);
  if (cached) return cached;
  const ignition = ignitionBySnakePath(spec.ignition);
  const out: ButaneField[] = [];
  const add = (path: string, type: FieldSpec['type'], since: string): void => {
    const from = ignition.get(path);
    const own = from ? undefined : ownEntry(path);
    out.push({
      path,
      type,
      nullable: from?.nullable ?? false,
      // Butane's inline and local stand in for a resource's source.
      required: (from?.required ?? own?.required ?? false) && !path.endsWith('.source'),
      doc: docOf(path, from, own),
      since,
      ...(from ? { ignition: from.path } : { becomes: own?.becomes ?? '' }),
    });
  };
  const walk = (field: SchemaField, prefix: string, parentSince: string): void => {
    for (const [name, child] of fieldsIn(field, spec)) {
      const path = prefix ? `${prefix}.${name}` : name;
      if (refused(spec, path)) continue;
      const since = later(spec.variant, child[spec.variant] as string, parentSince);
      add(path, TYPES[child.type], since);
      if (child.type === 'strings') add(`${path}[]`, 'string', since);
      if (child.type === 'objects') add(`${path}[]`, 'object', since);
      if (child.fields) walk(child, child.type === 'objects' ? `${path}[]` : path, since);
    }
  };
  walk(schemaRoot(), '', (versions(spec.variant)[0] as string) ?? spec.version);
  cache.set(key, out);
  return out;
}

function docOf(path: string, from: FieldSpec | undefined, own: Own | undefined): string {
  if (DOCS[path]) return DOCS[path];
  if (from) return path.endsWith('.source') ? (DOCS['*.source'] as string) : snakeDoc(from.doc);
  return own?.doc ?? '';
}

/** A field the variant decodes but refuses at this version (flatcar's clevis before 1.2.0-experimental). */
function refused(spec: ButaneSpec, path: string): boolean {
  return NOT_OFFERED.some((r) => {
    const until = r.until[spec.variant];
    return path === r.path && until !== undefined && compareButane(spec.variant, spec.version, until) < 0;
  });
}

function later(variant: string, a: string, b: string): string {
  return compareButane(variant, a, b) < 0 ? b : a;
}

/** Ignition's docs name fields in camelCase (`httpsProxy`): Butane's reader knows them snake_cased. */
function snakeDoc(doc: string): string {
  return doc.replace(/`([a-z]+[A-Z][A-Za-z]*)`/g, (_, name: string) => `\`${snakeCase(name)}\``);
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
        return !v.since || (since !== undefined && compareButane(spec.variant, spec.version, since) >= 0);
      })
      .map((v) => v.value);
  return butaneFieldAt(spec, path)?.type === 'boolean' ? ['true', 'false'] : undefined;
}
