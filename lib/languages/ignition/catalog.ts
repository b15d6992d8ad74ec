import data from '../../data/ignition-spec.json';

/** One field of the config at one spec version. */
export interface FieldSpec {
  /** `storage.files[].path` style path. */
  path: string;
  type: 'object' | 'array' | 'string' | 'integer' | 'boolean';
  nullable: boolean;
  required: boolean;
  doc: string;
  since: string;
}

type Row = [string, string, string, string, string];

export const SPEC_ORDER: readonly string[] = data.versions;

/** -1, 0 or 1 by position in the spec's version list (unknown versions sort last). */
export function compareVersions(a: string, b: string): number {
  const ia = SPEC_ORDER.indexOf(a);
  const ib = SPEC_ORDER.indexOf(b);
  return (ia < 0 ? Infinity : ia) - (ib < 0 ? Infinity : ib) || 0;
}

function parseType(type: string): { type: FieldSpec['type']; nullable: boolean } {
  return { type: type.replace('?', '') as FieldSpec['type'], nullable: type.endsWith('?') };
}

/** `required`, `required<3.3.0` (before that version) or `required>=3.4.0` (from that version on). */
function isRequired(flags: string, version: string): boolean {
  const m = /required(?:(<|>=)([\w.-]+))?/.exec(flags);
  if (!m) return false;
  if (!m[1]) return true;
  const order = compareVersions(version, m[2] as string);
  return m[1] === '<' ? order < 0 : order >= 0;
}

const cache = new Map<string, FieldSpec[]>();

/** Every field that exists at `version`, shapes expanded, in a stable order. */
export function fieldsFor(version: string): FieldSpec[] {
  const cached = cache.get(version);
  if (cached) return cached;
  const out = new Map<string, FieldSpec>();
  const add = (row: Row, prefix = ''): void => {
    const [path, type, since, flags, doc] = row;
    const start = since || '3.0.0';
    if (compareVersions(version, start) < 0) return;
    const full = prefix + path;
    if (full && !out.has(full))
      out.set(full, { path: full, ...parseType(type), required: isRequired(flags, version), doc, since: start });
    const shape = /shape:(\w+)/.exec(flags)?.[1];
    if (shape) {
      for (const inner of (data.shapes as unknown as Record<string, Row[]>)[shape] ?? []) {
        const [p, t, s, f, d] = inner;
        // A shape row inherits the field's own since when it has none.
        add([p, t, s || start, f, d], full);
      }
    }
  };
  for (const row of data.fields as unknown as Row[]) add(row);
  const fields = [...out.values()];
  cache.set(version, fields);
  return fields;
}

const indexes = new Map<string, ReadonlyMap<string, FieldSpec>>();

/** The fields that exist at `version` by path (made once per version: rules ask it of every config). */
export function fieldIndexFor(version: string): ReadonlyMap<string, FieldSpec> {
  let index = indexes.get(version);
  if (!index) indexes.set(version, (index = new Map(fieldsFor(version).map((f) => [f.path, f]))));
  return index;
}

export function fieldAt(version: string, path: string): FieldSpec | undefined {
  return fieldIndexFor(version).get(path);
}

/** The earliest version in which a path exists, if any. */
export function firstVersionWith(path: string): string | undefined {
  return SPEC_ORDER.find((v) => fieldIndexFor(v).has(path));
}

interface JsonSchema {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  description?: string;
}

/** A JSON Schema (draft-07) for one version: types and required fields; unknown keys are left to a rule. */
export function schemaFor(version: string): JsonSchema {
  const root: JsonSchema = { type: 'object', properties: {}, required: [] };
  const nodes = new Map<string, JsonSchema>([['', root]]);
  for (const field of fieldsFor(version)) {
    const node: JsonSchema = { type: field.nullable ? [field.type, 'null'] : field.type, description: field.doc };
    if (field.type === 'object') node.properties = {};
    nodes.set(field.path, node);
    const arrayItem = field.path.endsWith('[]');
    const parentPath = arrayItem
      ? field.path.slice(0, -2)
      : field.path.slice(0, Math.max(0, field.path.lastIndexOf('.')));
    const parent = nodes.get(parentPath);
    if (!parent) continue;
    if (arrayItem) parent.items = node;
    else {
      const key = field.path.slice(parentPath ? parentPath.length + 1 : 0);
      (parent.properties ??= {})[key] = node;
      if (field.required) (parent.required ??= []).push(key);
    }
  }
  return root;
}
