import type { Parsed, Problem } from './problem';
import type { LanguageId, Rule, RuleMeta } from './rule';

/** A completion offered at an offset; lsp/ turns it into a CompletionItem. */
export interface Completion {
  label: string;
  kind: 'keyword' | 'function' | 'variable' | 'property' | 'value' | 'snippet' | 'file' | 'reference';
  detail?: string;
  documentation?: string;
  /** Text to insert; defaults to `label`. */
  insertText?: string;
  /** Range replaced by the completion (defaults to the word at the cursor). */
  replace?: { start: number; end: number };
}

/** Hover text (markdown) for the range it describes. */
export interface HoverInfo {
  markdown: string;
  start: number;
  end: number;
}

/** The public face of one language: what every `languages/<lang>/index.ts` exports. */
export interface LanguageService<Ast = unknown> {
  id: LanguageId;
  /** Problems the parser reports (syntax) — metadata only. */
  parserRules: readonly RuleMeta[];
  /** Rules that run over the AST. */
  rules: readonly Rule<Ast>[];
  parse(text: string): Parsed<Ast>;
  complete?(ast: Ast, text: string, offset: number): Completion[];
  hover?(ast: Ast, text: string, offset: number): HoverInfo | undefined;
}

/** Parses and runs every rule; a rule that throws is reported, never fatal. */
export function analyze<Ast>(service: LanguageService<Ast>, text: string): { ast: Ast; problems: Problem[] } {
  const { ast, problems } = service.parse(text);
  const all = [...problems];
  for (const rule of service.rules) {
    try {
      all.push(...rule.check(ast, text));
    } catch (error) {
      all.push({
        ruleId: 'internal.ruleFailed',
        start: 0,
        end: 0,
        message: `Rule ${rule.id} failed (${String(error)}). Please report this bug; other rules still ran.`,
      });
    }
  }
  return { ast, problems: all };
}
