/**
 * The checks of the translated Ignition config, as Butane runs Ignition's validator on it: the Ignition
 * language's validity rules run over the JSON, and each finding's JSON node → Ignition path → Butane path
 * (the translation set) → YAML span, keeping its `ignition.*` rule id. Advice rules are left out (Butane
 * has its own decimal-mode check; a spec choice is the `version` line's business). A few findings of
 * Ignition's validator that the Ignition rules do not make are added here (ignitionExtras.ts).
 */
import { findNodeAtOffset, getNodePath, parseTree, type Node } from 'jsonc-parser';
import type { Problem, Severity } from '../../../core/problem';
import { NO_CONTEXT } from '../../../core/ruleContext';
import type { Rule } from '../../../core/rule';
import type { IgnitionConfig } from '../../ignition/ast';
import { parseIgnition } from '../../ignition/parser';
import { duplicateEntry } from '../../ignition/rules/duplicateEntry';
import { invalidEntry } from '../../ignition/rules/invalidEntry';
import { invalidSource } from '../../ignition/rules/invalidSource';
import { invalidValue } from '../../ignition/rules/invalidValue';
import { pathNotAbsolute } from '../../ignition/rules/pathNotAbsolute';
import { schema } from '../../ignition/rules/schema';
import { unknownKey } from '../../ignition/rules/unknownKey';
import type { ConfigPath } from '../ast';
import type { JsonObject, Level, TranslateContext } from './context';
import { ignitionExtras } from './ignitionExtras';

/** The Ignition rules that say whether Ignition accepts a config (errors of its validator). */
const VALIDITY: readonly Rule<IgnitionConfig>[] = [
  schema,
  pathNotAbsolute,
  duplicateEntry,
  invalidSource,
  invalidEntry,
  invalidValue,
];

const levelOf = (severity: Severity): Level => (severity === 'error' ? 'error' : 'warning');

/** The JSON path of the node a finding starts at (a property's value, or the property itself). */
function pathAt(root: Node | undefined, offset: number): ConfigPath {
  if (!root) return [];
  const node = findNodeAtOffset(root, offset, true);
  return node ? getNodePath(node) : [];
}

/** Runs the rules over a JSON text; each finding with its Ignition path. */
export function ignitionFindings(
  text: string,
  which: 'output' | 'embedded' = 'output',
): { problem: Problem; level: Level; path: ConfigPath }[] {
  // An embedded config is written by hand: its unknown keys are Ignition's "unused key" warnings.
  const rules = which === 'embedded' ? [...VALIDITY, unknownKey] : VALIDITY;
  const parsed = parseIgnition(text);
  const root = parseTree(text);
  const out: { problem: Problem; level: Level; path: ConfigPath }[] = [];
  for (const rule of rules) {
    for (const problem of rule.check(parsed.ast, text, NO_CONTEXT))
      out.push({ problem, level: levelOf(rule.severity), path: ignitionPathOf(problem, pathAt(root, problem.start)) });
  }
  return out;
}

/** Where Ignition's validator puts a finding that the Ignition rule puts elsewhere. */
function ignitionPathOf(problem: Problem, path: ConfigPath): ConfigPath {
  // The duplicate check names the list entry, not its key field (`files.1`, not `files.1.path`).
  if (problem.ruleId === duplicateEntry.id && typeof path.at(-1) === 'string') return path.slice(0, -1);
  // A missing required field is reported at the field itself.
  const missing = /^`[^`]*` needs `(\w+)`|^`(\w+)` is required here/.exec(problem.message);
  const field = missing?.[1] ?? missing?.[2];
  // (a merged config or a certificate authority without a source is reported at the entry)
  const resource = /^ignition\.(config\.merge|security\.tls\.certificateAuthorities)\.\d+$/.test(path.join('.'));
  if (field && path.at(-1) !== field && !(field === 'source' && resource)) return [...path, field];
  // A filesystem without a format is reported at `format`, whichever field needed it.
  if (
    problem.ruleId === invalidEntry.id &&
    /^storage\.filesystems\.\d+\./.test(path.join('.')) &&
    /format/.test(problem.message)
  )
    return [...path.slice(0, 3), 'format'];
  return path;
}

/** Checks the finished config (see the file comment); findings go to the context at Ignition paths. */
export function checkIgnition(ctx: TranslateContext, ignition: JsonObject): void {
  const text = JSON.stringify(ignition, null, 2);
  for (const f of ignitionFindings(text)) {
    // A verification without a source is checked in ignitionExtras for every resource (Ignition's place).
    if (f.problem.ruleId === invalidEntry.id && /verification` without a `source/.test(f.problem.message)) continue;
    // So is a custom Clevis pin (Ignition checks it from 3.3.0 on, and not before, whatever the schema says).
    if (/\.clevis\.custom(\.|$)/.test(f.path.join('.')) && /needs|required/.test(f.problem.message)) continue;
    // A link without a target is valid to Ignition's validator in every spec (a pointer field).
    if (/^storage\.links\.\d+\.target$/.test(f.path.join('.')) && /needs `target`/.test(f.problem.message)) continue;
    ctx.reportIgnition(f.problem.ruleId, f.level, f.path, f.problem.message);
  }
  ignitionExtras(ctx, ignition);
}
