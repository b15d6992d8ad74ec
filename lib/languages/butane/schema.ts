import data from '../../data/butane-schema.json';
import type { ButaneSpec } from './translate/types';
import { compareButane } from './versions';

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
  fields: data.fields as Record<string, SchemaField>,
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
