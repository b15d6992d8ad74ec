import type { ButaneSpec } from './translate/types';

/** Every variant/version Butane v0.29.0 translates for these operating systems, and the Ignition spec it emits. */
const SPECS: readonly ButaneSpec[] = [
  ['fcos', '1.0.0', '3.0.0'],
  ['fcos', '1.1.0', '3.1.0'],
  ['fcos', '1.2.0', '3.2.0'],
  ['fcos', '1.3.0', '3.2.0'],
  ['fcos', '1.4.0', '3.3.0'],
  ['fcos', '1.5.0', '3.4.0'],
  ['fcos', '1.6.0', '3.5.0'],
  ['fcos', '1.7.0', '3.6.0'],
  ['fcos', '1.8.0-experimental', '3.7.0-experimental'],
  ['flatcar', '1.0.0', '3.3.0'],
  ['flatcar', '1.1.0', '3.4.0'],
  ['flatcar', '1.2.0-experimental', '3.7.0-experimental'],
].map(([variant, version, ignition]) => ({
  variant: variant as ButaneSpec['variant'],
  version: version as string,
  ignition: ignition as string,
  experimental: (version as string).endsWith('-experimental'),
}));

export const VARIANTS = ['fcos', 'flatcar'] as const;

/** The versions of a variant, oldest first. */
export function versionsOf(variant: string): string[] {
  return SPECS.filter((s) => s.variant === variant).map((s) => s.version);
}

/** The newest stable version of a variant (what a new config should name). */
export function latestStable(variant: string): string | undefined {
  return versionsOf(variant)
    .filter((v) => !v.endsWith('-experimental'))
    .pop();
}

/**
 * A version string as Butane's semver library reads it (`major.minor.patch[-pre][+meta]`, numbers
 * re-printed, so `01.5.0` is `1.5.0`), or undefined when it is not one.
 */
export function canonicalVersion(text: string): string | undefined {
  let rest = text;
  const plus = rest.indexOf('+');
  const meta = plus >= 0 ? rest.slice(plus + 1) : undefined;
  if (plus >= 0) rest = rest.slice(0, plus);
  const dash = rest.indexOf('-');
  const pre = dash >= 0 ? rest.slice(dash + 1) : undefined;
  if (dash >= 0) rest = rest.slice(0, dash);
  const parts = rest.split('.');
  if (parts.length !== 3) return undefined;
  const ident = /^[0-9A-Za-z-]+(\.[0-9A-Za-z-]+)*$/;
  if ((pre !== undefined && !ident.test(pre)) || (meta !== undefined && !ident.test(meta))) return undefined;
  const numbers = parts.map((p) => (/^[+-]?\d+$/.test(p) ? BigInt(p) : undefined));
  const LIMIT = 2n ** 63n;
  if (numbers.some((n) => n === undefined || n >= LIMIT || n < -LIMIT)) return undefined;
  return numbers.join('.') + (pre ? `-${pre}` : '') + (meta ? `+${meta}` : '');
}

/** The spec a variant and (canonical) version name, if Butane has it. */
export function specOf(variant: string, version: string): ButaneSpec | undefined {
  return SPECS.find((s) => s.variant === variant && s.version === version);
}

/** -1, 0 or 1 comparing two versions of one variant by their order in the table. */
export function compareButane(variant: string, a: string, b: string): number {
  const list = versionsOf(variant);
  return Math.sign(list.indexOf(a) - list.indexOf(b));
}
