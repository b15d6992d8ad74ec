import { NO_CONTEXT, type RuleContext } from './context';
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
  /** `insertText` is a snippet with $1-style tab stops. */
  snippet?: boolean;
  /** Range replaced by the completion (defaults to the word at the cursor). */
  replace?: { start: number; end: number };
}

/** Hover text (markdown) for the range it describes. */
export interface HoverInfo {
  markdown: string;
  start: number;
  end: number;
}

/** An outline entry. */
export interface SymbolInfo {
  name: string;
  kind: 'label' | 'variable' | 'section' | 'key' | 'command';
  detail?: string;
  /** The whole construct, and the part to select (its name). */
  start: number;
  end: number;
  selectionStart: number;
  selectionEnd: number;
  children?: SymbolInfo[];
}

export interface Span {
  start: number;
  end: number;
}

/** An action offered for a selection whether or not something is wrong there (refactors, conversions). */
export interface ActionInfo {
  title: string;
  kind: 'refactor' | 'source';
  edits?: { start: number; end: number; newText: string }[];
  /** A client command to run instead of (or after) the edits. */
  command?: { id: string; arguments: unknown[] };
}

/** A rename's edits, or why it cannot be done. */
export type RenameResult = { edits: Span[]; newText: string } | { error: string };

/** The public face of one language: what every `languages/<lang>/index.ts` exports. */
export interface LanguageService<Ast = unknown> {
  id: LanguageId;
  /** Problems the parser reports (syntax) — metadata only. */
  parserRules: readonly RuleMeta[];
  /** Rules that run over the AST. */
  rules: readonly Rule<Ast>[];
  parse(text: string): Parsed<Ast>;
  complete?(ast: Ast, text: string, offset: number, context?: RuleContext): Completion[];
  hover?(ast: Ast, text: string, offset: number): HoverInfo | undefined;
  symbols?(ast: Ast, text: string): SymbolInfo[];
  /** Where the name at `offset` is defined. */
  definition?(ast: Ast, text: string, offset: number, context?: RuleContext): (Span & { file?: string })[];
  /** Every occurrence of the name at `offset` (its definitions included when asked). */
  references?(ast: Ast, text: string, offset: number, includeDeclaration: boolean): Span[];
  /** The span that a rename at `offset` would change, or undefined when nothing there can be renamed. */
  prepareRename?(ast: Ast, text: string, offset: number): Span | undefined;
  rename?(ast: Ast, text: string, offset: number, newName: string): RenameResult | undefined;
  /** Refactors and conversions available for the range. */
  actions?(ast: Ast, text: string, start: number, end: number): ActionInfo[];
  /** The whole document formatted, or undefined when it cannot be (e.g. syntax errors). */
  format?(ast: Ast, text: string): string | undefined;
  /** Foldable regions (offsets; whole lines are folded). */
  folding?(ast: Ast, text: string): Span[];
}

/** Parses and runs every rule; a rule that throws is reported, never fatal. */
export function analyze<Ast>(service: LanguageService<Ast>, text: string, context: RuleContext = NO_CONTEXT): { ast: Ast; problems: Problem[] } {
  const { ast, problems } = service.parse(text);
  const all = [...problems];
  for (const rule of service.rules) {
    try {
      all.push(...rule.check(ast, text, context));
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
