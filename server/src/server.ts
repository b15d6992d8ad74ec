/** LSP entry: wires the connection to the analysis services, nothing else. Run with --stdio or --node-ipc. */
import {
  createConnection,
  DidChangeWatchedFilesNotification,
  ErrorCodes,
  ProposedFeatures,
  ResponseError,
  TextDocuments,
  TextDocumentSyncKind,
  type InitializeResult,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { SERVICES, grade, type RuleLevels } from '../../lib/engine';
import { analysisFailed, type LanguageService } from '../../lib/core';
import { MAX_TREE_BYTES, parseJsonCapped, readTextOrThrow } from '../../lib/core';
import { pathToFileURL } from 'node:url';
import { treeFromInspect, useTree } from '../../lib/languages';
import { AnalysisCache, contextOf, Debouncer, pathOf, type Analysis } from './lsp/analysis';
import { chainHover, chainRequest, documentLinks, CHAIN_CHANGED, CHAIN_REQUEST } from './lsp/chainView';
import { Workspace } from './lsp/workspace';
import {
  toCodeActions,
  toCompletionItem,
  toDocumentSymbol,
  toFoldingRange,
  toHover,
  toLocation,
  toRange,
  toRefactor,
} from './lsp/convert';
import { readSettings } from './lsp/settings';

const DEBOUNCE_MS = 150;

const connection = createConnection(ProposedFeatures.all);
const documents = new TextDocuments(TextDocument);
const cache = new AnalysisCache();
const debouncer = new Debouncer(DEBOUNCE_MS);
const workspace = new Workspace(connection, documents);
let watchFiles = false;

let pullConfiguration = false;
let levels: RuleLevels = {};
/** Levels the client asked us to force, e.g. VS Code validates pxe-site.json's schema itself. */
let clientLevels: RuleLevels = {};

connection.onInitialize((params): InitializeResult => {
  pullConfiguration = params.capabilities.workspace?.configuration === true;
  watchFiles = params.capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration === true;
  const folders =
    params.workspaceFolders?.map((f) => pathOf(f.uri)) ?? (params.rootUri ? [pathOf(params.rootUri)] : []);
  workspace.folders = folders;
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
      documentLinkProvider: {},
    },
    serverInfo: { name: 'pxe-workbench', version: '0.1.0' },
  };
});

