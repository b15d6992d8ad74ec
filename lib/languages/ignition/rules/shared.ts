/** What several Ignition rules share (not a rule): the rule declarer, node helpers, the version markers. */
import { findNodeAtLocation, type Node } from 'jsonc-parser';
import { ruleOver } from '../../../core/rule';
import type { IgnitionConfig } from '../ast';
import { versionOf, visitProperties, type PropertyVisit } from '../document';

/** Declares an Ignition rule (its id stays a literal type). */
export const ignitionRule = ruleOver<IgnitionConfig>();

/** Every property visit whose spec path matches, for configs of a known version. */
export function each(
  config: IgnitionConfig,
  match: (specPath: string) => boolean,
  then: (v: PropertyVisit, version: string) => void,
): void {
  const version = versionOf(config);
  if (!version) return;
  visitProperties(config.root, (v) => {
    if (match(v.specPath)) then(v, version);
  });
}

/** A node's range in the text. */
export const range = (node: Node): { start: number; end: number } => ({
  start: node.offset,
  end: node.offset + node.length,
});

/** A string node's value. */
export const str = (node: Node | undefined): string | undefined =>
  node?.type === 'string' ? String(node.value) : undefined;

/** The spec 1 marker (`"ignitionVersion": 1` at the top level), which came before `ignition.version`. */
export function spec1(root: Node | undefined): Node | undefined {
  return root?.type === 'object' ? findNodeAtLocation(root, ['ignitionVersion']) : undefined;
}

/** A legacy spec 2.x version. */
export const isLegacy = (version: string): boolean => /^2\.\d+\.\d+(-experimental)?$/.test(version);
