/**
 * Which Butane behaviours a spec has, by the base spec it builds on (Butane's base/v0_N): fcos 1.0 → 1,
 * 1.1 → 2, 1.2 and 1.3 → 3, then fcos 1.N → N; flatcar 1.0 → 4, 1.1 → 5, 1.2.0-experimental → 8.
 */
import type { Decoded, DecodedObject } from './context';
import type { ButaneSpec } from './types';

/** The minor version of a `1.N.0[-experimental]` spec. */
export function minorOf(spec: Pick<ButaneSpec, 'version'>): number {
  const m = /^1\.(\d+)\./.exec(spec.version);
  return m ? Number(m[1]) : 0;
}

/** The base spec level (see above). */
export function baseLevel(spec: Pick<ButaneSpec, 'variant' | 'version'>): number {
  const minor = minorOf(spec);
  if (spec.variant === 'flatcar') return [4, 5, 8][minor] ?? 8;
  return [1, 2, 3, 3][minor] ?? minor;
}

export const isFcos = (spec: Pick<ButaneSpec, 'variant'>): boolean => spec.variant === 'fcos';

/** A decoded object field, or an empty object (Go's zero struct). */
export const objectAt = (v: Decoded | undefined): DecodedObject =>
  v !== undefined && typeof v === 'object' && !Array.isArray(v) ? v : {};

/** A decoded list field, or an empty list. */
export const listAt = (v: Decoded | undefined): Decoded[] => (Array.isArray(v) ? v : []);

/** A decoded string field, or undefined (Go's nil pointer). */
export const stringAt = (v: Decoded | undefined): string | undefined => (typeof v === 'string' ? v : undefined);

/** True only for a decoded `true` (Go's util.IsTrue on a *bool). */
export const isTrue = (v: Decoded | undefined): boolean => v === true;
