import type { Document, Node, Pair } from 'yaml';
import { isAlias, isMap, isScalar, isSeq } from './yaml';
import type { ButaneDocument, ButaneReport, ConfigPath } from './ast';
import { BUTANE } from './ruleIds';
import { MAX_INT64, resolveScalar, scalarText, shortTag, type Resolved } from './scalar';
import { fieldsIn, type SchemaField } from './catalog';
import { keyText, nodeAt, spanAt } from './spans';
import { didYouMean } from '../../core/suggest';
import type { Decoded, DecodedObject } from './translate/context';
import type { ButaneSpec } from './translate/types';

/** At most this many node visits per node of the document (aliases may repeat subtrees; go-yaml caps too). */
const ALIAS_BUDGET_FACTOR = 10;
const ALIAS_BUDGET_MIN = 10_000;

/** What decoding found: the typed values, and go-yaml's errors (each fatal, as `butane` stops on them). */
export interface DecodeOutcome {
  value: DecodedObject;
  reports: ButaneReport[];
}

type Spec = Pick<ButaneSpec, 'variant' | 'version'>;
type Fail = { fail: true };
const FAIL: Fail = { fail: true };

const GO_BASE: Record<string, string> = {
  'fcos 1.0.0': 'v0_1',
  'fcos 1.1.0': 'v0_2',
  'fcos 1.2.0': 'v0_3',
  'fcos 1.3.0': 'v0_3',
  'fcos 1.4.0': 'v0_4',
  'fcos 1.5.0': 'v0_5',
  'fcos 1.6.0': 'v0_6',
  'fcos 1.7.0': 'v0_7',
  'flatcar 1.0.0': 'v0_4',
  'flatcar 1.1.0': 'v0_5',
};

function countNodes(node: unknown): number {
  let count = 0;
  const stack: unknown[] = [node];
  while (stack.length > 0) {
    const n = stack.pop();
    count++;
    if (isMap(n)) for (const p of n.items) stack.push(p.key, p.value);
    else if (isSeq(n)) stack.push(...n.items);
  }
  return count;
}

function goTypeName(field: SchemaField, key: string, spec: Spec): string {
  if (field.type === 'string') return 'string';
  if (field.type === 'int') return 'int';
  if (field.type === 'bool') return 'bool';
  if (field.type === 'strings') return '[]string';
  const base = GO_BASE[`${spec.variant} ${spec.version}`] ?? 'v0_7_exp';
  const name = key.replace(/(^|_)([a-z])/g, (_m, _u, c: string) => c.toUpperCase()).replace(/s$/, '');
  return field.type === 'objects' ? `[]${base}.${name}` : `${base}.${name}`;
}

/** Decodes a Butane document against the schema of its spec with go-yaml v3's rules. */
export class Decoder {
  readonly reports: ButaneReport[] = [];
  private visits = 0;
  private readonly budget: number;
  private readonly inAlias = new Set<unknown>();
  private aliasFailed = false;

  private readonly doc: Document.Parsed | undefined;

  constructor(
    private readonly source: ButaneDocument,
    private readonly spec: Spec,
  ) {
    this.doc = source.yaml;
    this.budget = Math.max(ALIAS_BUDGET_MIN, ALIAS_BUDGET_FACTOR * countNodes(this.doc?.contents));
  }

  /** A go-yaml "unmarshal error" (fatal, reported under butane.invalidValue at the node). */
  private error(path: ConfigPath, message: string, at?: Node | null): void {
    const range = at?.range;
    const span = range ? { start: range[0], end: range[1] } : spanAt(this.doc, path);
    this.reports.push({ level: 'error', rule: BUTANE.invalidValue, path, ...span, message });
  }

  private typeError(node: unknown, path: ConfigPath, into: string): void {
    let tag = isMap(node) ? '!!map' : isSeq(node) ? '!!seq' : (resolveScalar(node)?.tag ?? '');
    const explicit = isScalar(node) ? shortTag(node.tag) : '';
    if (explicit) tag = explicit;
    let shown = '';
    if (isScalar(node)) {
      const text = scalarText(node);
      shown = text.length > 10 ? ` \`${text.slice(0, 7)}...\`` : ` \`${text}\``;
    }
    const hint =
      into === 'int' && tag === '!!str'
        ? ' A quoted number is a string in YAML: remove the quotes (write 0644 for an octal mode).'
        : into === 'bool'
          ? ' Write true or false.'
          : '';
    this.error(path, `cannot unmarshal ${tag}${shown} into ${into}.${hint}`);
  }

