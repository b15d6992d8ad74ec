/**
 * Ignition's config merge, as Butane uses it to lay a generated config (boot device, GRUB users, mount units)
 * under the user's: the user's entries win, list entries with the same key are merged, the rest appended.
 * Like Butane, it rebuilds the translation set from what the merge copied, so a result path keeps the Butane
 * path of the side it came from (the user's side when both gave it).
 */
import type { ConfigPath } from '../ast';
import { type Json, type JsonObject, TranslationSet } from './context';

type Side = 'parent' | 'child';
interface Mapping {
  side: Side;
  from: ConfigPath;
  to: ConfigPath;
}

/** Lists whose entries are keyed by a field (others hold plain values, keyed by themselves). */
const KEY_FIELD: Record<string, string> = {
  disks: 'device',
  filesystems: 'device',
  files: 'path',
  directories: 'path',
  links: 'path',
  luks: 'name',
  raid: 'name',
  tang: 'url',
  httpHeaders: 'name',
  units: 'name',
  dropins: 'name',
  users: 'name',
  groups: 'name',
  merge: 'source',
  certificateAuthorities: 'source',
};

/** Lists that share one key space (a file and a link at one path are the same node). */
const HANDLE: Record<string, string> = { files: 'node', directories: 'node', links: 'node' };

/** Lists appended without merging entries. */
const APPEND_ONLY = new Set(['append']);

const isObject = (v: Json | undefined): v is JsonObject => v !== null && typeof v === 'object' && !Array.isArray(v);

function keyOf(field: string, item: Json): string {
  if (!isObject(item)) return JSON.stringify(item);
  if (field === 'partitions') {
    const n = item.number;
    if (typeof n === 'number' && n !== 0) return `number:${n}`;
    return typeof item.label === 'string' ? `label:${item.label}` : '';
  }
  const k = item[KEY_FIELD[field] ?? 'name'];
  return typeof k === 'string' ? k : JSON.stringify(k ?? '');
}

const isZero = (v: Json): boolean => v === false || v === 0 || v === '' || v === null;

const isEmptyObject = (v: Json | undefined): boolean => !isObject(v) || Object.keys(v).length === 0;

class Merger {
  readonly mappings: Mapping[] = [];

  one(side: Side, from: ConfigPath, to: ConfigPath): void {
    this.mappings.push({ side, from, to });
  }

  /** Copies a whole value from one side: every leaf, and each object or list that holds one (Ignition's transcript). */
  transcribe(side: Side, from: ConfigPath, to: ConfigPath, value: Json, pointer = true): boolean {
    let any = false;
    if (Array.isArray(value)) {
      value.forEach((item, i) => {
        any = this.transcribe(side, [...from, i], [...to, i], item, false) || any;
      });
    } else if (isObject(value)) {
      for (const [k, v] of Object.entries(value))
        if (v !== undefined) any = this.transcribe(side, [...from, k], [...to, k], v) || any;
    } else {
      // A plain list item is a Go value, not a pointer: a zero one is not copied.
      any = pointer || !isZero(value);
    }
    if (any) this.one(side, from, to);
    return any;
  }

  /** A struct field: one side's whole when the other's is empty, else merged, with both sides recorded. */
  private struct(p: Json | undefined, c: Json | undefined, paths: ConfigPath[]): Json | undefined {
    const [pk, ck, rk] = paths as [ConfigPath, ConfigPath, ConfigPath];
    if (isEmptyObject(c)) {
      if (isEmptyObject(p)) return undefined;
      this.transcribe('parent', pk, rk, p as Json);
      return p;
    }
    if (isEmptyObject(p)) {
      this.transcribe('child', ck, rk, c as Json);
      return c;
    }
    const merged = this.object(p as JsonObject, pk, c as JsonObject, ck, rk);
    this.one('parent', pk, rk);
    this.one('child', ck, rk);
    return merged;
  }

  object(parent: JsonObject, pPath: ConfigPath, child: JsonObject, cPath: ConfigPath, rPath: ConfigPath): JsonObject {
    const result: JsonObject = {};
    const keys = new Set([...Object.keys(parent), ...Object.keys(child)]);
    for (const k of keys) {
      const p = parent[k];
      const c = child[k];
      const paths = [
        [...pPath, k],
        [...cPath, k],
        [...rPath, k],
      ];
      let value: Json | undefined;
      if (isObject(p) || isObject(c)) value = this.struct(p, c, paths);
      else if (Array.isArray(p) || Array.isArray(c)) {
        const merged = APPEND_ONLY.has(k) ? this.appended(p ?? [], c ?? [], paths) : this.list(k, parent, child, paths);
        value = merged.length > 0 ? merged : undefined;
      } else if (c !== undefined) {
        value = c;
        this.transcribe('child', paths[1] as ConfigPath, paths[2] as ConfigPath, c);
      } else if (p !== undefined) {
        value = p;
        this.transcribe('parent', paths[0] as ConfigPath, paths[2] as ConfigPath, p);
      }
      if (value !== undefined) result[k] = value;
    }
    return result;
  }

