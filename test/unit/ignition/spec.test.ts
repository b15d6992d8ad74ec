/**
 * Our own spec model against the upstream JSON Schemas in ../shared/reference/ignition-schema (read by
 * the tests only): the same fields, base types and required properties at every version.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fieldsFor, SPEC_ORDER } from '../../../lib/languages/ignition/catalog';

const UPSTREAM = join('..', 'shared', 'reference', 'ignition-schema');
const FILE: Record<string, string> = {
  '3.0.0': 'v3_0.json',
  '3.1.0': 'v3_1.json',
  '3.2.0': 'v3_2.json',
  '3.3.0': 'v3_3.json',
  '3.4.0': 'v3_4.json',
  '3.5.0': 'v3_5.json',
  '3.6.0': 'v3_6.json',
  '3.7.0-experimental': 'v3_7_experimental.json',
};

interface Node {
  $ref?: string;
  type?: string | string[];
  properties?: Record<string, Node>;
  required?: string[];
  items?: Node;
  allOf?: Node[];
}

/** path → "type required?" from an upstream schema, following $ref and allOf. */
function upstreamFields(version: string): Map<string, string> {
  const schema = JSON.parse(readFileSync(join(UPSTREAM, FILE[version]!), 'utf8')) as Node & Record<string, unknown>;
  const resolve = (ref: string): Node =>
    ref
      .slice(2)
      .split('/')
      .reduce<Record<string, unknown>>((n, k) => n[k] as Record<string, unknown>, schema) as Node;
  const out = new Map<string, string>();
  const baseType = (t: Node['type']): string => (Array.isArray(t) ? t.filter((x) => x !== 'null')[0] : t) ?? 'object';
  const walk = (raw: Node, path: string, required: boolean): void => {
    const node = raw.$ref ? resolve(raw.$ref) : raw;
    const parts = [node, ...(node.allOf ?? []).map((n) => (n.$ref ? resolve(n.$ref) : n))];
    if (path) out.set(path, `${baseType(parts.find((p) => p.type)?.type)}${required ? ' required' : ''}`);
    for (const part of parts) {
      const req = new Set(part.required ?? []);
      for (const [key, child] of Object.entries(part.properties ?? {}))
        walk(child, path ? `${path}.${key}` : key, req.has(key));
      if (part.items) walk(part.items, `${path}[]`, false);
    }
  };
  walk(schema, '', false);
  return out;
}

/**
 * Where we follow Ignition's validator rather than its JSON schema: in 3.0.0 a config reference's `source` is a
 * Go pointer that may be null, and both ignition-validate builds (Debian's and ../shared/tools') accept
 * `"merge": [{}]`, as butane's output `{"source": null}` needs.
 */
const VALIDATOR_NOT_SCHEMA: Record<string, Record<string, string>> = {
  '3.0.0': { 'ignition.config.merge[].source': 'string required', 'ignition.config.replace.source': 'string required' },
};

describe.skipIf(!existsSync(UPSTREAM))('Ignition spec model vs the upstream schemas', () => {
  it.each(SPEC_ORDER)('%s: same fields, types and required properties', (version) => {
    const ours = new Map(fieldsFor(version).map((f) => [f.path, `${f.type}${f.required ? ' required' : ''}`]));
    const theirs = upstreamFields(version);
    const missing = [...theirs]
      .filter(([k, v]) => ours.get(k) !== v && VALIDATOR_NOT_SCHEMA[version]?.[k] !== v)
      .map(([k, v]) => `${k}: upstream ${v}, ours ${ours.get(k) ?? '(none)'}`);
    const extra = [...ours].filter(([k]) => !theirs.has(k)).map(([k, v]) => `${k}: ours ${v}, upstream (none)`);
    expect([...missing, ...extra]).toEqual([]);
  });
});