  /** Follows an alias (once per chain: an anchor that contains itself is an error, as in go-yaml). */
  private follow(node: unknown, path: ConfigPath): unknown {
    if (!isAlias(node)) return node;
    if (!this.doc) return undefined;
    const target = node.resolve(this.doc);
    if (target === undefined) {
      this.error(path, `unknown anchor '${node.source}' referenced`);
      return undefined;
    }
    if (this.inAlias.has(target)) {
      this.error(path, `anchor '${node.source}' value contains itself`);
      return undefined;
    }
    return target;
  }

  /** Decodes `node` into a value of `field` (undefined: null, Go's zero; FAIL: a type error was reported). */
  decode(node: unknown, field: SchemaField, key: string, path: ConfigPath): Decoded | undefined | Fail {
    if (++this.visits > this.budget) {
      if (!this.aliasFailed) this.error(path, 'document contains excessive aliasing');
      this.aliasFailed = true;
      return FAIL;
    }
    if (isAlias(node)) {
      const target = this.follow(node, path);
      if (target === undefined) return FAIL;
      this.inAlias.add(target);
      try {
        return this.decode(target, field, key, path);
      } finally {
        this.inAlias.delete(target);
      }
    }
    if (node === null || node === undefined) return undefined;
    const resolved = resolveScalar(node);
    if (resolved?.tag === '!!null') return undefined;
    switch (field.type) {
      case 'string':
        return this.toString(node, resolved, path);
      case 'int':
        return this.toInt(node, resolved, path);
      case 'bool':
        return this.toBool(node, resolved, path);
      case 'object':
        if (!isMap(node)) return (this.typeError(node, path, goTypeName(field, key, this.spec)), FAIL);
        return this.struct(node, field, path);
      default:
        return this.list(node, field, key, path);
    }
  }

  private tagMismatch(node: unknown, resolved: Resolved | undefined, path: ConfigPath): boolean {
    const explicit = isScalar(node) ? shortTag(node.tag) : '';
    if (!resolved || !['!!int', '!!bool', '!!float', '!!null'].includes(explicit)) return false;
    if (resolved.tag === explicit || (explicit === '!!float' && resolved.tag === '!!int')) return false;
    this.error(path, `cannot decode ${resolved.tag} \`${String(resolved.value)}\` as a ${explicit}`);
    return true;
  }

  private toString(node: unknown, resolved: Resolved | undefined, path: ConfigPath): string | Fail {
    if (!isScalar(node) || !resolved) return (this.typeError(node, path, 'string'), FAIL);
    if (this.tagMismatch(node, resolved, path)) return FAIL;
    return resolved.tag === '!!binary' ? String(resolved.value) : scalarText(node);
  }

  private toInt(node: unknown, resolved: Resolved | undefined, path: ConfigPath): number | Fail {
    if (this.tagMismatch(node, resolved, path)) return FAIL;
    if (resolved?.tag === '!!int' && !('big' in resolved && resolved.big)) return resolved.value as number;
    if (resolved?.tag === '!!float') {
      const v = resolved.value as number;
      // Go converts a float to int by truncation when it fits int64.
      if (!Number.isNaN(v) && Number.isFinite(v) && v <= Number(MAX_INT64)) return Math.trunc(v);
    }
    this.typeError(node, path, 'int');
    return FAIL;
  }

  private toBool(node: unknown, resolved: Resolved | undefined, path: ConfigPath): boolean | Fail {
    if (this.tagMismatch(node, resolved, path)) return FAIL;
    if (resolved?.tag === '!!bool') return resolved.value as boolean;
    if (resolved && (resolved.tag === '!!str' || resolved.tag === '!!merge')) {
      // go-yaml keeps YAML 1.1's words when the target is a bool, quoted or not.
      if (['y', 'Y', 'yes', 'Yes', 'YES', 'on', 'On', 'ON'].includes(resolved.value as string)) return true;
      if (['n', 'N', 'no', 'No', 'NO', 'off', 'Off', 'OFF'].includes(resolved.value as string)) return false;
    }
    this.typeError(node, path, 'bool');
    return FAIL;
  }

