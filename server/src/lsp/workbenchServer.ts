/**
 * The language server: the connection's handlers as named methods of one object, so the flow reads in one
 * place (an edit: debounce → analyze the document → recompute its site's chain → publish what changed).
 */
import {
  DidChangeWatchedFilesNotification,
  TextDocuments,
  TextDocumentSyncKind,
  type Connection,
  type DidChangeConfigurationParams,
  type DidChangeWatchedFilesParams,
  type DocumentLinkParams,
  type InitializeParams,
  type InitializeResult,
  type RenameParams,
  type TextDocumentChangeEvent,
  type TextDocumentPositionParams,
  type WorkspaceEdit,
} from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { analysisFailed, MAX_TREE_BYTES, parseJsonCapped, readTextOrThrow, type SiteView } from '../../../lib/core';
import { grade, gradeDocument, type Finding, type RuleLevels } from '../../../lib/engine';
import { treeFromInspect, useTree } from '../../../lib/languages';
import { AnalysisCache, Debouncer, pathOf, type Analysis } from './analysis';
import { butaneTranslation, BUTANE_TRANSLATION_REQUEST } from './butaneView';
import { chainHover, chainRequest, documentLinks, CHAIN_CHANGED, CHAIN_REQUEST } from './chainView';
import * as features from './features';
import { Publisher } from './publisher';
import { readSettings } from './settings';
import { Workspace, type SiteUpdate } from './workspace';

const DEBOUNCE_MS = 150;

/** What the server offers; everything else is off. */
const CAPABILITIES: InitializeResult['capabilities'] = {
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
};

export class WorkbenchServer {
  private readonly documents = new TextDocuments(TextDocument);
  private readonly cache = new AnalysisCache();
  private readonly debouncer = new Debouncer(DEBOUNCE_MS);
  private readonly workspace = new Workspace(this.documents);
  private readonly publisher: Publisher;
  private watchFiles = false;
  private pullConfiguration = false;
  private levels: RuleLevels = {};
  /** Levels the client asked us to force, e.g. VS Code validates pxe-site.json's schema itself. */
  private clientLevels: RuleLevels = {};

  constructor(private readonly connection: Connection) {
    this.publisher = new Publisher(connection, this.workspace.locate);
    // The chain's signature reader loaded (first use): publish again what waited for it.
    this.workspace.onChainsSettled = () => {
      this.cache.clear();
      this.validateAll();
      this.recheckSites();
    };
  }

  /** Registers every handler, then starts reading the connection. */
  listen(): void {
    const c = this.connection;
    c.onInitialize(this.onInitialize.bind(this));
    c.onInitialized(this.onInitialized.bind(this));
    c.onDidChangeWatchedFiles(this.onDidChangeWatchedFiles.bind(this));
    c.onDidChangeConfiguration(this.onDidChangeConfiguration.bind(this));
    c.onNotification('pxe/routerosTree', this.onRouterOsTree.bind(this));
    this.documents.onDidOpen(this.onDidOpen.bind(this));
    this.documents.onDidChangeContent(this.onDidChangeContent.bind(this));
    this.documents.onDidClose(this.onDidClose.bind(this));
    c.onDocumentLinks(
      this.guarded('Document links', [], (params: DocumentLinkParams) => {
        const doc = this.documents.get(params.textDocument.uri);
        return doc ? documentLinks(this.workspace, doc) : [];
      }),
    );
    c.onRequest(
      CHAIN_REQUEST,
      this.guarded('Boot chain request', [], (params: { uri?: string }) => chainRequest(this.workspace, params.uri)),
    );
    c.onRequest(
      BUTANE_TRANSLATION_REQUEST,
      this.guarded('Butane translation', null, (p: { uri: string }) => butaneTranslation(this.documents, p.uri)),
    );
    c.onCompletion(this.feature('Completion', [], features.completion));
    c.onHover(this.feature('Hover', null, this.hover.bind(this)));
    c.onDocumentSymbol(this.feature('Outline', [], features.symbols));
    c.onDefinition(this.feature('Go to definition', [], features.definition));
    c.onReferences(this.feature('Find references', [], features.references));
    c.onPrepareRename(this.feature('Prepare rename', null, features.prepareRename));
    // Not guarded: a name that cannot be renamed is an error the client must show.
    c.onRenameRequest(this.rename.bind(this));
    c.onFoldingRanges(this.feature('Folding', [], features.folding));
    c.onDocumentFormatting(this.feature('Formatting', [], features.formatting));
    c.onCodeAction(
      this.feature('Code actions', [], (at, params) => features.codeActions(at, params, this.findingsOf(at))),
    );
    this.documents.listen(c);
    c.listen();
  }