  appended(p: Json, c: Json, paths: ConfigPath[]): Json[] {
    const [pPath, cPath, rPath] = paths as [ConfigPath, ConfigPath, ConfigPath];
    const ps = Array.isArray(p) ? p : [];
    const cs = Array.isArray(c) ? c : [];
    ps.forEach((item, i) => this.transcribe('parent', [...pPath, i], [...rPath, i], item, false));
    cs.forEach((item, i) => this.transcribe('child', [...cPath, i], [...rPath, ps.length + i], item, false));
    if (ps.length > 0) this.one('parent', pPath, rPath);
    if (cs.length > 0) this.one('child', cPath, rPath);
    return [...ps, ...cs];
  }

  /** Where each key of the child's lists sharing a handle is (the last entry with a key wins, as in Go). */
  private childIndex(child: JsonObject): Map<string, { field: string; index: number }> {
    const index = new Map<string, { field: string; index: number }>();
    for (const [field, list] of Object.entries(child)) {
      if (!Array.isArray(list) || APPEND_ONLY.has(field)) continue;
      const handle = HANDLE[field] ?? field;
      list.forEach((item, i) => index.set(`${handle}\u0000${keyOf(field, item)}`, { field, index: i }));
    }
    return index;
  }

  list(field: string, parent: JsonObject, child: JsonObject, paths: ConfigPath[]): Json[] {
    const [pPath, cPath, rPath] = paths as [ConfigPath, ConfigPath, ConfigPath];
    const ps = Array.isArray(parent[field]) ? (parent[field] as Json[]) : [];
    const cs = Array.isArray(child[field]) ? (child[field] as Json[]) : [];
    const inChild = this.childIndex(child);
    const result: Json[] = [];
    const from = { parent: false, child: false };
    ps.forEach((item, i) => {
      const found = inChild.get(`${HANDLE[field] ?? field}\u0000${keyOf(field, item)}`);
      const at = [...rPath, result.length];
      if (!found) {
        result.push(item);
        this.transcribe('parent', [...pPath, i], at, item, false);
        from.parent = true;
      } else if (found.field === field) {
        // Both sides count, even when one wins.
        from.parent = from.child = true;
        const c = cs[found.index] as Json;
        const cAt = [...cPath, found.index];
        if (isObject(item) && isObject(c)) {
          result.push(this.object(item, [...pPath, i], c, cAt, at));
          this.one('parent', [...pPath, i], at);
          this.one('child', cAt, at);
        } else {
          result.push(c);
          this.transcribe('child', cAt, at, c, false);
        }
      }
      // Found in another list of the same handle: the child's entry replaces it there.
    });
    const parentKeys = new Set(ps.map((item) => keyOf(field, item)));
    cs.forEach((item, i) => {
      if (parentKeys.has(keyOf(field, item))) return;
      // An entry is recorded even when it holds nothing yet (a file without a path gets Go's "" later).
      if (!this.transcribe('child', [...cPath, i], [...rPath, result.length], item, false) && isObject(item))
        this.one('child', [...cPath, i], [...rPath, result.length]);
      result.push(item);
      from.child = true;
    });
    if (from.parent) this.one('parent', pPath, rPath);
    if (from.child) this.one('child', cPath, rPath);
    return result;
  }
}

/** The exact entries of a translation set by Ignition path (Go looks up `Set[path]`, no fallback). */
function exact(ts: TranslationSet): Map<string, ConfigPath> {
  return new Map(ts.list().map((e) => [JSON.stringify(e.to), e.from]));
}

/**
 * Merges `child` (the user's translated config) over `parent` (a generated one): Butane's
 * MergeTranslatedConfigs. Returns the merged config and its translation set.
 */
export function mergeTranslated(
  parent: JsonObject,
  parentTs: TranslationSet,
  child: JsonObject,
  childTs: TranslationSet,
): { config: JsonObject; translations: TranslationSet } {
  const merger = new Merger();
  const config = merger.object(parent, [], child, [], []);
  const left = { parent: exact(parentTs), child: exact(childTs) };
  const ts = new TranslationSet();
  const seen = new Set<string>();
  for (const m of merger.mappings) {
    const from = left[m.side].get(JSON.stringify(m.from));
    if (!from) continue;
    const key = JSON.stringify(m.to);
    // Both sides gave this result path: the user's source is the one to point at.
    if (seen.has(key) && m.side !== 'child') continue;
    seen.add(key);
    ts.add(from, m.to);
  }
  return { config, translations: ts };
}

/** Replaces the contents of `target` with `source` (the context's config and set are shared objects). */
export function replaceInPlace(target: JsonObject, source: JsonObject): void {
  for (const k of Object.keys(target)) delete target[k];
  Object.assign(target, source);
}

/** Replaces every entry of `target` with those of `source`. */
export function replaceTranslations(target: TranslationSet, source: TranslationSet): void {
  target.take([]);
  for (const e of source.list()) target.add(e.from, e.to);
}