  private list(node: unknown, field: SchemaField, key: string, path: ConfigPath): Decoded[] | Fail {
    if (!isSeq(node)) return (this.typeError(node, path, goTypeName(field, key, this.spec)), FAIL);
    const item: SchemaField =
      field.type === 'strings'
        ? { type: 'string', fcos: field.fcos, flatcar: field.flatcar }
        : { ...field, type: 'object' };
    const out: Decoded[] = [];
    let failed = false;
    node.items.forEach((child, i) => {
      const value = this.decode(child, item, key, [...path, i]);
      // go-yaml drops list items that decode to nothing (null) or fail.
      if (value === FAIL) failed = true;
      else if (value !== undefined) out.push(value as Decoded);
    });
    return failed ? FAIL : out;
  }

  /** go-yaml refuses a mapping with a repeated key (compared as written) before decoding it. */
  private duplicates(node: Node & { items: Pair[] }, path: ConfigPath): boolean {
    const seen = new Map<string, Pair>();
    let found = false;
    for (const pair of node.items) {
      const kind = isScalar(pair.key) ? 's' : isMap(pair.key) ? 'm' : isSeq(pair.key) ? 'q' : 'a';
      const text = isScalar(pair.key) ? scalarText(pair.key) : '';
      const id = `${kind}:${text}`;
      const first = seen.get(id);
      if (first && kind === 's') {
        const start = (first.key as Node | null)?.range?.[0];
        const line = start === undefined ? undefined : this.source.lineCounter.linePos(start).line;
        const where = line ? ` (first at line ${line})` : '';
        // At the repeated key, as go-yaml reports it.
        this.error(
          [...path, text],
          `mapping key "${text}" already defined${where}. Remove one of them.`,
          pair.key as Node,
        );
        found = true;
      } else if (!first) seen.set(id, pair);
    }
    return found;
  }

  private struct(node: Node & { items: Pair[] }, field: SchemaField, path: ConfigPath): DecodedObject | Fail {
    if (this.duplicates(node, path)) return FAIL;
    const fields = fieldsIn(field, this.spec);
    const out: DecodedObject = {};
    const set = new Set<string>();
    const merges: unknown[] = [];
    let failed = false;
    for (const pair of node.items) {
      const key = keyText(pair.key);
      if (key === undefined) {
        this.typeError(pair.key, path, 'string');
        failed = true;
        continue;
      }
      if (key === '<<' && isScalar(pair.key) && pair.key.type === Scalar_PLAIN) {
        merges.push(pair.value);
        continue;
      }
      const child = fields.get(key);
      if (!child) continue;
      set.add(key);
      const value = this.decode(pair.value, child, key, [...path, key]);
      if (value === FAIL) failed = true;
      else if (value !== undefined) out[key] = value;
    }
    for (const merge of merges) if (!this.merge(merge, field, path, out, set)) failed = true;
    return failed ? FAIL : out;
  }

  /** `<<: *anchor` (or a list of them): keys the mapping does not set itself, first source first. */
  private merge(value: unknown, field: SchemaField, path: ConfigPath, out: DecodedObject, set: Set<string>): boolean {
    const sources = isSeq(value) ? value.items : [value];
    for (const source of sources) {
      const target = isAlias(source) ? this.follow(source, path) : source;
      if (!isMap(target)) {
        this.error(path, 'map merge requires map or sequence of maps as the value');
        return false;
      }
      const merged = this.decode(target, field, '', path);
      if (merged === FAIL) return false;
      for (const [k, v] of Object.entries(merged as DecodedObject))
        if (!set.has(k)) {
          set.add(k);
          out[k] = v;
        }
    }
    return true;
  }
}

const Scalar_PLAIN = 'PLAIN';

/** `$.storage.files.0.path`, as Butane prints a path. */
export function pathString(path: ConfigPath): string {
  return '$' + path.map((p) => `.${p}`).join('');
}

