/** The Boot Chain view (explorer) and the PXE: Show Boot Chain picture, both fed by the server's pxe/chain. */
import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import type { ChainData, ClientData, HopData } from '../../../lib/chain';
import { chainPage, nodeTarget, type Where } from '../../../lib/chain';

export const CHAIN_REQUEST = 'pxe/chain';
export const CHAIN_CHANGED = 'pxe/chainChanged';
export const OPEN_HOP_COMMAND = 'pxeWorkbench.bootChain.open';

/** Each node carries a stable id (site, machine, hop path) so the tree keeps what the user expanded. */
type Node =
  | { type: 'site'; id: string; chain: ChainData<Where> }
  | { type: 'firmware'; id: string; chain: ChainData<Where>; firmware: 'bios' | 'uefi'; clients: ClientData<Where>[] }
  | { type: 'client'; id: string; client: ClientData<Where> }
  | { type: 'hop'; id: string; hop: HopData<Where> };

const ICON: Record<string, [string, string]> = {
  ok: ['pass', 'testing.iconPassed'],
  missing: ['error', 'errorForeground'],
  warning: ['warning', 'editorWarning.foreground'],
  info: ['info', 'editorInfo.foreground'],
  unknown: ['question', 'disabledForeground'],
};

const icon = (status: string): vscode.ThemeIcon => {
  const [id, color] = ICON[status] ?? ICON.unknown!;
  return new vscode.ThemeIcon(id, new vscode.ThemeColor(color));
};

const worstOf = (h: HopData<Where>): string =>
  h.status !== 'ok' ? h.status : (h.children.map(worstOf).find((s) => s !== 'ok') ?? 'ok');

const verdict = (c: ClientData<Where>): string =>
  c.broken
    ? 'broken'
    : c.status === 'ok'
      ? 'boots'
      : c.status === 'info'
        ? 'images not downloaded'
        : c.status === 'warning'
          ? 'boots, with warnings'
          : 'boots';

/** Opens a hop: the file it resolves to, else the place that names it. */
export async function openHop(target: { uri: string; line?: number; character?: number } | undefined): Promise<void> {
  if (!target) return;
  const position = new vscode.Position(target.line ?? 0, target.character ?? 0);
  const uri = vscode.Uri.parse(target.uri);
  try {
    await vscode.window.showTextDocument(uri, { selection: new vscode.Range(position, position), preview: true });
  } catch {
    // A binary (a loader, a kernel): reveal it instead of opening it as text.
    await vscode.commands.executeCommand('revealInExplorer', uri);
  }
}

