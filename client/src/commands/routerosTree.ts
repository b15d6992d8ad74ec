import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { TreeError, treeFromInspect } from '../../../server/src/languages/routeros/tree';

/** The server learns about a loaded tree through this notification (a file path it reads itself). */
export const TREE_NOTIFICATION = 'pxe/routerosTree';

function cacheFile(context: vscode.ExtensionContext, version: string): vscode.Uri {
  return vscode.Uri.joinPath(context.globalStorageUri, `routeros-tree-${version.replace(/[^\w.-]/g, '_')}.json`);
}

/** `PXE: Load RouterOS Command Tree…`: a /console/inspect dump for one version, checked and cached. */
export async function loadRouterOsTree(context: vscode.ExtensionContext, client: LanguageClient | undefined): Promise<boolean> {
  const configured = vscode.workspace.getConfiguration('pxeWorkbench').get<string>('routeros.version') || '7.24';
  const version = await vscode.window.showInputBox({ title: 'Load RouterOS Command Tree (1/2)', prompt: 'RouterOS version of the tree', value: configured, validateInput: (v) => (/^\d+\.\d+(\.\d+)?(rc\d+|beta\d+)?$/.test(v.trim()) ? undefined : 'Type a version such as 7.24 or 7.22.3.') });
  if (!version) return false;
  const picked = await vscode.window.showOpenDialog({ title: 'Load RouterOS Command Tree (2/2): a /console/inspect JSON dump', filters: { JSON: ['json'] }, canSelectMany: false, openLabel: 'Load' });
  const file = picked?.[0];
  if (!file) return false;
  let bytes: Uint8Array;
  try {
    bytes = await vscode.workspace.fs.readFile(file);
    treeFromInspect(JSON.parse(Buffer.from(bytes).toString('utf8')), version.trim());
  } catch (error) {
    const why = error instanceof TreeError || error instanceof SyntaxError ? error.message : String(error);
    void vscode.window.showErrorMessage(`PXE: ${file.fsPath} is not a RouterOS command tree (${why}). Export one with /console/inspect, or use a per-version dump.`);
    return false;
  }
  const cached = cacheFile(context, version.trim());
  await vscode.workspace.fs.createDirectory(context.globalStorageUri);
  await vscode.workspace.fs.writeFile(cached, bytes);
  await vscode.workspace.getConfiguration('pxeWorkbench').update('routeros.version', version.trim(), vscode.ConfigurationTarget.Global);
  await client?.sendNotification(TREE_NOTIFICATION, { version: version.trim(), path: cached.fsPath });
  void vscode.window.showInformationMessage(`PXE: RouterOS ${version.trim()} command tree loaded; every menu, command and argument is now checked.`);
  return true;
}

/** On start: hand the server the cached tree of the configured version, if there is one. */
export async function restoreRouterOsTree(context: vscode.ExtensionContext, client: LanguageClient): Promise<void> {
  const version = vscode.workspace.getConfiguration('pxeWorkbench').get<string>('routeros.version');
  if (!version) return;
  const cached = cacheFile(context, version);
  const exists = await vscode.workspace.fs.stat(cached).then(() => true, () => false);
  if (exists) await client.sendNotification(TREE_NOTIFICATION, { version, path: cached.fsPath });
}
