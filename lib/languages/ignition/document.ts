import type { IgnitionConfig, JsonPath } from './ast';
import { SPEC_VERSIONS } from './versions';

/** The JSON object at `value`, or undefined for anything else (null, arrays, scalars). */
export const objectOf = (value: unknown): Record<string, unknown> | undefined =>
  value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;

/** The config's `ignition.version` as written (any JSON value), or undefined when absent. */
export function versionValue(config: IgnitionConfig): unknown {
  return objectOf(objectOf(config.value)?.ignition)?.version;
}

/** The config's spec version when it is one we know, else undefined (other rules explain why). */
export function versionOf(config: IgnitionConfig): string | undefined {
  const value = versionValue(config);
  return typeof value === 'string' && SPEC_VERSIONS.includes(value) ? value : undefined;
}

/** A value that a template fills (`{{.URL}}`, `${url}`, `__URL__`): checked once rendered, not here. */
export const templated = (text: string): boolean => /^(\{\{|\$\{|__[A-Z][A-Z0-9_]*__)/.test(text);

/** A value in the config with its place: JSON path, spec path (`storage.files[].path`), the object or list holding it. */
export class PropertyVisit {
  constructor(
    /** The member's name (object members only). */
    readonly key: string | undefined,
    readonly value: unknown,
    readonly specPath: string,
    /** The object or array the value is in. */
    readonly parent: unknown,
    private readonly up: PropertyVisit | undefined,
    private readonly step: string | number,
    /** Its place in document order. */
    readonly order: number,
  ) {}

  /** The JSON path (built when asked: most values are never reported). */
  get path(): JsonPath {
    const path: JsonPath = [this.step];
    for (let v = this.up; v; v = v.up) path.push(v.step);
    return path.reverse();
  }
}

/** Every object member and array item, grouped by spec path (each group in document order). */
type Visits = Map<string, PropertyVisit[]>;

const visits = new WeakMap<IgnitionConfig, Visits>();

/**
 * The visits whose spec path matches, in document order. The match is asked once per distinct spec path
 * (a few dozen), not once per value, so a rule about `storage.files[].mode` costs only the modes.
 */
export function visitsWhere(config: IgnitionConfig, match: (specPath: string) => boolean): PropertyVisit[] {
  // `forEach`: no entry pair nor iterator result per spec path (every rule asks this of every config).
  const groups: PropertyVisit[][] = [];
  visitsOf(config).forEach((list, specPath) => {
    if (match(specPath)) groups.push(list);
  });
  if (groups.length <= 1) return groups[0] ?? [];
  return groups.flat().sort((a, b) => a.order - b.order);
}

function visitsOf(config: IgnitionConfig): Visits {
  let found = visits.get(config);
  if (!found) visits.set(config, (found = collect(config.value)));
  return found;
}

function collect(root: unknown): Visits {
  const bySpec: Visits = new Map();
  let order = 0;
  // Spec paths are few: each is built once and shared, not concatenated again for every value.
  const specs = new Map<string, Map<string, string>>();
  const childSpec = (specPath: string, key: string): string => {
    let children = specs.get(specPath);
    if (!children) specs.set(specPath, (children = new Map()));
    let spec = children.get(key);
    if (spec === undefined) children.set(key, (spec = specPath ? `${specPath}.${key}` : key));
    return spec;
  };
  const itemSpecs = new Map<string, string>();
  const add = (v: PropertyVisit): void => {
    const group = bySpec.get(v.specPath);
    if (group) group.push(v);
    else bySpec.set(v.specPath, [v]);
  };
  const walk = (node: unknown, up: PropertyVisit | undefined, specPath: string): void => {
    if (Array.isArray(node)) {
      let itemSpec = itemSpecs.get(specPath);
      if (itemSpec === undefined) itemSpecs.set(specPath, (itemSpec = `${specPath}[]`));
      for (let index = 0; index < node.length; index++) {
        const visit = new PropertyVisit(undefined, node[index], itemSpec, node, up, index, order++);
        add(visit);
        walk(node[index], visit, itemSpec);
      }
    } else if (node !== null && typeof node === 'object') {
      // `for…in` over own members: the order of `Object.keys`, without a list of the keys per object.
      for (const key in node) {
        if (!Object.hasOwn(node, key)) continue;
        const value = (node as Record<string, unknown>)[key];
        const visit = new PropertyVisit(key, value, childSpec(specPath, key), node, up, key, order++);
        add(visit);
        walk(value, visit, visit.specPath);
      }
    }
  };
  walk(root, undefined, '');
  return bySpec;
}