  private onInitialize(params: InitializeParams): InitializeResult {
    this.pullConfiguration = params.capabilities.workspace?.configuration === true;
    this.watchFiles = params.capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration === true;
    this.workspace.folders =
      params.workspaceFolders?.map((f) => pathOf(f.uri)) ?? (params.rootUri ? [pathOf(params.rootUri)] : []);
    const options = (params.initializationOptions ?? {}) as { clientValidatesSiteSchema?: boolean };
    if (options.clientValidatesSiteSchema) this.clientLevels = { 'site.schema': 'off', 'site.jsonSyntax': 'off' };
    return { capabilities: CAPABILITIES, serverInfo: { name: 'pxe-workbench', version: '0.1.0' } };
  }

  private onInitialized(): void {
    // Any file may be a hop of the chain (a loader, a kernel): watch them all and re-check on change.
    if (this.watchFiles) {
      this.connection.client
        .register(DidChangeWatchedFilesNotification.type, { watchers: [{ globPattern: '**/*' }] })
        .catch((error: unknown) => {
          this.connection.console.warn(
            `Could not watch workspace files (${String(error)}): ` +
              'the boot chain is re-checked when you edit or save instead.',
          );
        });
    }
    void this.refreshSettings();
  }

  private async refreshSettings(): Promise<void> {
    if (this.pullConfiguration) {
      try {
        this.levels = readSettings(await this.connection.workspace.getConfiguration('pxeWorkbench')).levels;
      } catch (error) {
        this.connection.console.warn(`Could not read pxeWorkbench settings (${String(error)}); using rule defaults.`);
      }
    }
    this.validateAll();
    this.recheckSites();
  }

  /** Something on disk changed: forget what depended on it and re-check after the usual quiet period. */
  private onDidChangeWatchedFiles(params: DidChangeWatchedFilesParams): void {
    if (params.changes.some((c) => c.uri.endsWith('/pxe-site.json'))) this.workspace.forgetSites();
    this.workspace.forgetClosedFiles();
    this.cache.clear();
    this.workspace.chains.invalidate();
    this.debouncer.schedule('#files', () => {
      this.validateAll();
      this.recheckSites();
    });
  }

  private onDidChangeConfiguration(change: DidChangeConfigurationParams): void {
    const pushed = (change.settings as { pxeWorkbench?: unknown } | undefined)?.pxeWorkbench;
    if (!this.pullConfiguration && pushed) this.levels = readSettings(pushed).levels;
    void this.refreshSettings();
  }

  /** A full RouterOS command tree from the client (PXE: Load RouterOS Command Tree…): check .rsc files against it. */
  private onRouterOsTree(params: { version: string; path: string }): void {
    try {
      useTree(
        treeFromInspect(parseJsonCapped(readTextOrThrow(params.path, MAX_TREE_BYTES), params.path), params.version),
      );
      this.cache.clear();
      this.workspace.chains.invalidate();
      this.workspace.forgetClosedFiles();
      this.validateAll();
    } catch (error) {
      void this.connection.window.showErrorMessage(
        `PXE: could not load the RouterOS ${params.version} command tree from ${params.path} (${String(error)}). ` +
          'Load it again with PXE: Load RouterOS Command Tree…',
      );
    }
  }

  private onDidOpen(e: TextDocumentChangeEvent<TextDocument>): void {
    // A site file opened (perhaps new, from a client that does not watch files): look for sites again.
    if (e.document.uri.endsWith('/pxe-site.json')) this.workspace.forgetSites();
    this.validate(e.document);
    this.debouncer.schedule(`#site ${e.document.uri}`, () => this.recheckSiteOf(e.document.uri));
  }

  private onDidChangeContent(e: TextDocumentChangeEvent<TextDocument>): void {
    this.debouncer.schedule(e.document.uri, () => this.edited(e.document.uri));
  }

  /** An edit settled: analyze the document, then its site's chain, and publish what changed. */
  private edited(uri: string): void {
    const current = this.documents.get(uri);
    if (!current) return;
    // Only the chains that read this file are built again (and they parse only this file again).
    const affected = uri.startsWith('file:') && this.workspace.chains.changed(pathOf(uri), current.getText());
    this.validate(current);
    if (affected) this.recheckSiteOf(current.uri, current.uri);
  }

