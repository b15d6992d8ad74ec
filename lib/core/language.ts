import { render, type NodeVars } from './template';
import { NO_CONTEXT, type RuleContext } from './ruleContext';
import type { Parsed, Problem } from './problem';
import { report, type Rule, type RuleMeta } from './rule';
import { INTERNAL, templateVariable } from './coreRules';
import { TextMemo } from './textMemo';

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
/**
 * How a language knows its files, for `classify` (lib/engine): by name, by folder, then by content. The editor's
 * language id, when it is this language's, wins over both unless `editorIdHolds` says otherwise.
 */
export interface FileRecognizer {
  /** The file is this language's by its name alone (lower case): an extension of its own, a fixed name. */
  byName(name: string): boolean;
  /**
   * By the folder it sits in (lower case), for a name no language claimed; `text` is undefined when the
   * file has not been read yet.
   */
  byFolder?(name: string, parent: string, text: string | undefined): boolean;
  /** By content, for a name no language claimed (`text` is the whole text or its first bytes). */
  byContent?(text: string, name: string, parent: string): boolean;
  /**
   * Names worth reading for `byContent` when a folder is walked (`.json` for Ignition): other names are only
   * read when they start with a magic line (`#!ipxe`).
   */
  readsByName?(name: string): boolean;
  /** The name is this language's even when the editor gives the file another language id (pxe-site.json). */
  nameOverridesEditor?: boolean;
  /** False when the editor's id for this language is wrong for this file (a help screen in pxelinux.cfg/). */
  editorIdHolds?(name: string, parent: string, text: string | undefined): boolean;
}

