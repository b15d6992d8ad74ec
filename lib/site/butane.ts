/**
 * `site.butane`: the Butane part of the site file points at files that are there. A source named in
 * `butane.sources` that does not exist, a target two sources write, or a `butane.filesDir` that is not a folder
 * would each fail at deploy time (or translate with the wrong local files) with nothing shown while editing.
 */
import { resolve } from 'node:path';
import type { Node } from 'jsonc-parser';
import type { Problem } from '../core/problem';
import { report } from '../core/rule';
import type { RuleContext } from '../core/ruleContext';
import { member, nodeRange, siteRule } from './rules';

interface Spot {
  node: Node;
  message: string;
}

/** Each source must exist; each target is written by one source only. */
function sourceSpots(sources: Node | undefined, root: string, context: RuleContext): Spot[] {
  const spots: Spot[] = [];
  const targets = new Map<string, string>();
  for (const [i, entry] of (sources?.children ?? []).entries()) {
    const source = member(entry, 'source');
    const target = member(entry, 'target');
    if (typeof source?.value === 'string' && context.files && !context.files.exists(resolve(root, source.value)))
      spots.push({
        node: source,
        message:
          `butane.sources[${i}]: ${source.value} does not exist (relative to the site file): create it or correct ` +
          'the path; deploy cannot translate it.',
      });
    if (typeof target?.value !== 'string') continue;
    const key = resolve(root, target.value);
    const first = targets.get(key);
    if (first !== undefined)
      spots.push({
        node: target,
        message: `butane.sources[${i}]: ${target.value} is also the target of ${first}: each Ignition file comes from one Butane source.`,
      });
    else targets.set(key, typeof source?.value === 'string' ? source.value : `butane.sources[${i}]`);
  }
  return spots;
}

export const butaneRule = siteRule({
  id: 'site.butane',
  language: 'site',
  severity: 'error',
  summary:
    'The Butane settings point at nothing: a `butane.sources` entry whose `.bu` does not exist, two sources ' +
    'with one target, or a `butane.filesDir` that is not a folder.',
  example: '"butane": { "sources": [{ "source": "tftp/fcos/confg.bu", "target": "tftp/fcos/config.ign" }] }',
  fix: 'Correct the path (relative to the site file), or create the file or folder.',
  levelWhy: 'deploy stops at a source it cannot read, and local files resolve against a folder that is not there.',
  check(doc, _text, context): Problem[] {
    const root = context.site?.root;
    const butane = member(doc.root, 'butane');
    if (!root || butane?.type !== 'object') return [];
    const spots = sourceSpots(member(butane, 'sources'), root, context);
    const filesDir = member(butane, 'filesDir');
    if (typeof filesDir?.value === 'string' && context.files?.list(resolve(root, filesDir.value)) === undefined)
      spots.push({
        node: filesDir,
        message: `butane.filesDir ${filesDir.value} is not a folder (relative to the site file): create it or correct the path.`,
      });
    return spots.map(({ node, message }) => report(this, nodeRange(node), message));
  },
});
