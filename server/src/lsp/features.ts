/**
 * The editor features of an open document: each turns an LSP request into a call on the features bound to
 * the document's analysis (any language, one shape) and the answer back into LSP types.
 */
import { pathToFileURL } from 'node:url';
import {
  ErrorCodes,
  ResponseError,
  type CodeAction,
  type CodeActionParams,
  type CompletionItem,
  type DocumentSymbol,
  type FoldingRange,
  type Hover,
  type Location,
  type Range,
  type ReferenceParams,
  type RenameParams,
  type TextDocumentPositionParams,
  type TextEdit,
  type WorkspaceEdit,
} from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { HoverInfo } from '../../../lib/core';
import type { Finding } from '../../../lib/engine';
import { contextOf, type Analysis } from './analysis';
import {
  toCodeActions,
  toCompletionItem,
  toDocumentSymbol,
  toFoldingRange,
  toHover,
  toLocation,
  toRange,
  toRefactor,
} from './convert';

/** An open document and its analysis for the current version. */
export interface OpenDocument {
  doc: TextDocument;
  analysis: Analysis;
}

const offsetOf = (at: OpenDocument, params: TextDocumentPositionParams): number => at.doc.offsetAt(params.position);

export function completion(at: OpenDocument, params: TextDocumentPositionParams): CompletionItem[] {
  const completions = at.analysis.features?.complete(offsetOf(at, params), contextOf(at.doc.uri)) ?? [];
  return completions.map((c) => toCompletionItem(c, at.doc));
}

/** The language's hover, and on a path or URL of the boot chain (`chainAt`), where it resolves too. */
export function hover(at: OpenDocument, offset: number, chainAt: () => HoverInfo | undefined): Hover | null {
  const info = at.analysis.features?.hover(offset);
  const chain = chainAt();
  if (info && chain)
    return toHover(
      { markdown: `${info.markdown}\n\n---\n\n${chain.markdown}`, start: info.start, end: info.end },
      at.doc,
    );
  const shown = info ?? chain;
  return shown ? toHover(shown, at.doc) : null;
}

export function symbols(at: OpenDocument): DocumentSymbol[] {
  return at.analysis.features?.symbols().map((s) => toDocumentSymbol(s, at.doc)) ?? [];
}

export function definition(at: OpenDocument, params: TextDocumentPositionParams): Location[] {
  const spans = at.analysis.features?.definition(offsetOf(at, params), contextOf(at.doc.uri)) ?? [];
  // A span in another file (an INCLUDE) points at its start.
  return spans.map((s) =>
    s.file
      ? {
          uri: pathToFileURL(s.file).href,
          range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
        }
      : toLocation(s, at.doc, at.doc.uri),
  );
}

export function references(at: OpenDocument, params: ReferenceParams): Location[] {
  const spans = at.analysis.features?.references(offsetOf(at, params), params.context.includeDeclaration) ?? [];
  return spans.map((s) => toLocation(s, at.doc, at.doc.uri));
}

export function prepareRename(at: OpenDocument, params: TextDocumentPositionParams): Range | null {
  const span = at.analysis.features?.prepareRename(offsetOf(at, params));
  return span ? toRange(at.doc, span.start, span.end) : null;
}

/** The rename's edits; a name that cannot be renamed there is an error the client shows. */
export function rename(at: OpenDocument, params: RenameParams): WorkspaceEdit | null {
  const result = at.analysis.features?.rename(offsetOf(at, params), params.newName);
  if (!result) return null;
  if ('error' in result) throw new ResponseError(ErrorCodes.InvalidRequest, result.error);
  const edits = result.edits.map((e) => ({ range: toRange(at.doc, e.start, e.end), newText: result.newText }));
  return { changes: { [at.doc.uri]: edits } };
}

export function folding(at: OpenDocument): FoldingRange[] {
  const spans = at.analysis.features?.folding() ?? [];
  return spans.map((s) => toFoldingRange(s, at.doc)).filter((r) => r !== undefined);
}

export function formatting(at: OpenDocument): TextEdit[] {
  const text = at.doc.getText();
  const formatted = at.analysis.features?.format();
  if (formatted === undefined || formatted === text) return [];
  return [{ range: toRange(at.doc, 0, text.length), newText: formatted }];
}

/** Quick fixes for the findings in the range, then the language's refactors. */
export function codeActions(at: OpenDocument, params: CodeActionParams, findings: readonly Finding[]): CodeAction[] {
  const fixes = toCodeActions(findings, at.doc, at.doc.uri, params.range, params.context.diagnostics);
  const extra =
    at.analysis.features?.actions(at.doc.offsetAt(params.range.start), at.doc.offsetAt(params.range.end)) ?? [];
  return [...fixes, ...extra.map((a) => toRefactor(a, at.doc, at.doc.uri))];
}
