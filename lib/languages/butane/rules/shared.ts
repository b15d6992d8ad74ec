/** What the Butane rules share (not a rule): the declarer and the selection of a rule's reports. */
import type { Problem } from '../../../core/problem';
import { report, ruleOver } from '../../../core/rule';
import type { RuleContext } from '../../../core/ruleContext';
import type { ButaneDocument } from '../ast';
import { translationOf } from '../translate/index';

/** Declares a Butane rule (its id stays a literal type). */
export const butaneRule = ruleOver<ButaneDocument>();

/** The translation's reports made under `id` (the translation runs once per document and files dir). */
export function reportsOf(id: string, doc: ButaneDocument, context: RuleContext): Problem[] {
  return translationOf(doc, context)
    .reports.filter((r) => r.rule === id)
    .map((r) => report({ id }, r, r.message));
}
