import { findNodeAtLocation, type Node } from 'jsonc-parser';
import type { IgnitionConfig } from './ast';
import { SPEC_VERSIONS } from './versions';

/** The config's spec version when it is one we know, else undefined (other rules explain why). */
export function versionOf(config: IgnitionConfig): string | undefined {
  const node = config.root && findNodeAtLocation(config.root, ['ignition', 'version']);
  const value = node?.type === 'string' ? String(node.value) : undefined;
  return value && SPEC_VERSIONS.includes(value) ? value : undefined;
}

/** A value in the tree with its spec path (`storage.files[].path`) and JSON path; `key` for object members. */
export interface PropertyVisit {
  key?: Node;
  value: Node | undefined;
  specPath: string;
  jsonPath: (string | number)[];
}

/** Visits every object member and every array item, depth first. */
export function visitProperties(root: Node | undefined, visit: (p: PropertyVisit) => void): void {
  const walk = (node: Node, specPath: string, jsonPath: (string | number)[]): void => {
    if (node.type === 'object') {
      for (const property of node.children ?? []) {
        const [key, value] = property.children ?? [];
        if (!key) continue;
        const name = String(key.value);
        const childSpec = specPath ? `${specPath}.${name}` : name;
        visit({ key, value, specPath: childSpec, jsonPath: [...jsonPath, name] });
        if (value) walk(value, childSpec, [...jsonPath, name]);
      }
    } else if (node.type === 'array') {
      (node.children ?? []).forEach((item, index) => {
        visit({ value: item, specPath: `${specPath}[]`, jsonPath: [...jsonPath, index] });
        walk(item, `${specPath}[]`, [...jsonPath, index]);
      });
    }
  };
  if (root) walk(root, '', []);
}
