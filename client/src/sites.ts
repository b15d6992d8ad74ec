/** The workspace's site files, found as the language server and the CLI find them (lib/site's `sitesIn`). */
import * as vscode from 'vscode';
import { workspaceSites } from '../../lib/site';

/** Trusted pxe-site.json files a few levels down each workspace folder: the folder's own first. */
export function workspaceSiteFiles(): string[] {
  return workspaceSites((vscode.workspace.workspaceFolders ?? []).map((folder) => folder.uri.fsPath));
}
