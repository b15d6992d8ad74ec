import { findNodeAtLocation, type Node } from 'jsonc-parser';
import type { IgnitionConfig } from './ast';
import { SPEC_VERSIONS } from './versions';

/** The config's spec version when it is one we know, else undefined (other rules explain why). */
export function versionOf(config: IgnitionConfig): string | undefined {
  const node = config.root && findNodeAtLocation(config.root, ['ignition', 'version']);
  const value = node?.type === 'string' ? String(node.value) : undefined;
  return value && SPEC_VERSIONS.includes(value) ? value : undefined;
}

/** A value that a template fills (`{{.URL}}`, `${url}`, `__URL__`): checked once rendered, not here. */
export const templated = (text: string): boolean => /^(\{\{|\$\{|__[A-Z][A-Z0-9_]*__)/.test(text);

/** A value in the tree with its spec path (`storage.files[].path`); `key` for object members. */
export interface PropertyVisit {
  key?: Node;
  value: Node | undefined;
  specPath: string;
}

const visits = new WeakMap<Node, PropertyVisit[]>();

/** Visits every object member and every array item, depth first (the list is built once per tree). */
export function visitProperties(root: Node | undefined, visit: (p: PropertyVisit) => void): void {
  if (!root) return;
  let list = visits.get(root);
  if (!list) visits.set(root, (list = collect(root)));
  for (const v of list) visit(v);
}

function collect(root: Node): PropertyVisit[] {
  const list: PropertyVisit[] = [];
  const visit = (v: PropertyVisit): void => void list.push(v);
  const walk = (node: Node, specPath: string): void => {
    if (node.type === 'object') {
      for (const property of node.children ?? []) {
        const [key, value] = property.children ?? [];
        if (!key) continue;
        const name = String(key.value);
        const childSpec = specPath ? `${specPath}.${name}` : name;
        visit({ key, value, specPath: childSpec });
        if (value) walk(value, childSpec);
      }
    } else if (node.type === 'array') {
      const itemPath = `${specPath}[]`;
      for (const item of node.children ?? []) {
        visit({ value: item, specPath: itemPath });
        walk(item, itemPath);
      }
    }
  };
  walk(root, '');
  return list;
}
