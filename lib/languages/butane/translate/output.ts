/**
 * The last step before the JSON is written: Go's marshalling of Ignition's types. A required string field
 * (non-pointer: `path`, `name`, `device`, …) is always written, empty when unset; an object or list that holds
 * nothing is left out (omitempty); keys come in the order of Ignition's Go structs.
 */
import { compareVersions, fieldsFor, type FieldSpec } from '../../ignition/catalog';
import type { Json, JsonObject } from './context';

interface Shape {
  children: Map<string, FieldSpec>;
}

const shapes = new Map<string, Map<string, Shape>>();

/** The catalog of one Ignition version as parent path → its fields. */
function shapesOf(version: string): Map<string, Shape> {
  const cached = shapes.get(version);
  if (cached) return cached;
  const out = new Map<string, Shape>();
  for (const field of fieldsFor(version)) {
    if (field.path.endsWith('[]')) continue;
    const dot = field.path.lastIndexOf('.');
    const parent = dot < 0 ? '' : field.path.slice(0, dot);
    const shape = out.get(parent) ?? { children: new Map() };
    shape.children.set(field.path.slice(dot + 1), field);
    out.set(parent, shape);
  }
  shapes.set(version, out);
  return out;
}

/** Go's zero value test for a finished member (a pointer to "" is not zero; a plain "" is). */
function isZero(value: Json | undefined, field: FieldSpec | undefined, table: Map<string, Shape>, at: string): boolean {
  if (value === undefined || value === null) return true;
  if (Array.isArray(value)) return value.length === 0;
  if (typeof value === 'object') {
    const shape = table.get(at);
    return Object.entries(value).every(([k, v]) => isZero(v, shape?.children.get(k), table, `${at}.${k}`));
  }
  if (field && !field.nullable) return value === '' || value === 0 || value === false;
  return false;
}

/** Fields the Node types (files, directories, links) list first in Go, before their own. */
const NODE_FIRST = ['group', 'overwrite', 'path', 'user'];
/** Keys that Go's structs list out of alphabetical order (added to a struct later). */
const LAST: Record<string, string[]> = { tang: ['advertisement'] };

/** The order Go writes an object's keys in: its struct's field order (alphabetical by Go field name). */
function ordered(keys: string[], parentPath: string): string[] {
  const goName = (k: string): string => k.charAt(0).toUpperCase() + k.slice(1);
  const sorted = [...keys].sort((a, b) => (goName(a) < goName(b) ? -1 : goName(a) > goName(b) ? 1 : 0));
  const last = parentPath.endsWith('tang[]') ? (LAST.tang ?? []) : [];
  const isNode = /^storage\.(files|directories|links)\[\]$/.test(parentPath);
  const first = isNode ? NODE_FIRST.filter((k) => keys.includes(k)) : [];
  return [
    ...first,
    ...sorted.filter((k) => !first.includes(k) && !last.includes(k)),
    ...last.filter((k) => keys.includes(k)),
  ];
}

/** Strings that are plain (non-pointer) Go fields in early specs though the catalog lets them be null. */
const PLAIN_BEFORE: Record<string, { fields: string[]; until: string }> = {
  'storage.luks[].clevis.custom': { fields: ['config', 'pin'], until: '3.3.0' },
  'storage.links[]': { fields: ['target'], until: '3.3.0' },
  'ignition.security.tls.certificateAuthorities[]': { fields: ['source'], until: '3.1.0' },
};

/** Pointer fields Go writes as `null` when unset (no omitempty) in early specs. */
const NULL_BEFORE: Record<string, { fields: string[]; until: string }> = {
  'ignition.config.merge[]': { fields: ['source'], until: '3.1.0' },
};

/** An object of the config at catalog path `at`: required strings filled, empty members dropped, Go's order. */
function finishObject(value: JsonObject, at: string, table: Map<string, Shape>, version: string): JsonObject {
  const shape = table.get(at);
  const out: JsonObject = {};
  for (const [name, field] of shape?.children ?? [])
    if (field.type === 'string' && !field.nullable && value[name] === undefined) value[name] = '';
  const plain = PLAIN_BEFORE[at];
  if (plain && compareVersions(version, plain.until) < 0)
    for (const name of plain.fields) if (value[name] === undefined) value[name] = '';
  const nulled = NULL_BEFORE[at];
  if (nulled && compareVersions(version, nulled.until) < 0)
    for (const name of nulled.fields) if (value[name] === undefined) value[name] = null;
  for (const key of ordered(Object.keys(value), at)) {
    const field = shape?.children.get(key);
    const path = `${at ? `${at}.` : ''}${key}`;
    const v = finish(value[key], path, table, version);
    if (v === undefined) continue;
    if (typeof v === 'object' && v !== null && isZero(v, field, table, path)) continue;
    if (typeof v === 'number' && field?.type === 'integer' && !field.nullable && v === 0) continue;
    out[key] = v;
  }
  return out;
}

function finish(value: Json | undefined, at: string, table: Map<string, Shape>, version: string): Json | undefined {
  if (Array.isArray(value)) return value.map((item) => finish(item, `${at}[]`, table, version) ?? null);
  if (value !== null && typeof value === 'object') return finishObject(value, at, table, version);
  return value;
}

/** The config as Butane writes it for an Ignition version (see the file comment). */
export function finishIgnition(config: JsonObject, version: string): JsonObject {
  return finishObject(config, '', shapesOf(version), version);
}
