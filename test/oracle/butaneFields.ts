/**
 * The Butane fields of every variant/version, read from Butane's own spec docs
 * (../shared/reference/butane/docs/config-*.md): which keys exist, their type, and whether they are required.
 * The generator builds configs from these tables, so a field is only emitted in a version that has it, and a
 * "field from a newer version" mutation takes a key that a later version of the same variant adds.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

/** Butane's spec docs (the tests and the campaign run from the repository root). */
export const DOCS = resolve('../shared/reference/butane/docs');

export interface Spec {
  variant: 'fcos' | 'flatcar';
  version: string;
}

/** Every variant/version the translator supports, oldest first per variant. */
export const SPECS: readonly Spec[] = [
  ...['1.0.0', '1.1.0', '1.2.0', '1.3.0', '1.4.0', '1.5.0', '1.6.0', '1.7.0', '1.8.0-experimental'].map(
    (version): Spec => ({ variant: 'fcos', version }),
  ),
  ...['1.0.0', '1.1.0', '1.2.0-experimental'].map((version): Spec => ({ variant: 'flatcar', version })),
];

export interface Field {
  /** `list of objects`, `list of strings`, `object`, `string`, `integer`, `boolean`. */
  type: string;
  required: boolean;
}

/** Dotted key paths without list indexes (`storage.files.contents.inline`) → field. */
export type FieldTable = ReadonlyMap<string, Field>;

const ITEM = /^( *)\* \*\*(_?)([a-z0-9_]+?)_?\*\* \(([^)]*)\)/;

function parseDoc(file: string): Map<string, Field> {
  const table = new Map<string, Field>();
  let stack: string[] = [];
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    const m = ITEM.exec(line);
    if (!m) continue;
    stack = [...stack.slice(0, m[1]!.length / 2), m[3]!];
    table.set(stack.join('.'), { type: m[4]!, required: m[2] === '' });
  }
  return table;
}

function docName({ variant, version }: Spec): string {
  const [major, minor] = version.split('.');
  return `config-${variant}-v${major}_${minor}${version.endsWith('-experimental') ? '-exp' : ''}.md`;
}

const tables = new Map<string, FieldTable>();

/**
 * The fields of a spec. Flatcar 1.2.0-experimental has no published doc: it is the base of fcos
 * 1.8.0-experimental (same Ignition spec, 3.7.0-experimental) without the fcos-only sugar (boot_device, grub);
 * `storage.luks.cex` stays in the table (Butane rejects it there as unsupported, which the generator knows).
 */
export function fieldsOf(spec: Spec): FieldTable {
  const key = `${spec.variant} ${spec.version}`;
  let table = tables.get(key);
  if (table) return table;
  if (spec.variant === 'flatcar' && spec.version === '1.2.0-experimental') {
    const fcos = fieldsOf({ variant: 'fcos', version: '1.8.0-experimental' });
    table = new Map([...fcos].filter(([path]) => !/^(boot_device|grub)(\.|$)/.test(path)));
  } else table = parseDoc(resolve(DOCS, docName(spec)));
  tables.set(key, table);
  return table;
}

/** The later specs of the same variant, oldest first. */
export function laterSpecs(spec: Spec): Spec[] {
  const same = SPECS.filter((s) => s.variant === spec.variant);
  return same.slice(same.findIndex((s) => s.version === spec.version) + 1);
}

/** Keys a later version of the variant adds (and this one lacks), each with its parent path. */
export function newerFields(spec: Spec): string[] {
  const here = fieldsOf(spec);
  const found = new Set<string>();
  for (const later of laterSpecs(spec))
    for (const path of fieldsOf(later).keys()) {
      const parent = path.split('.').slice(0, -1).join('.');
      if (!here.has(path) && (parent === '' || here.has(parent))) found.add(path);
    }
  return [...found];
}

/** Ignition spec version each Butane spec produces (docs/specs.md). */
const IGNITION: Record<string, string> = {
  'fcos 1.0.0': '3.0.0',
  'fcos 1.1.0': '3.1.0',
  'fcos 1.2.0': '3.2.0',
  'fcos 1.3.0': '3.2.0',
  'fcos 1.4.0': '3.3.0',
  'fcos 1.5.0': '3.4.0',
  'fcos 1.6.0': '3.5.0',
  'fcos 1.7.0': '3.6.0',
  'flatcar 1.0.0': '3.3.0',
  'flatcar 1.1.0': '3.4.0',
};

export function ignitionVersion({ variant, version }: Spec): string {
  return IGNITION[`${variant} ${version}`] ?? '3.7.0-experimental';
}
