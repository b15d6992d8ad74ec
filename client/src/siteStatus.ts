/** The status bar item naming the workspace's site (pxe-site.json's "name"); a click shows its boot chain. */
import * as vscode from 'vscode';
import { readSite } from '../../lib/site';
import { workspaceSiteFiles } from './sites';

export function siteStatus(): vscode.Disposable {
  const item = vscode.window.createStatusBarItem('pxeWorkbench.site', vscode.StatusBarAlignment.Left, 51);
  item.name = 'PXE Workbench: Site';
  item.command = 'pxeWorkbench.showBootChain';
  const update = (): void => {
    const sites = workspaceSiteFiles().flatMap((file) => {
      const site = readSite(file);
      return site ? [{ where: vscode.workspace.asRelativePath(vscode.Uri.file(file)), name: site.name }] : [];
    });
    const [first] = sites;
    if (!first) {
      item.hide();
      return;
    }
    const more = sites.length > 1 ? ` +${sites.length - 1}` : '';
    item.text = `$(server-environment) ${first.name ?? first.where}${more}`;
    const list = sites.map((s) => `${s.name ?? '(no name)'} — ${s.where}`).join('\n');
    item.tooltip = `PXE site${sites.length > 1 ? 's' : ''}: ${list}\nClick for the boot chain.`;
    item.show();
  };
  const watcher = vscode.workspace.createFileSystemWatcher('**/pxe-site.json');
  const subscriptions = [
    item,
    watcher,
    watcher.onDidCreate(() => update()),
    watcher.onDidChange(() => update()),
    watcher.onDidDelete(() => update()),
  ];
  update();
  return vscode.Disposable.from(...subscriptions);
}
