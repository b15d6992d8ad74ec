import { findNodeAtOffset, type Node } from 'jsonc-parser';

/** The spec path (`storage.files[].mode`) and JSON path of a node. */
export function pathsOf(node: Node): { specPath: string; jsonPath: (string | number)[] } {
  const spec: string[] = [];
  const json: (string | number)[] = [];
  for (let current: Node | undefined = node; current?.parent; current = current.parent) {
    const parent: Node = current.parent;
    if (parent.type === 'property') {
      const key = String(parent.children?.[0]?.value);
      spec.unshift(key);
      json.unshift(key);
      current = parent;
      if (!current.parent) break;
    } else if (parent.type === 'array') {
      spec.unshift('[]');
      json.unshift(parent.children?.indexOf(current) ?? 0);
    }
  }
  return { specPath: spec.join('.').replace(/\.\[\]/g, '[]'), jsonPath: json };
}

/** The node at `offset`, and whether it is a property key. */
export function nodeAt(root: Node | undefined, offset: number): { node: Node; isKey: boolean } | undefined {
  const node = root && findNodeAtOffset(root, offset, true);
  if (!node) return undefined;
  const isKey = node.parent?.type === 'property' && node.parent.children?.[0] === node;
  return { node, isKey };
}
