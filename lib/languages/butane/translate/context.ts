/**
 * The shared state one translation works on. The core (index.ts, base.ts) builds it; the variant steps
 * (fcos.ts, flatcar.ts, bootDevice.ts, grub.ts, mountUnits.ts, trees.ts) read the decoded config from it,
 * add to the Ignition config, record where each Ignition path came from, and report. Keep this file stable:
 * changes are additive.
 */
import type { ButaneReport, ConfigPath } from '../ast';
import type { ButaneSpec, TranslateOptions } from './types';

/**
 * A Butane value after decoding with Butane's (go-yaml v3) rules against the schema of its spec: ints are
 * numbers (`0644` → 420), bools are booleans, strings are strings. Keys are Butane's (snake_case). A `null`
 * or absent field is absent (Go's nil pointer); an unknown key is dropped (it was reported). A `null` list
 * item that is an object decodes to `{}` (Go's zero struct). Decoding stops the translation on a type error,
 * so a step may trust the types of the schema.
 */
export type Decoded = boolean | number | string | Decoded[] | DecodedObject;
export interface DecodedObject {
  [key: string]: Decoded | undefined;
}

/** A plain JSON value of the Ignition config being built (camelCase keys, as Ignition has them). */
export type Json = null | boolean | number | string | Json[] | JsonObject;
export interface JsonObject {
  [key: string]: Json | undefined;
}

export type Level = ButaneReport['level'];

const keyOf = (path: ConfigPath): string => JSON.stringify(path);

function startsWith(path: ConfigPath, prefix: ConfigPath): boolean {
  return prefix.length <= path.length && prefix.every((part, i) => path[i] === part);
}

/** Every path inside a JSON value, relative to it (objects' keys and arrays' indexes; not the value itself). */
export function pathsIn(value: unknown): ConfigPath[] {
  const out: ConfigPath[] = [];
  const walk = (v: unknown, at: ConfigPath): void => {
    const children: [string | number, unknown][] = Array.isArray(v)
      ? v.map((item, i): [number, unknown] => [i, item])
      : v !== null && typeof v === 'object'
        ? Object.entries(v)
        : [];
    for (const [k, item] of children) {
      if (item === undefined) continue;
      walk(item, [...at, k]);
      out.push([...at, k]);
    }
  };
  walk(value, []);
  return out;
}

/**
 * Where each Ignition path came from (Ignition path → Butane path), as Butane's TranslationSet. A later
 * entry for the same Ignition path replaces the earlier one. `addFromCommonSource` also covers every path
 * below its prefix that has no entry of its own (Butane lists the zero fields of the struct too, so a finding
 * about a missing field maps back to the common source).
 */
export class TranslationSet {
  private readonly entries = new Map<string, { from: ConfigPath; to: ConfigPath }>();
  private readonly commons = new Map<string, { from: ConfigPath; to: ConfigPath }>();

  /** `to` (Ignition) was produced by `from` (Butane). */
  add(from: ConfigPath, to: ConfigPath): void {
    this.entries.set(keyOf(to), { from: [...from], to: [...to] });
  }

  /** `toPrefix` and everything in `value` (the Ignition value at `toPrefix`) come from one Butane path. */
  addFromCommonSource(common: ConfigPath, toPrefix: ConfigPath, value: unknown): void {
    for (const p of pathsIn(value)) this.add(common, [...toPrefix, ...p]);
    this.add(common, toPrefix);
    this.commons.set(keyOf(toPrefix), { from: [...common], to: [...toPrefix] });
  }

  /** Each path in `value` below `toPrefix` comes from the same path below `fromPrefix`. */
  addFromCommonObject(fromPrefix: ConfigPath, toPrefix: ConfigPath, value: unknown): void {
    for (const p of pathsIn(value)) this.add([...fromPrefix, ...p], [...toPrefix, ...p]);
    this.add(fromPrefix, toPrefix);
  }

  /** The Butane path of an Ignition path: its own entry, else the nearest common source above it. */
  get(to: ConfigPath): ConfigPath | undefined {
    const own = this.entries.get(keyOf(to));
    if (own) return own.from;
    let best: { from: ConfigPath; to: ConfigPath } | undefined;
    for (const c of this.commons.values())
      if (startsWith(to, c.to) && (!best || c.to.length > best.to.length)) best = c;
    return best?.from;
  }

  /** Every entry (Ignition path → Butane path), in insertion order. */
  list(): { from: ConfigPath; to: ConfigPath }[] {
    return [...this.entries.values()];
  }

  /** Removes the entry of one Ignition path (e.g. before moving a list item). */
  delete(to: ConfigPath): void {
    this.entries.delete(keyOf(to));
    this.commons.delete(keyOf(to));
  }

  /** Removes every entry at or below an Ignition path and returns them (to re-add them elsewhere). */
  take(toPrefix: ConfigPath): { from: ConfigPath; to: ConfigPath }[] {
    const taken: { from: ConfigPath; to: ConfigPath }[] = [];
    for (const [k, e] of this.entries) {
      if (!startsWith(e.to, toPrefix)) continue;
      taken.push(e);
      this.entries.delete(k);
    }
    for (const [k, e] of this.commons) if (startsWith(e.to, toPrefix)) this.commons.delete(k);
    return taken;
  }
}

/**
 * Reads a `local` file for the Butane field at `path` (e.g. `['storage','files',0,'contents','local']`):
 * `relative` resolved under `TranslateOptions.filesDir`, confined to it, a regular file, size-capped.
 * Returns undefined after reporting the problem itself at `path` (butane.localFile), Butane's wording.
 * Implemented in local.ts (`readLocal(ctx, path, relative)`), bound to the context by index.ts.
 */
export type LocalReader = (path: ConfigPath, relative: string) => Buffer | undefined;

/** One translation in progress. */
export interface TranslateContext {
  readonly spec: ButaneSpec;
  readonly options: TranslateOptions;
  /** The decoded Butane config (see Decoded). */
  readonly source: DecodedObject;
  /** The offsets of the YAML node at a Butane path (value, or key with `key: true`), or the nearest existing parent. */
  spanOf(path: ConfigPath, key?: boolean): { start: number; end: number };
  /** The Ignition config being built (starts as `{ ignition: { version } }` plus what base.ts produced). */
  readonly ignition: JsonObject;
  /** Ignition path → Butane path. */
  readonly translations: TranslationSet;
  /** Reports so far (Butane's order). Use `report` / `reportIgnition` to add. */
  readonly reports: ButaneReport[];
  /** Reports at a Butane path (span from spanOf; `key: true` puts it on the key, as for an unused key). */
  report(rule: string, level: Level, path: ConfigPath, message: string, key?: boolean): void;
  /**
   * Reports at an Ignition path of the output (as Butane's `json` paths): mapped to the Butane path through
   * `translations` when the translation ends (so entries added later still count), else through the
   * snake_case fallback Butane uses.
   */
  reportIgnition(rule: string, level: Level, ignitionPath: ConfigPath, message: string): void;
  /** Reads a `local` file (see LocalReader). */
  readLocal: LocalReader;
  /** True once an error was reported (Butane stops before producing output). */
  failed(): boolean;
}
