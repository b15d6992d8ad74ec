/** The status bar item naming the workspace's site (pxe-site.json's "name"); a click shows its boot chain. */
import * as vscode from 'vscode';
import { readSite } from '../../lib/site';

export function siteStatus(): vscode.Disposable {
  const item = vscode.window.createStatusBarItem('pxeWorkbench.site', vscode.StatusBarAlignment.Left, 51);
  item.name = 'PXE Workbench: Site';
  item.command = 'pxeWorkbench.showBootChain';
  const update = async (): Promise<void> => {
    const files = await vscode.workspace.findFiles('**/pxe-site.json', '**/node_modules/**', 20);
    const sites = files.map((f) => ({ file: f, site: readSite(f.fsPath) })).filter((s) => s.site);
    if (!sites.length) {
      item.hide();
      return;
    }
    const first = sites[0]!;
    item.text = `$(server-environment) ${first.site!.name ?? vscode.workspace.asRelativePath(first.file)}${sites.length > 1 ? ` +${sites.length - 1}` : ''}`;
    item.tooltip = `PXE site${sites.length > 1 ? 's' : ''}: ${sites.map((s) => `${s.site!.name ?? '(no name)'} — ${vscode.workspace.asRelativePath(s.file)}`).join('\n')}\nClick for the boot chain.`;
    item.show();
  };
  const watcher = vscode.workspace.createFileSystemWatcher('**/pxe-site.json');
  const subscriptions = [
    item,
    watcher,
    watcher.onDidCreate(() => void update()),
    watcher.onDidChange(() => void update()),
    watcher.onDidDelete(() => void update()),
  ];
  void update();
  return vscode.Disposable.from(...subscriptions);
}
