/** The one place where offsets become LSP positions and our findings become LSP types. */
import {
  CodeAction,
  CodeActionKind,
  CompletionItemKind,
  InsertTextFormat,
  DiagnosticSeverity,
  type CompletionItem,
  type Diagnostic,
  type DocumentSymbol,
  type FoldingRange,
  type Location,
  SymbolKind,
  type Hover,
  type Range,
} from 'vscode-languageserver';
import type { ActionInfo, Completion, HoverInfo, Span, SymbolInfo } from '../../../lib/core';
import type { Severity } from '../../../lib/core';
import { docsAnchor } from '../../../lib/core';
import type { Finding } from '../../../lib/engine';
import { positionsOf, rangeOf, type Positions } from '../../../lib/core';
import type { TextDocument } from 'vscode-languageserver-textdocument';

export const SOURCE = 'pxe-workbench';

export { positionsOf, type Positions };

export function toRange(doc: Positions, start: number, end: number): Range {
  return rangeOf(doc, start, end);
}

const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  info: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

/** Where another file's offsets are (its URI and positions), for related information across files. */
export type Locate = (file: string) => { uri: string; positions: Positions };

export function toDiagnostic(finding: Finding, doc: Positions, uri: string, locate?: Locate): Diagnostic {
  const diagnostic: Diagnostic = {
    range: toRange(doc, finding.start, finding.end),
    severity: SEVERITY[finding.severity],
    code: finding.ruleId,
    codeDescription: { href: docsAnchor(finding.ruleId) },
    source: SOURCE,
    message: finding.message,
  };
  if (finding.related?.length) {
    diagnostic.relatedInformation = finding.related.map((r) => {
      const other = r.file && locate ? locate(r.file) : undefined;
      return {
        location: { uri: other?.uri ?? uri, range: toRange(other?.positions ?? doc, r.start, r.end) },
        message: r.message,
      };
    });
  }
  return diagnostic;
}

/** Quick fixes for the findings that overlap `range`. */
export function toCodeActions(
  findings: readonly Finding[],
  doc: Positions,
  uri: string,
  range: Range,
  diagnostics: Diagnostic[],
): CodeAction[] {
  const offsetOf = (doc as TextDocument).offsetAt?.bind(doc);
  const from = offsetOf ? offsetOf(range.start) : 0;
  const to = offsetOf ? offsetOf(range.end) : Number.MAX_SAFE_INTEGER;
  const actions: CodeAction[] = [];
  for (const finding of findings) {
    if (!finding.fixes?.length || finding.end < from || finding.start > to) continue;
    const diagnostic = diagnostics.find((d) => d.code === finding.ruleId) ?? toDiagnostic(finding, doc, uri);
    for (const fix of finding.fixes) {
      const action = CodeAction.create(fix.title, CodeActionKind.QuickFix);
      if (fix.edits.length)
        action.edit = {
          changes: { [uri]: fix.edits.map((e) => ({ range: toRange(doc, e.start, e.end), newText: e.newText })) },
        };
      if (fix.command)
        action.command = { title: fix.title, command: fix.command.id, arguments: fix.command.arguments ?? [] };
      action.diagnostics = [diagnostic];
      if (fix.preferred) action.isPreferred = true;
      actions.push(action);
    }
  }
  return actions;
}

const KIND: Record<Completion['kind'], CompletionItemKind> = {
  keyword: CompletionItemKind.Keyword,
  function: CompletionItemKind.Function,
  variable: CompletionItemKind.Variable,
  property: CompletionItemKind.Property,
  value: CompletionItemKind.Value,
  snippet: CompletionItemKind.Snippet,
  file: CompletionItemKind.File,
  reference: CompletionItemKind.Reference,
};

export function toCompletionItem(completion: Completion, doc: Positions): CompletionItem {
  const item: CompletionItem = { label: completion.label, kind: KIND[completion.kind] };
  if (completion.detail) item.detail = completion.detail;
  if (completion.documentation) item.documentation = { kind: 'markdown', value: completion.documentation };
  if (completion.snippet) item.insertTextFormat = InsertTextFormat.Snippet;
  if (completion.replace)
    item.textEdit = {
      range: toRange(doc, completion.replace.start, completion.replace.end),
      newText: completion.insertText ?? completion.label,
    };
  else if (completion.insertText) item.insertText = completion.insertText;
  return item;
}

export function toHover(info: HoverInfo, doc: Positions): Hover {
  return { contents: { kind: 'markdown', value: info.markdown }, range: toRange(doc, info.start, info.end) };
}

const SYMBOL_KIND: Record<SymbolInfo['kind'], SymbolKind> = {
  label: SymbolKind.Namespace,
  variable: SymbolKind.Variable,
  section: SymbolKind.Module,
  key: SymbolKind.Key,
  command: SymbolKind.Function,
};

export function toDocumentSymbol(symbol: SymbolInfo, doc: Positions): DocumentSymbol {
  return {
    name: symbol.name,
    kind: SYMBOL_KIND[symbol.kind],
    ...(symbol.detail ? { detail: symbol.detail } : {}),
    range: toRange(doc, symbol.start, symbol.end),
    selectionRange: toRange(doc, symbol.selectionStart, symbol.selectionEnd),
    ...(symbol.children ? { children: symbol.children.map((c) => toDocumentSymbol(c, doc)) } : {}),
  };
}

export function toLocation(span: Span, doc: Positions, uri: string): Location {
  return { uri, range: toRange(doc, span.start, span.end) };
}

/** Folds whole lines; a span that starts and ends on one line folds nothing. */
export function toFoldingRange(span: Span, doc: Positions): FoldingRange | undefined {
  const range = toRange(doc, span.start, span.end);
  return range.end.line > range.start.line ? { startLine: range.start.line, endLine: range.end.line } : undefined;
}

/** A refactor or conversion; a client command gets the document URI as its first argument. */
export function toRefactor(action: ActionInfo, doc: Positions, uri: string): CodeAction {
  const result = CodeAction.create(
    action.title,
    action.kind === 'source' ? CodeActionKind.Source : CodeActionKind.RefactorRewrite,
  );
  if (action.edits)
    result.edit = {
      changes: { [uri]: action.edits.map((e) => ({ range: toRange(doc, e.start, e.end), newText: e.newText })) },
    };
  if (action.command)
    result.command = { title: action.title, command: action.command.id, arguments: [uri, ...action.command.arguments] };
  return result;
}
