/**
 * PXE: Show Translated Ignition: a read-only document beside a Butane config with the Ignition it becomes,
 * asked from the server (pxe/butaneTranslation) and asked again shortly after each edit of the config.
 */
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';

export const TRANSLATED_SCHEME = 'pxe-ignition';
const REQUEST = 'pxe/butaneTranslation';
const SETTLE_MS = 300;

interface Translation {
  json?: string;
  errors: string[];
  warnings: string[];
  ignitionVersion?: string;
}

/** The views' contents: the config's URI rides in the view's query, the name ends in `.ign.jsonc`. */
export class TranslatedIgnition implements vscode.TextDocumentContentProvider, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changed.event;
  /** The last Ignition each config translated to, shown (marked stale) while an edit breaks it. */
  private readonly lastGood = new Map<string, string>();
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private readonly subscriptions: vscode.Disposable[];

  constructor(private readonly client: () => LanguageClient | undefined) {
    this.subscriptions = [
      this.changed,
      vscode.workspace.registerTextDocumentContentProvider(TRANSLATED_SCHEME, this),
      vscode.workspace.onDidChangeTextDocument((e) => this.edited(e.document.uri)),
      vscode.workspace.onDidSaveTextDocument((d) => this.edited(d.uri)),
    ];
  }

  /** The view of a config. */
  viewOf(config: vscode.Uri): vscode.Uri {
    const name = config.path.split('/').pop() || 'config.bu';
    return vscode.Uri.from({ scheme: TRANSLATED_SCHEME, path: `/${name}.ign.jsonc`, query: config.toString() });
  }

  private edited(config: vscode.Uri): void {
    if (config.scheme === TRANSLATED_SCHEME) return;
    const view = this.viewOf(config);
    if (!vscode.workspace.textDocuments.some((d) => d.uri.toString() === view.toString())) return;
    const key = config.toString();
    clearTimeout(this.timers.get(key));
    this.timers.set(
      key,
      setTimeout(() => {
        this.timers.delete(key);
        this.changed.fire(view);
      }, SETTLE_MS),
    );
  }

  async provideTextDocumentContent(view: vscode.Uri): Promise<string> {
    const config = view.query;
    const client = this.client();
    if (!client) return '// The PXE Workbench language server is not running: run PXE: Restart Language Server.\n';
    const result = await client.sendRequest<Translation | null>(REQUEST, { uri: config });
    if (!result) return '// Open the Butane config in an editor to see its translation.\n';
    if (result.json !== undefined) this.lastGood.set(config, result.json);
    return render(result, this.lastGood.get(config));
  }

  dispose(): void {
    this.timers.forEach((t) => clearTimeout(t));
    this.subscriptions.forEach((s) => s.dispose());
  }
}

/** The JSON, after Butane's reports as comments; when an error stops it, the reports and the last good JSON. */
export function render(result: Translation, lastGood: string | undefined): string {
  const comment = (lines: string[]): string => lines.map((l) => `// ${l.replace(/\r?\n/g, ' ')}\n`).join('');
  if (result.json !== undefined) return comment(result.warnings) + result.json;
  const head = [
    'Not translated: fix the errors below (also in Problems) and this view updates.',
    ...result.errors,
    ...result.warnings,
  ];
  if (!lastGood) return comment(head);
  return `${comment([...head, '', 'The last translation that worked:'])}${lastGood}`;
}

/** `pxeWorkbench.showTranslatedIgnition`: the view of the given (or active) Butane config, beside it. */
export async function showTranslatedIgnition(views: TranslatedIgnition, uri?: unknown): Promise<boolean> {
  const editor = vscode.window.activeTextEditor;
  const config = uri instanceof vscode.Uri ? uri : editor?.document.uri;
  if (!config || (!(uri instanceof vscode.Uri) && editor?.document.languageId !== 'butane')) {
    void vscode.window.showInformationMessage('PXE: open a Butane config (.bu) first, then show its Ignition.');
    return false;
  }
  // The server translates open documents only.
  await vscode.workspace.openTextDocument(config);
  const doc = await vscode.workspace.openTextDocument(views.viewOf(config));
  await vscode.window.showTextDocument(doc, {
    viewColumn: vscode.ViewColumn.Beside,
    preview: false,
    preserveFocus: true,
  });
  return true;
}
