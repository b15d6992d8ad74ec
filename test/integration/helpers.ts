import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';

export const EXTENSION_ID = 'pxe-workbench.pxe-workbench';

export function workspaceUri(...segments: string[]): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'the integration tests need a workspace folder (a copy of examples/)');
  return vscode.Uri.joinPath(folder.uri, ...segments);
}

export async function waitFor<T>(
  what: string,
  probe: () => T | undefined | Promise<T | undefined>,
  timeoutMs = 15_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Opens a file and waits until our server has published diagnostics matching `accept` for it. */
export async function diagnosticsOf(
  uri: vscode.Uri,
  accept: (d: vscode.Diagnostic[]) => boolean = (d) => d.length > 0,
): Promise<vscode.Diagnostic[]> {
  await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
  return waitFor(`diagnostics of ${uri.path}`, () => {
    const ours = vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'pxe-workbench');
    return accept(ours) ? ours : undefined;
  });
}

export function codeOf(d: vscode.Diagnostic): string {
  return typeof d.code === 'object' ? String(d.code.value) : String(d.code);
}

/**
 * Resolves once the server has analysed the open document: it publishes a document's diagnostics while it
 * handles the open, before it answers any later request, and the client keeps that order. So after this,
 * an empty Problems list means "checked and clean", not "not checked yet".
 */
export async function analysed(uri: vscode.Uri): Promise<void> {
  await vscode.commands.executeCommand('vscode.executeDocumentSymbolProvider', uri);
}
