import { analysisFailed, type DocumentFeatures } from '../core/language';
import { classify } from './classify';
import type { Level, Problem, Severity } from '../core/problem';
import type { RuleContext } from '../core/ruleContext';
import { escapeControl, hasControl } from '../core/untrusted';
import { INTERNAL } from '../core/coreRules';
import { isRuleId, RULES_BY_ID, SERVICES, type LanguageId, type RuleId } from './registry';

/** A problem with the severity the user's settings give it. */
export interface Finding extends Problem {
  severity: Severity;
}

/** Per-rule levels from settings (`pxeWorkbench.rules.<id>`); rules not named keep their default. */
export type RuleLevels = Readonly<Record<string, Level | undefined>>;

export interface LintResult {
  language: LanguageId | undefined;
  findings: Finding[];
}

export function levelOf(ruleId: RuleId, levels: RuleLevels): Level {
  return levels[ruleId] ?? RULES_BY_ID.get(ruleId)?.severity ?? 'error';
}

/**
 * A finding whose rule is not registered is a bug of ours: it is shown as `internal.ruleFailed` naming the
 * id, never given a guessed level under a name no setting or doc knows.
 */
function registered(problem: Problem): Problem & { ruleId: RuleId } {
  // The problem itself when its rule is known (the finding is made from it below: one copy, not two).
  if (isRuleId(problem.ruleId)) return problem as Problem & { ruleId: RuleId };
  const message = `A finding of an unregistered rule \`${problem.ruleId}\` (${problem.message}). Please report this bug.`;
  return { ...problem, ruleId: INTERNAL.ruleFailed.id, message };
}

/** Applies the user's levels: drops rules set to `off` and re-grades the rest. */
export function grade(problems: readonly Problem[], levels: RuleLevels): Finding[] {
  const findings: Finding[] = [];
  for (const reported of problems) {
    const problem = registered(reported);
    const level = levelOf(problem.ruleId, levels);
    // Messages quote names from files: escape their control characters so none can fake a line in the
    // Problems panel or a terminal.
    if (level === 'off') continue;
    const related = problem.related?.map((r) =>
      hasControl(r.message) ? { ...r, message: escapeControl(r.message) } : r,
    );
    // Field by field, in the problem's order (a spread of each of thousands of findings was a tenth of a big
    // script's lint): what a problem has, then the severity.
    const finding = {
      ruleId: problem.ruleId,
      start: problem.start,
      end: problem.end,
      message: hasControl(problem.message) ? escapeControl(problem.message) : problem.message,
    } as Finding;
    if ('fixes' in problem) finding.fixes = problem.fixes;
    if ('related' in problem) finding.related = related;
    finding.severity = level;
    findings.push(finding);
  }
  return findings.sort((a, b) => a.start - b.start || a.end - b.end);
}

/** What a document is checked with: everything but `path` is optional. */
export interface LintContext {
  /** The file's path (absolute on disk): its name classifies it. */
  path: string;
  /** The editor's language id, when the document has one (it wins over the name). */
  languageId?: string;
  /**
   * What the rules may know beyond the text (files, site); nothing by default. A function is called only
   * for a file that is ours, inside the pipeline's isolation (the editor's context reads the disk).
   */
  rules?: RuleContext | (() => RuleContext);
  /** The user's levels; rule defaults otherwise. */
  levels?: RuleLevels;
  /** The boot chain's findings on this file. */
  crossFile?: readonly Problem[];
}

/** A document parsed and checked by its language, before the user's levels. */
export interface DocumentAnalysis {
  /** The language the file reads as; undefined when it is none of ours. */
  language: LanguageId | undefined;
  /** The editor features over this text's AST; undefined when not ours, or when checking it failed. */
  features: DocumentFeatures | undefined;
  /** The parser's and the rules' problems (the boot chain's are added when graded). */
  problems: readonly Problem[];
}

export interface LintedDocument extends DocumentAnalysis {
  findings: Finding[];
}

/**
 * The one lint pipeline, for open documents, closed files and the CLI: classify, parse and check
 * (`analyzeDocument`), then add the chain's findings and apply the levels (`gradeDocument`). The editor
 * keeps the analysis per version and grades it again when only the chain or the settings changed.
 */
export function lintDocument(text: string, context: LintContext): LintedDocument {
  const analysis = analyzeDocument(text, context);
  return { ...analysis, findings: gradeDocument(analysis, context) };
}

/** Classifies, parses and runs every rule; a parser or analysis that throws is a finding, never fatal. */
export function analyzeDocument(
  text: string,
  context: Pick<LintContext, 'path' | 'languageId' | 'rules'>,
): DocumentAnalysis {
  const language = classify(context.path, text, context.languageId);
  const service = language && SERVICES.get(language);
  if (!service) return { language: undefined, features: undefined, problems: [] };
  try {
    const rules = typeof context.rules === 'function' ? context.rules() : context.rules;
    return { language, ...service.open(text, rules) };
  } catch (error) {
    // No language features on a file its parser cannot read; the finding says so and the caller lives on.
    return { language, features: undefined, problems: [analysisFailed('Checking', error)] };
  }
}

/** The findings of an analysis: its problems and the boot chain's, graded by the user's levels. */
export function gradeDocument(
  analysis: DocumentAnalysis,
  context: Pick<LintContext, 'levels' | 'crossFile'>,
): Finding[] {
  return grade([...analysis.problems, ...(context.crossFile ?? [])], context.levels ?? {});
}

/** `lintDocument` in the shape the tests and the bench call it. */
export function lintText(
  path: string,
  text: string,
  options: { languageId?: string; levels?: RuleLevels; context?: RuleContext; crossFile?: readonly Problem[] } = {},
): LintResult {
  const { languageId, context: rules, levels, crossFile } = options;
  const { language, findings } = lintDocument(text, { path, languageId, rules, levels, crossFile });
  return { language, findings };
}
