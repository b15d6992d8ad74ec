import type { ErrorObject, ValidateFunction } from 'ajv';
import { findNodeAtLocation, getNodeValue, type Node } from 'jsonc-parser';

/** An ajv error placed on the text: the value, the unknown key, or the object missing a property. */
export interface PlacedError {
  error: ErrorObject;
  start: number;
  end: number;
  /** `storage.files[0].mode` */
  where: string;
  /** For `additionalProperties`: the unknown key. */
  key?: string;
}

/** The value with every `null` object member left out (for readers, like Go's, to whom null is absent). */
export function withoutNullMembers(value: unknown): unknown {
  // Most configs have no null member: then the value is its own answer, with nothing copied.
  if (!hasNullMember(value)) return value;
  if (Array.isArray(value)) return value.map(withoutNullMembers);
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const [key, member] of Object.entries(value)) if (member !== null) out[key] = withoutNullMembers(member);
  return out;
}

function hasNullMember(value: unknown): boolean {
  if (value === null || typeof value !== 'object') return false;
  if (Array.isArray(value)) return value.some(hasNullMember);
  for (const key in value) {
    const member = (value as Record<string, unknown>)[key];
    if (member === null || hasNullMember(member)) return true;
  }
  return false;
}

export function pathOf(pointer: string): (string | number)[] {
  return pointer
    .split('/')
    .slice(1)
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((s) => (/^\d+$/.test(s) ? Number(s) : s));
}

/** `/storage/files/0/mode` → `storage.files[0].mode` */
export function dotted(pointer: string): string {
  return pathOf(pointer)
    .map((p) => (typeof p === 'number' ? `[${p}]` : `.${p}`))
    .join('')
    .replace(/^\./, '');
}

/**
 * Runs `validate` on the parsed tree (or on `value`, a form of it with the same paths) and places every
 * error at the range a user would fix. `root` may be a getter: the tree is asked for only when there are
 * errors to place.
 */
export function placeErrors(
  root: Node | (() => Node | undefined),
  validate: ValidateFunction,
  value: unknown = typeof root === 'function' ? undefined : getNodeValue(root),
): PlacedError[] {
  if (validate(value)) return [];
  const tree = typeof root === 'function' ? root() : root;
  if (!tree) return [];
  const placed: PlacedError[] = [];
  for (const error of validate.errors ?? []) {
    const node = findNodeAtLocation(tree, pathOf(error.instancePath)) ?? tree;
    const key = error.keyword === 'additionalProperties' ? String(error.params.additionalProperty) : undefined;
    const keyNode = key ? findNodeAtLocation(node, [key])?.parent?.children?.[0] : undefined;
    // A missing property goes on the key that holds the object, or on the root's `{`.
    const holder =
      error.keyword === 'required'
        ? node.parent?.type === 'property'
          ? node.parent.children?.[0]
          : { offset: node.offset, length: 1 }
        : undefined;
    const target = keyNode ?? holder ?? node;
    placed.push({
      error,
      start: target.offset,
      end: target.offset + target.length,
      where: dotted(error.instancePath),
      ...(key ? { key } : {}),
    });
  }
  return placed;
}
