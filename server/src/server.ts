/** LSP entry: wires the connection to the analysis services, nothing else. Run with --stdio or --node-ipc. */
import { createConnection, ErrorCodes, ProposedFeatures, ResponseError, TextDocuments, TextDocumentSyncKind, type InitializeResult } from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { SERVICES, grade, type RuleLevels } from './engine';
import type { LanguageService } from './core/language';
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { treeFromInspect, useTree } from './languages/routeros/tree';
import { AnalysisCache, contextOf, Debouncer, type Analysis } from './lsp/analysis';
import { toCodeActions, toCompletionItem, toDiagnostic, toDocumentSymbol, toFoldingRange, toHover, toLocation, toRange, toRefactor } from './lsp/convert';
import { readSettings } from './lsp/settings';

const DEBOUNCE_MS = 150;

const connection = createConnection(ProposedFeatures.all);
const documents = new TextDocuments(TextDocument);
const cache = new AnalysisCache();
const debouncer = new Debouncer(DEBOUNCE_MS);

let pullConfiguration = false;
let levels: RuleLevels = {};
/** Levels the client asked us to force, e.g. VS Code validates pxe-site.json's schema itself. */
let clientLevels: RuleLevels = {};

connection.onInitialize((params): InitializeResult => {
  pullConfiguration = params.capabilities.workspace?.configuration === true;
  const options = (params.initializationOptions ?? {}) as { clientValidatesSiteSchema?: boolean };
  if (options.clientValidatesSiteSchema) clientLevels = { 'site.schema': 'off', 'site.jsonSyntax': 'off' };
  return {
    capabilities: {
      textDocumentSync: TextDocumentSyncKind.Incremental,
      completionProvider: { triggerCharacters: [' ', '{', '/', ':', '-'] },
      codeActionProvider: { codeActionKinds: ['quickfix', 'refactor.rewrite'] },
      hoverProvider: true,
      documentSymbolProvider: true,
      definitionProvider: true,
      referencesProvider: true,
      renameProvider: { prepareProvider: true },
      foldingRangeProvider: true,
      documentFormattingProvider: true,
    },
    serverInfo: { name: 'pxe-workbench', version: '0.1.0' },
  };
});

connection.onInitialized(() => {
  void refreshSettings();
});

async function refreshSettings(): Promise<void> {
  if (pullConfiguration) {
    try {
      levels = readSettings(await connection.workspace.getConfiguration('pxeWorkbench')).levels;
    } catch (error) {
      connection.console.warn(`Could not read pxeWorkbench settings (${String(error)}); using rule defaults.`);
    }
  }
  documents.all().forEach(validate);
}

connection.onDidChangeConfiguration((change) => {
  const pushed = (change.settings as { pxeWorkbench?: unknown } | undefined)?.pxeWorkbench;
  if (!pullConfiguration && pushed) levels = readSettings(pushed).levels;
  void refreshSettings();
});

function validate(doc: TextDocument): void {
  const analysis = cache.get(doc);
  const findings = grade(analysis.problems, { ...levels, ...clientLevels });
  void connection.sendDiagnostics({ uri: doc.uri, version: doc.version, diagnostics: findings.map((f) => toDiagnostic(f, doc, doc.uri)) });
}

/** A full RouterOS command tree from the client (PXE: Load RouterOS Command Tree…): check .rsc files against it. */
connection.onNotification('pxe/routerosTree', (params: { version: string; path: string }) => {
  try {
    useTree(treeFromInspect(JSON.parse(readFileSync(params.path, 'utf8')), params.version));
    cache.clear();
    documents.all().forEach(validate);
  } catch (error) {
    void connection.window.showErrorMessage(`PXE: could not load the RouterOS ${params.version} command tree from ${params.path} (${String(error)}). Load it again with PXE: Load RouterOS Command Tree…`);
  }
});

documents.onDidOpen((e) => validate(e.document));
documents.onDidChangeContent((e) => debouncer.schedule(e.document.uri, () => {
  const current = documents.get(e.document.uri);
  if (current) validate(current);
}));
documents.onDidClose((e) => {
  debouncer.cancel(e.document.uri);
  cache.delete(e.document.uri);
  void connection.sendDiagnostics({ uri: e.document.uri, diagnostics: [] });
});

