/** Language-neutral findings: offsets into the text, never LSP positions (those are made in lsp/). */

export type Severity = 'error' | 'warning' | 'info' | 'hint';
/** What a user may set per rule: a severity, or `off`. */
export type Level = Severity | 'off';
export const LEVELS: readonly Level[] = ['off', 'hint', 'info', 'warning', 'error'];

export interface TextEdit {
  start: number;
  end: number;
  newText: string;
}

/** A fix the editor can apply as a quick fix. */
export interface Fix {
  title: string;
  edits: TextEdit[];
  /** Preferred fixes are applied by "Fix all" / auto-fix. */
  preferred?: boolean;
  /** A command the editor runs instead of (or after) the edits, e.g. the image updater. */
  command?: { id: string; arguments?: unknown[] };
}

/** Another place that explains a problem (may be in another file). */
export interface Related {
  file?: string;
  start: number;
  end: number;
  message: string;
}

export interface Problem {
  ruleId: string;
  start: number;
  end: number;
  message: string;
  fixes?: Fix[];
  related?: Related[];
}

/** What every parser returns: it never throws on user text. */
export interface Parsed<Ast> {
  ast: Ast;
  problems: Problem[];
}