export class BootChain implements vscode.TreeDataProvider<Node>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<Node | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private chains: ChainData<Where>[] = [];
  private panel: vscode.WebviewPanel | undefined;
  private selected: string | undefined;
  private readonly disposables: vscode.Disposable[] = [];
  private timer: NodeJS.Timeout | undefined;

  constructor(private readonly client: () => LanguageClient | undefined) {}

  /** Listen for chain changes once the language client runs. */
  attach(client: LanguageClient): void {
    this.disposables.push(client.onNotification(CHAIN_CHANGED, () => this.scheduleRefresh()));
    this.scheduleRefresh();
  }

  private scheduleRefresh(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.refresh(), 200);
  }

  async load(): Promise<ChainData<Where>[]> {
    const client = this.client();
    if (!client?.isRunning()) return [];
    const uri = vscode.window.activeTextEditor?.document.uri.toString();
    try {
      this.chains = await client.sendRequest<ChainData<Where>[]>(CHAIN_REQUEST, { uri });
    } catch (error) {
      void vscode.window.showErrorMessage(
        `PXE: could not follow the boot chain (${String(error)}). Run PXE: Restart Language Server, then PXE: Show Logs if it persists.`,
      );
      this.chains = [];
    }
    return this.chains;
  }

  async refresh(): Promise<void> {
    await this.load();
    await vscode.commands.executeCommand('setContext', 'pxeWorkbench.hasSite', this.chains.length > 0);
    this.changed.fire(undefined);
    if (this.panel) this.render();
  }

  getTreeItem(node: Node): vscode.TreeItem {
    const item = this.item(node);
    item.id = node.id;
    return item;
  }

  private item(node: Node): vscode.TreeItem {
    switch (node.type) {
      case 'site': {
        // Several sites: start folded, one row each.
        const item = new vscode.TreeItem(node.chain.site.name ?? 'site', vscode.TreeItemCollapsibleState.Collapsed);
        item.description = vscode.workspace.asRelativePath(vscode.Uri.parse(node.chain.site.file));
        item.iconPath = new vscode.ThemeIcon('server-environment');
        item.tooltip = `${node.chain.site.name ?? 'site'}: ${vscode.Uri.parse(node.chain.site.file).fsPath}`;
        return item;
      }
      case 'firmware': {
        const broken = node.clients.filter((c) => c.broken).length;
        const item = new vscode.TreeItem(node.firmware.toUpperCase(), vscode.TreeItemCollapsibleState.Expanded);
        const kinds = `${node.clients.length} kind${node.clients.length === 1 ? '' : 's'} of machine`;
        item.description = `${kinds}${broken ? `, ${broken} broken` : ', all boot'}`;
        item.iconPath = icon(broken ? 'missing' : 'ok');
        return item;
      }
      case 'client': {
        const c = node.client;
        const item = new vscode.TreeItem(c.name, vscode.TreeItemCollapsibleState.Collapsed);
        item.description = [c.mac && !c.name.includes(c.mac) ? c.mac : '', c.ip ?? '', verdict(c)]
          .filter(Boolean)
          .join(' · ');
        item.iconPath = icon(c.broken ? 'missing' : c.status);
        item.contextValue = 'pxeMachine';
        return item;
      }
      case 'hop': {
        const h = node.hop;
        // Open the way to a problem; keep a healthy subtree folded.
        const state = !h.children.length
          ? vscode.TreeItemCollapsibleState.None
          : worstOf(h) === 'ok'
            ? vscode.TreeItemCollapsibleState.Collapsed
            : vscode.TreeItemCollapsibleState.Expanded;
        const item = new vscode.TreeItem(h.label, state);
        item.description = h.status === 'ok' ? (h.detail ?? '') : (h.message ?? h.detail ?? '');
        item.tooltip = new vscode.MarkdownString(
          [
            `**${h.label}** (${h.kind}${h.via ? `, ${h.via.toUpperCase()}` : ''})`,
            h.url ?? '',
            h.message ? `$(warning) ${h.message}` : '',
          ]
            .filter(Boolean)
            .join('\n\n'),
          true,
        );
        item.iconPath = icon(h.status);
        const target = nodeTarget(h);
        if (target) item.command = { title: 'Open', command: OPEN_HOP_COMMAND, arguments: [target] };
        item.contextValue = 'pxeHop';
        return item;
      }
    }
  }

  async getChildren(node?: Node): Promise<Node[]> {
    if (!node) {
      if (!this.chains.length) await this.load();
      if (this.chains.length === 1) return this.firmwares(this.chains[0] as ChainData<Where>, '');
      return this.chains.map((chain) => ({ type: 'site', id: chain.site.file, chain }));
    }
    switch (node.type) {
      case 'site':
        return this.firmwares(node.chain, node.id);
      case 'firmware':
        return node.clients.map((client) => ({ type: 'client', id: `${node.id}/${client.id}`, client }));
      case 'client':
        return [{ type: 'hop', id: `${node.id}/0`, hop: node.client.root }];
      case 'hop':
        return node.hop.children.map((hop, i) => ({ type: 'hop', id: `${node.id}/${i}`, hop }));
    }
  }

  private firmwares(chain: ChainData<Where>, parent: string): Node[] {
    return (['bios', 'uefi'] as const)
      .map((firmware) => ({
        type: 'firmware' as const,
        id: `${parent || chain.site.file}#${firmware}`,
        chain,
        firmware,
        clients: chain.clients.filter((c) => c.firmware === firmware),
      }))
      .filter((n) => n.clients.length);
  }

  /** PXE: Show Boot Chain — the picture, one machine at a time; nodes open their file. */
  async show(): Promise<void> {
    await this.load();
    if (!this.panel) {
      this.panel = vscode.window.createWebviewPanel('pxeWorkbench.bootChain', 'Boot Chain', vscode.ViewColumn.Active, {
        enableScripts: true,
        retainContextWhenHidden: true,
      });
      this.panel.onDidDispose(() => (this.panel = undefined), undefined, this.disposables);
      this.panel.webview.onDidReceiveMessage(
        (message: { type: string; key?: string; target?: { uri: string; line?: number; character?: number } }) => {
          if (message.type === 'open') void openHop(message.target);
          if (message.type === 'select') {
            this.selected = message.key;
            this.render();
          }
        },
        undefined,
        this.disposables,
      );
    }
    this.render();
    this.panel.reveal(undefined, true);
  }

  private render(): void {
    if (!this.panel) return;
    this.panel.webview.html = chainPage(this.chains, {
      nonce: randomBytes(16).toString('base64'),
      cspSource: this.panel.webview.cspSource,
      ...(this.selected ? { selected: this.selected } : {}),
    });
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    this.panel?.dispose();
    this.changed.dispose();
    this.disposables.forEach((d) => d.dispose());
  }
}
