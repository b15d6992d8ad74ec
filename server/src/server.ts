/** LSP entry: wires the connection to the analysis services, nothing else. Run with --stdio or --node-ipc. */
import { createConnection, ProposedFeatures, TextDocuments, TextDocumentSyncKind, type InitializeResult } from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { SERVICES, grade, type RuleLevels } from './engine';
import { AnalysisCache, Debouncer } from './lsp/analysis';
import { toCodeActions, toCompletionItem, toDiagnostic } from './lsp/convert';
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
      completionProvider: { triggerCharacters: [' ', '{', '/'] },
      codeActionProvider: { codeActionKinds: ['quickfix'] },
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

connection.onCompletion((params) => {
  const doc = documents.get(params.textDocument.uri);
  if (!doc) return [];
  const analysis = cache.get(doc);
  const service = analysis.language && SERVICES.get(analysis.language);
  if (!service?.complete) return [];
  return service.complete(analysis.ast as never, doc.getText(), doc.offsetAt(params.position)).map((c) => toCompletionItem(c, doc));
});

connection.onCodeAction((params) => {
  const doc = documents.get(params.textDocument.uri);
  if (!doc) return [];
  const findings = grade(cache.get(doc).problems, { ...levels, ...clientLevels });
  return toCodeActions(findings, doc, doc.uri, params.range, params.context.diagnostics);
});

documents.listen(connection);
connection.listen();
