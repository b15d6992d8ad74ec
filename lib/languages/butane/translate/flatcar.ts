/**
 * Flatcar's field filters: fields the schema reads but the spec does not support, refused on the translated
 * config (Butane's FieldFilters). Flatcar 1.0 and 1.1 have no Clevis for `storage.luks`; 1.2 has, but no CEX.
 */
import type { ConfigPath } from '../ast';
import { BUTANE } from '../ruleIds';
import type { Json, TranslateContext } from './context';
import { minorOf } from './features';

/** Ignition paths (list indexes left out) that a flatcar version refuses, and why. */
function filtersOf(minor: number): Record<string, string> {
  if (minor >= 2) {
    return {
      'storage.luks.cex': 'cex is not currently supported on the target platform. Use Clevis or a key_file on Flatcar.',
    };
  }
  return {
    'storage.luks.clevis':
      'clevis is not supported in this spec version. Unlock the volume with a key_file, or use flatcar 1.2.0-experimental.',
  };
}

/** Butane's emptiness: no value other than empty lists and objects (a `false` or `0` is a value). */
function isEmpty(value: Json | undefined): boolean {
  if (value === undefined || value === null) return true;
  if (Array.isArray(value)) return value.length === 0;
  if (typeof value === 'object') return Object.values(value).every(isEmpty);
  return false;
}

/** Reports each non-empty filtered field of the config at its Ignition path (mapped back by the context). */
export function filterFlatcar(ctx: TranslateContext): void {
  const filters = filtersOf(minorOf(ctx.spec));
  if (Object.keys(filters).length === 0) return;
  const walk = (value: Json | undefined, filter: string, at: ConfigPath): void => {
    const why = filters[filter];
    if (why !== undefined) {
      if (!isEmpty(value)) ctx.reportIgnition(BUTANE.unsupported, 'error', at, why);
      return;
    }
    if (Array.isArray(value)) value.forEach((item, i) => walk(item, filter, [...at, i]));
    else if (value !== null && typeof value === 'object') {
      for (const [k, v] of Object.entries(value)) walk(v, filter === '' ? k : `${filter}.${k}`, [...at, k]);
    }
  };
  walk(ctx.ignition, '', []);
}