connection.onInitialized(() => {
  // Any file may be a hop of the chain (a loader, a kernel): watch them all and re-check on change.
  if (watchFiles) {
    connection.client
      .register(DidChangeWatchedFilesNotification.type, { watchers: [{ globPattern: '**/*' }] })
      .catch((error: unknown) => {
        connection.console.warn(
          `Could not watch workspace files (${String(error)}): the boot chain is re-checked when you edit or save instead.`,
        );
      });
  }
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
  recheckSites();
}

const gradeLevels = (): RuleLevels => ({ ...levels, ...clientLevels });

/**
 * Runs one piece of work for the client; a bug it hits on odd input is logged and answered with
 * `fallback`, never allowed to end the process (after five crashes VS Code stops restarting a server).
 */
function safely<T>(what: string, fallback: T, work: () => T): T {
  try {
    return work();
  } catch (error) {
    connection.console.error(
      `${what} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
    );
    return fallback;
  }
}

/** A request handler that answers `fallback` instead of failing the request when it throws. */
function guarded<P, R>(what: string, fallback: R, handler: (params: P) => R): (params: P) => R {
  return (params) => safely(what, fallback, () => handler(params));
}

/** Re-checks every site's chain files (open or not) and tells the client the chains changed. */
function recheckSites(): void {
  for (const site of safely('Finding the sites', [], () => workspace.sites())) {
    safely(`Checking the site ${site.file}`, undefined, () => workspace.publishSite(site, gradeLevels(), validate));
  }
  void connection.sendNotification(CHAIN_CHANGED);
}

/** Something on disk changed: forget what depended on it and re-check after the usual quiet period. */
connection.onDidChangeWatchedFiles((params) => {
  if (params.changes.some((c) => c.uri.endsWith('/pxe-site.json'))) workspace.forgetSites();
  workspace.forgetClosedFiles();
  cache.clear();
  workspace.chains.invalidate();
  debouncer.schedule('#files', () => {
    documents.all().forEach(validate);
    recheckSites();
  });
});

connection.onDidChangeConfiguration((change) => {
  const pushed = (change.settings as { pxeWorkbench?: unknown } | undefined)?.pxeWorkbench;
  if (!pullConfiguration && pushed) levels = readSettings(pushed).levels;
  void refreshSettings();
});

/** Findings for an open document: its own rules and the boot chain's findings on it. */
function findingsOf(doc: TextDocument, analysis = cache.get(doc)): ReturnType<typeof grade> {
  return grade([...analysis.problems, ...workspace.crossFile(doc.uri)], gradeLevels());
}

function validate(doc: TextDocument): void {
  const diagnostics = safely(`Checking ${doc.uri}`, undefined, () =>
    workspace.diagnostics(findingsOf(doc), doc, doc.uri),
  );
  // Even a failure gets a diagnostic on the file: the user sees that it was not checked, and why.
  const shown =
    diagnostics ??
    workspace.diagnostics(
      grade([analysisFailed('Checking', 'see the PXE Workbench language server log')], gradeLevels()),
      doc,
      doc.uri,
    );
  void connection.sendDiagnostics({ uri: doc.uri, version: doc.version, diagnostics: shown });
}

/** After an edit settles: the chain may have changed for the other files of the same site. */
function recheckSiteOf(uri: string, validated?: string): void {
  const site = safely(`Finding the site of ${uri}`, undefined, () => workspace.siteOf(uri));
  if (!site) return;
  safely(`Checking the site ${site.file}`, undefined, () =>
    workspace.publishSite(site, gradeLevels(), validate, validated),
  );
  void connection.sendNotification(CHAIN_CHANGED);
}

/** A full RouterOS command tree from the client (PXE: Load RouterOS Command Tree…): check .rsc files against it. */
connection.onNotification('pxe/routerosTree', (params: { version: string; path: string }) => {
  try {
    useTree(
      treeFromInspect(parseJsonCapped(readTextOrThrow(params.path, MAX_TREE_BYTES), params.path), params.version),
    );
    cache.clear();
    workspace.chains.invalidate();
    workspace.forgetClosedFiles();
    documents.all().forEach(validate);
  } catch (error) {
    void connection.window.showErrorMessage(
      `PXE: could not load the RouterOS ${params.version} command tree from ${params.path} (${String(error)}). Load it again with PXE: Load RouterOS Command Tree…`,
    );
  }
});

documents.onDidOpen((e) => {
  validate(e.document);
  debouncer.schedule(`#site ${e.document.uri}`, () => recheckSiteOf(e.document.uri));
});
documents.onDidChangeContent((e) => {
  debouncer.schedule(e.document.uri, () => {
    const current = documents.get(e.document.uri);
    if (!current) return;
    workspace.chains.invalidate();
    validate(current);
    recheckSiteOf(current.uri, current.uri);
  });
});
documents.onDidClose((e) => {
  debouncer.cancel(e.document.uri);
  cache.delete(e.document.uri);
  void connection.sendDiagnostics({ uri: e.document.uri, diagnostics: [] });
  // Its saved state may still matter to the chain (and be what the chain now reads).
  workspace.chains.invalidate();
  workspace.forgetOpen(pathOf(e.document.uri));
  debouncer.schedule(`#site ${e.document.uri}`, () => recheckSiteOf(e.document.uri));
});

connection.onDocumentLinks(
  guarded('Document links', [], (params) => {
    const doc = documents.get(params.textDocument.uri);
    return doc ? documentLinks(workspace, doc) : [];
  }),
);

connection.onRequest(
  CHAIN_REQUEST,
  guarded('Boot chain request', [], (params: { uri?: string }) => chainRequest(workspace, params.uri)),
);

/** The open document, its analysis for the current version, and its language service. */
function serviceAt(
  uri: string,
): { doc: TextDocument; analysis: Analysis; service: LanguageService<never> | undefined } | undefined {
  const doc = documents.get(uri);
  if (!doc) return undefined;
  const analysis = cache.get(doc);
  return { doc, analysis, service: analysis.language && SERVICES.get(analysis.language) };
}

connection.onCompletion(
  guarded('Completion', [], (params) => {
    const at = serviceAt(params.textDocument.uri);
    const completions =
      at?.service?.complete?.(
        at.analysis.ast as never,
        at.doc.getText(),
        at.doc.offsetAt(params.position),
        contextOf(at.doc.uri),
      ) ?? [];
    return completions.map((c) => toCompletionItem(c, at!.doc));
  }),
);

connection.onHover(
  guarded('Hover', null, (params) => {
    const at = serviceAt(params.textDocument.uri);
    if (!at) return null;
    const offset = at.doc.offsetAt(params.position);
    const info = at.service?.hover?.(at.analysis.ast as never, at.doc.getText(), offset);
    // On a path or URL of the boot chain, say where it resolves too.
    const chain = chainHover(workspace, at.doc, offset);
    if (info && chain)
      return toHover(
        { markdown: `${info.markdown}\n\n---\n\n${chain.markdown}`, start: info.start, end: info.end },
        at.doc,
      );
    const shown = info ?? chain;
    return shown ? toHover(shown, at.doc) : null;
  }),
);

connection.onDocumentSymbol(
  guarded('Outline', [], (params) => {
    const at = serviceAt(params.textDocument.uri);
    return (
      at?.service?.symbols?.(at.analysis.ast as never, at.doc.getText()).map((s) => toDocumentSymbol(s, at.doc)) ?? []
    );
  }),
);

connection.onDefinition(
  guarded('Go to definition', [], (params) => {
    const at = serviceAt(params.textDocument.uri);
    const spans =
      at?.service?.definition?.(
        at.analysis.ast as never,
        at.doc.getText(),
        at.doc.offsetAt(params.position),
        contextOf(at.doc.uri),
      ) ?? [];
    // A span in another file (an INCLUDE) points at its start.
    return spans.map((s) =>
      s.file
        ? {
            uri: pathToFileURL(s.file).href,
            range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
          }
        : toLocation(s, at!.doc, at!.doc.uri),
    );
  }),
);

connection.onReferences(
  guarded('Find references', [], (params) => {
    const at = serviceAt(params.textDocument.uri);
    const spans =
      at?.service?.references?.(
        at.analysis.ast as never,
        at.doc.getText(),
        at.doc.offsetAt(params.position),
        params.context.includeDeclaration,
      ) ?? [];
    return spans.map((s) => toLocation(s, at!.doc, at!.doc.uri));
  }),
);

connection.onPrepareRename(
  guarded('Prepare rename', null, (params) => {
    const at = serviceAt(params.textDocument.uri);
    const span = at?.service?.prepareRename?.(
      at.analysis.ast as never,
      at.doc.getText(),
      at.doc.offsetAt(params.position),
    );
    return span ? toRange(at!.doc, span.start, span.end) : null;
  }),
);

connection.onRenameRequest((params) => {
  const at = serviceAt(params.textDocument.uri);
  const result = at?.service?.rename?.(
    at.analysis.ast as never,
    at.doc.getText(),
    at.doc.offsetAt(params.position),
    params.newName,
  );
  if (!result) return null;
  if ('error' in result) throw new ResponseError(ErrorCodes.InvalidRequest, result.error);
  return {
    changes: {
      [at!.doc.uri]: result.edits.map((e) => ({ range: toRange(at!.doc, e.start, e.end), newText: result.newText })),
    },
  };
});

connection.onFoldingRanges(
  guarded('Folding', [], (params) => {
    const at = serviceAt(params.textDocument.uri);
    const spans = at?.service?.folding?.(at.analysis.ast as never, at.doc.getText()) ?? [];
    return spans.map((s) => toFoldingRange(s, at!.doc)).filter((r) => r !== undefined);
  }),
);

connection.onDocumentFormatting(
  guarded('Formatting', [], (params) => {
    const at = serviceAt(params.textDocument.uri);
    const text = at?.doc.getText() ?? '';
    const formatted = at?.service?.format?.(at.analysis.ast as never, text);
    if (!at || formatted === undefined || formatted === text) return [];
    return [{ range: toRange(at.doc, 0, text.length), newText: formatted }];
  }),
);

connection.onCodeAction(
  guarded('Code actions', [], (params) => {
    const at = serviceAt(params.textDocument.uri);
    if (!at) return [];
    const findings = findingsOf(at.doc, at.analysis);
    const fixes = toCodeActions(findings, at.doc, at.doc.uri, params.range, params.context.diagnostics);
    const extra =
      at.service?.actions?.(
        at.analysis.ast as never,
        at.doc.getText(),
        at.doc.offsetAt(params.range.start),
        at.doc.offsetAt(params.range.end),
      ) ?? [];
    return [...fixes, ...extra.map((a) => toRefactor(a, at.doc, at.doc.uri))];
  }),
);

// The last line of defence: a bug that escapes every guard above is logged; the server keeps serving.
process.on('uncaughtException', (error) =>
  connection.console.error(`Unexpected failure: ${error.stack ?? error.message}`),
);

documents.listen(connection);
connection.listen();