  private onDidClose(e: TextDocumentChangeEvent<TextDocument>): void {
    this.debouncer.cancel(e.document.uri);
    this.cache.delete(e.document.uri);
    this.publisher.publish(e.document.uri, undefined, [], e.document);
    // Its saved state may still matter to the chain (and be what the chain now reads).
    this.workspace.chains.invalidate();
    this.workspace.forgetOpen(pathOf(e.document.uri));
    this.debouncer.schedule(`#site ${e.document.uri}`, () => this.recheckSiteOf(e.document.uri));
  }

  private hover(at: features.OpenDocument, params: TextDocumentPositionParams): ReturnType<typeof features.hover> {
    const offset = at.doc.offsetAt(params.position);
    return features.hover(at, offset, () => chainHover(this.workspace, at.doc, offset));
  }

  private rename(params: RenameParams): WorkspaceEdit | null {
    const at = this.openDocument(params.textDocument.uri);
    return at ? features.rename(at, params) : null;
  }

  private gradeLevels(): RuleLevels {
    return { ...this.levels, ...this.clientLevels };
  }

  /** Findings for an open document: its own rules and the boot chain's findings on it. */
  private findingsOf(at: { doc: TextDocument; analysis: Analysis }): Finding[] {
    return gradeDocument(at.analysis, { levels: this.gradeLevels(), crossFile: this.workspace.crossFile(at.doc.uri) });
  }

  private validateAll(): void {
    this.documents.all().forEach((doc) => this.validate(doc));
  }

  private validate(doc: TextDocument): void {
    const published = this.safely(`Checking ${doc.uri}`, false, () => {
      this.publisher.publish(doc.uri, doc.version, this.findingsOf({ doc, analysis: this.cache.get(doc) }), doc);
      return true;
    });
    // Even a failure gets a diagnostic on the file: the user sees that it was not checked, and why.
    if (!published) {
      const failed = analysisFailed('Checking', 'see the PXE Workbench language server log');
      this.publisher.publish(doc.uri, doc.version, grade([failed], this.gradeLevels()), doc);
    }
  }

  /** Re-checks every site's chain files (open or not) and tells the client the chains changed. */
  private recheckSites(): void {
    for (const site of this.safely('Finding the sites', [], () => this.workspace.sites())) this.recheckSite(site);
    void this.connection.sendNotification(CHAIN_CHANGED);
  }

  /** After an edit settles: the chain may have changed for the other files of the same site. */
  private recheckSiteOf(uri: string, validated?: string): void {
    const site = this.safely(`Finding the site of ${uri}`, undefined, () => this.workspace.siteOf(uri));
    if (!site) return;
    this.recheckSite(site, validated);
    void this.connection.sendNotification(CHAIN_CHANGED);
  }

  /** Publishes a site's chain files again: open ones validated, closed ones as the workspace linted them. */
  private recheckSite(site: SiteView, validated?: string): void {
    this.safely(`Checking the site ${site.file}`, undefined, () => {
      for (const update of this.workspace.siteUpdates(site, this.gradeLevels(), validated)) this.publishUpdate(update);
    });
  }

  private publishUpdate(update: SiteUpdate): void {
    if ('open' in update) this.validate(update.open);
    else this.publisher.publish(update.uri, undefined, update.findings, update.positions);
  }

  /** The open document and its analysis for the current version. */
  private openDocument(uri: string): features.OpenDocument | undefined {
    const doc = this.documents.get(uri);
    return doc ? { doc, analysis: this.cache.get(doc) } : undefined;
  }

  /**
   * Runs one piece of work for the client; a bug it hits on odd input is logged and answered with
   * `fallback`, never allowed to end the process (after five crashes VS Code stops restarting a server).
   */
  private safely<T>(what: string, fallback: T, work: () => T): T {
    try {
      return work();
    } catch (error) {
      this.connection.console.error(
        `${what} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
      );
      return fallback;
    }
  }

  /** A request handler that answers `fallback` instead of failing the request when it throws. */
  private guarded<P, R>(what: string, fallback: R, handler: (params: P) => R): (params: P) => R {
    return (params) => this.safely(what, fallback, () => handler(params));
  }

  /** A guarded request on an open document; `fallback` when the document is not open. */
  private feature<P extends { textDocument: { uri: string } }, R>(
    what: string,
    fallback: R,
    answer: (at: features.OpenDocument, params: P) => R,
  ): (params: P) => R {
    return this.guarded(what, fallback, (params: P) => {
      const at = this.openDocument(params.textDocument.uri);
      return at ? answer(at, params) : fallback;
    });
  }
}