export interface LanguageService<Ast = unknown, Id extends string = string> {
  /** The language id (also VS Code's). */
  id: Id;
  /** What its files are called in the docs ("iPXE scripts"). */
  title: string;
  files: FileRecognizer;
  /** Problems the parser reports (syntax) — metadata only. */
  parserRules: readonly RuleMeta[];
  /** Rules that run over the AST. */
  rules: readonly Rule<Ast>[];
  /**
   * True when no rule reads its context (the site, the file's path): one analysis per text then serves
   * every caller — the boot chain following the file and the file's own lint (see `analyze`).
   */
  contextFree?: boolean;
  parse(text: string): Parsed<Ast>;
  complete?(ast: Ast, text: string, offset: number, context?: RuleContext): Completion[];
  hover?(ast: Ast, text: string, offset: number): HoverInfo | undefined;
  symbols?(ast: Ast, text: string): SymbolInfo[];
  /** Where the name at `offset` is defined. */
  definition?(ast: Ast, text: string, offset: number, context?: RuleContext): Definition[];
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

/** A definition site: a span in this document, or the start of another file (`file`, e.g. an INCLUDE). */
export type Definition = Span & { file?: string };

/**
 * The editor features of one language bound to one parsed text: the AST stays inside, so callers (the LSP
 * layer) hold a plain object whatever the language. Features a language lacks answer empty.
 */
export interface DocumentFeatures {
  /** The language that parsed the text. */
  language: string;
  complete(offset: number, context?: RuleContext): Completion[];
  hover(offset: number): HoverInfo | undefined;
  symbols(): SymbolInfo[];
  definition(offset: number, context?: RuleContext): Definition[];
  references(offset: number, includeDeclaration: boolean): Span[];
  prepareRename(offset: number): Span | undefined;
  rename(offset: number, newName: string): RenameResult | undefined;
  actions(start: number, end: number): ActionInfo[];
  format(): string | undefined;
  folding(): Span[];
}

/** A text checked by its language: the problems of its parser and rules, and the features over its AST. */
export interface OpenedDocument {
  problems: Problem[];
  features: DocumentFeatures;
}

/** A language with its AST type hidden: what the registry holds, one per language. */
export interface BoundLanguage<Id extends string = string> {
  id: Id;
  title: string;
  files: FileRecognizer;
  parserRules: readonly RuleMeta[];
  rules: readonly RuleMeta[];
  /** Parses and checks `text` (see `analyze`); throws only on a bug of ours, which the caller reports. */
  open(text: string, context?: RuleContext): OpenedDocument;
}

/** Binds a language's service to its AST type once, so nothing downstream needs to know that type. */
export function bindLanguage<Ast, Id extends string>(service: LanguageService<Ast, Id>): BoundLanguage<Id> {
  return {
    id: service.id,
    title: service.title,
    files: service.files,
    parserRules: service.parserRules,
    rules: service.rules,
    open(text, context) {
      const { ast, problems } = analyze(service, text, context);
      return { problems, features: featuresOf(service, ast, text) };
    },
  };
}

function featuresOf<Ast>(service: LanguageService<Ast>, ast: Ast, text: string): DocumentFeatures {
  return {
    language: service.id,
    complete: (offset, context) => service.complete?.(ast, text, offset, context) ?? [],
    hover: (offset) => service.hover?.(ast, text, offset),
    symbols: () => service.symbols?.(ast, text) ?? [],
    definition: (offset, context) => service.definition?.(ast, text, offset, context) ?? [],
    references: (offset, includeDeclaration) => service.references?.(ast, text, offset, includeDeclaration) ?? [],
    prepareRename: (offset) => service.prepareRename?.(ast, text, offset),
    rename: (offset, newName) => service.rename?.(ast, text, offset, newName),
    actions: (start, end) => service.actions?.(ast, text, start, end) ?? [],
    format: () => service.format?.(ast, text),
    folding: () => service.folding?.(ast, text) ?? [],
  };
}

/** The finding that stands for a parser or analysis that threw on this file (a bug of ours, never fatal). */
export function analysisFailed(what: string, error: unknown): Problem {
  const why =
    error instanceof RangeError && /call stack/i.test(error.message)
      ? 'the file nests too deeply to check'
      : String(error);
  return report(
    INTERNAL.analysisFailed,
    { start: 0, end: 0 },
    `${what} failed on this file (${why}); the rest of the workspace is still checked. ` +
      'Please report this bug with the file.',
  );
}

/** Parses and runs every rule; a rule that throws is reported, never fatal. */
export function analyze<Ast>(
  service: LanguageService<Ast>,
  text: string,
  context: RuleContext = NO_CONTEXT,
): { ast: Ast; problems: Problem[] } {
  // A profile template is checked as each node's file would be, its findings mapped back onto the template.
  const template = context.path ? context.site?.fleet?.templates.get(context.path) : undefined;
  if (template?.nodes.length)
    return {
      ast: service.parse(text).ast,
      problems: analyzeTemplate(service, text, context, template.kind, template.nodes),
    };
  if (!service.contextFree) return analyzeOnce(service, text, context);
  const result = sharedAnalyses(service).of(text, () => analyzeOnce(service, text, context));
  return { ast: result.ast, problems: [...result.problems] };
}

/** The latest analyses of each context-free language, by text (see `TextMemo`). */
const shared = new WeakMap<object, TextMemo<{ ast: unknown; problems: Problem[] }>>();

function sharedAnalyses<Ast>(service: LanguageService<Ast>): TextMemo<{ ast: Ast; problems: Problem[] }> {
  let memo = shared.get(service);
  if (!memo) shared.set(service, (memo = new TextMemo()));
  return memo as TextMemo<{ ast: Ast; problems: Problem[] }>;
}

function analyzeTemplate<Ast>(
  service: LanguageService<Ast>,
  text: string,
  context: RuleContext,
  kind: 'ipxe' | 'pxelinux' | 'ignition',
  nodes: readonly NodeVars[],
): Problem[] {
  const byKey = new Map<string, { problem: Problem; nodes: string[] }>();
  const unknown = new Map<string, Problem>();
  for (const node of nodes) {
    const rendered = render(text, node.vars);
    for (const u of rendered.unknown)
      unknown.set(
        `${u.start}`,
        report(
          templateVariable,
          u,
          `\`\${${u.name}}\` is not a template variable: use one of ${Object.keys(node.vars)
            .map((v) => `\${${v}}`)
            .join(', ')}.`,
        ),
      );
    const output = node.outputs[kind];
    const { problems } = analyzeOnce(service, rendered.text, { ...context, ...(output ? { path: output } : {}) });
    for (const p of problems) {
      const start = rendered.toTemplate(p.start);
      const end = Math.max(start, rendered.toTemplate(p.end, true));
      // An unknown template variable is reported once, by the template rule, not again by the language.
      if (rendered.unknown.some((u) => start < u.end && end > u.start)) continue;
      const key = `${p.ruleId}\0${start}\0${end}\0${p.message}`;
      const entry = byKey.get(key) ?? { problem: { ...p, start, end, fixes: [] }, nodes: [] };
      entry.nodes.push(node.name);
      byKey.set(key, entry);
    }
  }
  const out: Problem[] = [...unknown.values()];
  for (const { problem, nodes: names } of byKey.values()) {
    // A finding every node shares is the template's own; one that only some nodes have names them.
    out.push(
      names.length === nodes.length
        ? problem
        : { ...problem, message: `${names.length === 1 ? 'node' : 'nodes'} ${names.join(', ')}: ${problem.message}` },
    );
  }
  return out;
}

function analyzeOnce<Ast>(
  service: LanguageService<Ast>,
  text: string,
  context: RuleContext,
): { ast: Ast; problems: Problem[] } {
  const { ast, problems } = service.parse(text);
  const all = [...problems];
  for (const rule of service.rules) {
    try {
      all.push(...rule.check(ast, text, context));
    } catch (error) {
      const message = `Rule ${rule.id} failed (${String(error)}). Please report this bug; other rules still ran.`;
      all.push(report(INTERNAL.ruleFailed, { start: 0, end: 0 }, message));
    }
  }
  return { ast, problems: all };
}
