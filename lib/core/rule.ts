import type { RuleContext } from './ruleContext';
import type { Problem, Severity } from './problem';

export type LanguageId = 'ipxe' | 'pxelinux' | 'routeros' | 'ignition' | 'site';
export const LANGUAGE_IDS: readonly LanguageId[] = ['ipxe', 'pxelinux', 'routeros', 'ignition', 'site'];

/** Everything a user or the docs need to know about a rule. */
export interface RuleMeta {
  /** Stable camelCase id, prefixed by the language: also the settings key and docs anchor. */
  id: string;
  language: LanguageId | 'general' | 'chain';
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
export interface Rule<Ast> extends RuleMeta {
  check(ast: Ast, text: string, context: RuleContext): Problem[];
}

/** Metadata of a problem the parser itself reports (no check function). */
export type ParserRule = RuleMeta;

export const DOCS_URL = 'https://github.com/pxe-workbench/pxe-workbench/blob/main/docs/rules.md';

export function docsAnchor(id: string): string {
  return `${DOCS_URL}#${id.toLowerCase().replace(/[^a-z0-9-]/g, '')}`;
}
