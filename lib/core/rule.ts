import type { RuleContext } from './ruleContext';
import type { Fix, Problem, Severity } from './problem';

/** Everything a user or the docs need to know about a rule. `Id` stays a literal type where rules are declared. */
export interface RuleMeta<Id extends string = string> {
  /** Stable camelCase id, prefixed by the language: also the settings key and docs anchor. */
  id: Id;
  /** The language id whose files it checks (the registry's), or `general` / `chain`. */
  language: string;
  severity: Severity;
  /** One line: what the rule catches. */
  summary: string;
  /** A short bad example (shown in docs/rules.md). */
  example: string;
  /** How to fix it, one line. */
  fix: string;
  /**
   * Why the rule has its level, against the severity policy (docs/rules.md): error — the boot or the
   * import fails; warning — very likely wrong; info — advice; hint — style.
   */
  levelWhy?: string;
}

/** A rule that runs over a parsed document. Parser-level rules have metadata only. */
export interface Rule<Ast, Id extends string = string> extends RuleMeta<Id> {
  check(ast: Ast, text: string, context: RuleContext): Problem[];
}

/** Metadata of a problem the parser itself reports (no check function). */
export type ParserRule<Id extends string = string> = RuleMeta<Id>;

/**
 * Declares the rules of a language over its AST, keeping each id a literal type (the registry derives the
 * `RuleId` union from them): `const ipxeRule = ruleOver<IpxeScript>(); export const x = ipxeRule({ … })`.
 */
export function ruleOver<Ast>(): <const Id extends string>(rule: Rule<Ast, Id>) => Rule<Ast, Id> {
  return (rule) => rule;
}

/** Declares a rule that has no check of its own (a parser's, or one reported by the core or the chain). */
export function parserRule<const Id extends string>(rule: ParserRule<Id>): ParserRule<Id> {
  return rule;
}

/** What a finding may carry besides its place and message. */
export type ProblemExtra = Pick<Problem, 'fixes' | 'related'>;

/** A problem of `rule` over `[span.start, span.end)`: every finding is made here, from its rule, never from a bare id. */
export function report(
  rule: Pick<RuleMeta, 'id'>,
  span: { start: number; end: number },
  message: string,
  extra?: ProblemExtra,
): Problem {
  return { ruleId: rule.id, start: span.start, end: span.end, message, ...extra };
}

/** The preferred quick fix that writes `text` over `span`, titled ``Change to `text` ``. */
export function changeTo(span: { start: number; end: number }, text: string): Fix {
  return {
    title: `Change to \`${text}\``,
    edits: [{ start: span.start, end: span.end, newText: text }],
    preferred: true,
  };
}

export const DOCS_URL = 'https://github.com/pxe-workbench/pxe-workbench/blob/main/docs/rules.md';

export function docsAnchor(id: string): string {
  return `${DOCS_URL}#${id.toLowerCase().replace(/[^a-z0-9-]/g, '')}`;
}