/** The open document, its analysis for the current version, and its language service. */
function serviceAt(uri: string): { doc: TextDocument; analysis: Analysis; service: LanguageService<never> | undefined } | undefined {
  const doc = documents.get(uri);
  if (!doc) return undefined;
  const analysis = cache.get(doc);
  return { doc, analysis, service: analysis.language && SERVICES.get(analysis.language) };
}

connection.onCompletion((params) => {
  const at = serviceAt(params.textDocument.uri);
  const completions = at?.service?.complete?.(at.analysis.ast as never, at.doc.getText(), at.doc.offsetAt(params.position), contextOf(at.doc.uri)) ?? [];
  return completions.map((c) => toCompletionItem(c, at!.doc));
});

connection.onHover((params) => {
  const at = serviceAt(params.textDocument.uri);
  const info = at?.service?.hover?.(at.analysis.ast as never, at.doc.getText(), at.doc.offsetAt(params.position));
  return info ? toHover(info, at!.doc) : null;
});

connection.onDocumentSymbol((params) => {
  const at = serviceAt(params.textDocument.uri);
  return at?.service?.symbols?.(at.analysis.ast as never, at.doc.getText()).map((s) => toDocumentSymbol(s, at.doc)) ?? [];
});

connection.onDefinition((params) => {
  const at = serviceAt(params.textDocument.uri);
  const spans = at?.service?.definition?.(at.analysis.ast as never, at.doc.getText(), at.doc.offsetAt(params.position), contextOf(at.doc.uri)) ?? [];
  // A span in another file (an INCLUDE) points at its start.
  return spans.map((s) => (s.file ? { uri: pathToFileURL(s.file).href, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } } } : toLocation(s, at!.doc, at!.doc.uri)));
});

connection.onReferences((params) => {
  const at = serviceAt(params.textDocument.uri);
  const spans = at?.service?.references?.(at.analysis.ast as never, at.doc.getText(), at.doc.offsetAt(params.position), params.context.includeDeclaration) ?? [];
  return spans.map((s) => toLocation(s, at!.doc, at!.doc.uri));
});

connection.onPrepareRename((params) => {
  const at = serviceAt(params.textDocument.uri);
  const span = at?.service?.prepareRename?.(at.analysis.ast as never, at.doc.getText(), at.doc.offsetAt(params.position));
  return span ? toRange(at!.doc, span.start, span.end) : null;
});

connection.onRenameRequest((params) => {
  const at = serviceAt(params.textDocument.uri);
  const result = at?.service?.rename?.(at.analysis.ast as never, at.doc.getText(), at.doc.offsetAt(params.position), params.newName);
  if (!result) return null;
  if ('error' in result) throw new ResponseError(ErrorCodes.InvalidRequest, result.error);
  return { changes: { [at!.doc.uri]: result.edits.map((e) => ({ range: toRange(at!.doc, e.start, e.end), newText: result.newText })) } };
});

connection.onFoldingRanges((params) => {
  const at = serviceAt(params.textDocument.uri);
  const spans = at?.service?.folding?.(at.analysis.ast as never, at.doc.getText()) ?? [];
  return spans.map((s) => toFoldingRange(s, at!.doc)).filter((r) => r !== undefined);
});

connection.onDocumentFormatting((params) => {
  const at = serviceAt(params.textDocument.uri);
  const text = at?.doc.getText() ?? '';
  const formatted = at?.service?.format?.(at.analysis.ast as never, text);
  if (!at || formatted === undefined || formatted === text) return [];
  return [{ range: toRange(at.doc, 0, text.length), newText: formatted }];
});

connection.onCodeAction((params) => {
  const at = serviceAt(params.textDocument.uri);
  if (!at) return [];
  const findings = grade(at.analysis.problems, { ...levels, ...clientLevels });
  const fixes = toCodeActions(findings, at.doc, at.doc.uri, params.range, params.context.diagnostics);
  const extra = at.service?.actions?.(at.analysis.ast as never, at.doc.getText(), at.doc.offsetAt(params.range.start), at.doc.offsetAt(params.range.end)) ?? [];
  return [...fixes, ...extra.map((a) => toRefactor(a, at.doc, at.doc.uri))];
});

documents.listen(connection);
connection.listen();
