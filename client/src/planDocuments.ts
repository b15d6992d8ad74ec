/** Read-only documents the commands open: deploy, router and node plans, and the remote side of a diff. */
import * as vscode from 'vscode';

export const PLAN_SCHEME = 'pxe-plan';
export const REMOTE_SCHEME = 'pxe-remote';

/** Read-only documents for the plan view and the remote side of a diff. */
export class Documents implements vscode.TextDocumentContentProvider {
  private readonly texts = new Map<string, string>();
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changed.event;
  set(uri: vscode.Uri, text: string): void {
    this.texts.set(uri.toString(), text);
    this.changed.fire(uri);
  }
  provideTextDocumentContent(uri: vscode.Uri): string {
    return this.texts.get(uri.toString()) ?? '';
  }
}