/**
 * Butane's first look at a config: `variant` and `version` as strings, and the top level's repeated keys
 * (go-yaml refuses them before anything else is read).
 */
export function decodeHeader(source: ButaneDocument): { variant?: string; version?: string; reports: ButaneReport[] } {
  const decoder = new Decoder(source, { variant: 'fcos', version: '1.0.0' });
  const top = source.yaml?.contents;
  if (top === null || top === undefined || resolveScalar(top)?.tag === '!!null') return { reports: [] };
  const header: SchemaField = {
    type: 'object',
    fcos: '1.0.0',
    fields: { variant: { type: 'string', fcos: '1.0.0' }, version: { type: 'string', fcos: '1.0.0' } },
  };
  const value = decoder.decode(top, header, 'commonFields', []);
  if (value === FAIL || value === undefined || Array.isArray(value) || typeof value !== 'object')
    return { reports: decoder.reports };
  const obj = value as DecodedObject;
  return {
    variant: obj.variant as string | undefined,
    version: obj.version as string | undefined,
    reports: decoder.reports,
  };
}

/** The whole config decoded for its spec; on success also Butane's "unused key" warnings. */
export function decodeConfig(source: ButaneDocument, spec: Spec, root: SchemaField): DecodeOutcome {
  const decoder = new Decoder(source, spec);
  const top = source.yaml?.contents;
  const value = decoder.decode(top, root, 'Config', []);
  if (value === FAIL) return { value: {}, reports: decoder.reports };
  const config = (value ?? {}) as DecodedObject;
  const reports = [...decoder.reports];
  unusedKeys({ source, spec, reports }, config, root, []);
  return { value: config, reports };
}

interface Walk {
  source: ButaneDocument;
  spec: Spec;
  reports: ButaneReport[];
}

function warn(walk: Walk, path: ConfigPath, message: string, key = false): void {
  const span = spanAt(walk.source.yaml, path, key);
  walk.reports.push({ level: 'warning', rule: BUTANE.unknownKey, path, ...span, message });
}

/** Where a key this version lacks comes from: did-you-mean, or the first version of the variant that has it. */
function unusedMessage(key: string, field: SchemaField, fields: Map<string, SchemaField>, spec: Spec): string {
  const later = field.fields?.[key];
  const since = later?.[spec.variant];
  if (later && since)
    return (
      `unused key ${key}: ${spec.variant} ${spec.version} does not have it; ${spec.variant} ${since} and later do. ` +
      'Raise `version` to use it.'
    );
  const guess = didYouMean(key, fields.keys());
  return guess
    ? `unused key ${key}: did you mean \`${guess}\`?`
    : `unused key ${key}: Butane ignores it. Remove it or fix its name.`;
}

/**
 * Butane's unused-key check: each struct the config decoded to is compared with the mapping written at its
 * path (as written: keys that came through `<<` or an alias are not seen, and a struct written as an alias
 * or a scalar gets Butane's "context tree does not match" warning).
 */
function unusedKeys(walk: Walk, value: DecodedObject | undefined, field: SchemaField, path: ConfigPath): void {
  const found = nodeAt(walk.source.yaml, path);
  if (!found.node && !found.pair) return;
  const node = found.node;
  if (!isMap(node)) {
    const p = pathString(path);
    warn(
      walk,
      path,
      `context tree does not match content tree at ${p}. Line and column reporting may be inconsistent. Unused keys may not be reported`,
    );
    return;
  }
  const fields = fieldsIn(field, walk.spec);
  for (const pair of node.items) {
    const key = keyText(pair.key);
    if (key !== undefined && !fields.has(key))
      warn(walk, [...path, key], unusedMessage(key, field, fields, walk.spec), true);
  }
  for (const [key, child] of fields) {
    const v = value?.[key];
    if (child.type === 'object') unusedKeys(walk, v as DecodedObject | undefined, child, [...path, key]);
    else if (child.type === 'objects' && Array.isArray(v))
      v.forEach((item, i) => unusedKeys(walk, item as DecodedObject, child, [...path, key, i]));
  }
}
