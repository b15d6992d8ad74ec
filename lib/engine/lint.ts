import { analysisFailed, analyze } from '../core/language';
import { classify } from '../core/classify';
import type { Level, Problem, Severity } from '../core/problem';
import type { RuleContext } from '../core/ruleContext';
import type { LanguageId } from '../core/rule';
import { escapeControl, hasControl } from '../core/untrusted';
import { RULES_BY_ID, SERVICES } from './registry';

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

export function levelOf(ruleId: string, levels: RuleLevels): Level {
  return levels[ruleId] ?? RULES_BY_ID.get(ruleId)?.severity ?? 'error';
}

/** Applies the user's levels: drops rules set to `off` and re-grades the rest. */
export function grade(problems: readonly Problem[], levels: RuleLevels): Finding[] {
  const findings: Finding[] = [];
  for (const problem of problems) {
    const level = levelOf(problem.ruleId, levels);
    // Messages quote names from files: escape their control characters so none can fake a line in the
    // Problems panel or a terminal.
    if (level === 'off') continue;
    const related = problem.related?.map((r) =>
      hasControl(r.message) ? { ...r, message: escapeControl(r.message) } : r,
    );
    findings.push({
      ...problem,
      message: hasControl(problem.message) ? escapeControl(problem.message) : problem.message,
      ...(related ? { related } : {}),
      severity: level,
    });
  }
  return findings.sort((a, b) => a.start - b.start || a.end - b.end);
}

/** Lints one file's text the way both the editor and the CLI do; `crossFile` adds the boot chain's findings. */
export function lintText(
  path: string,
  text: string,
  options: { languageId?: string; levels?: RuleLevels; context?: RuleContext; crossFile?: readonly Problem[] } = {},
): LintResult {
  const language = classify(path, text, options.languageId);
  const service = language && SERVICES.get(language);
  const crossFile = options.crossFile ?? [];
  if (!service) return { language: undefined, findings: grade(crossFile, options.levels ?? {}) };
  let problems: readonly Problem[];
  try {
    problems = analyze(service, text, options.context).problems;
  } catch (error) {
    problems = [analysisFailed('Checking', error)];
  }
  return { language, findings: grade([...problems, ...crossFile], options.levels ?? {}) };
}
