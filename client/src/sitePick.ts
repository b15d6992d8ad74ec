/** Picking a deploy target from the workspace's site files: shared by the NAS, router and VM commands. */
import * as vscode from 'vscode';
import { targetNames } from '../../lib/deploy';
import { workspaceSiteFiles } from './sites';

/**
 * The targets of the given kinds in the workspace's site files: one is taken, several are asked about;
 * none, or one that does not load, is said in an error message.
 */
export async function pickSiteTarget<T>(
  kinds: readonly string[],
  text: { none: string; title: string },
  load: (siteFile: string, name: string) => T | Promise<T>,
): Promise<T | undefined> {
  const choices: { label: string; description: string; siteFile: string; name: string }[] = [];
  for (const siteFile of workspaceSiteFiles()) {
    try {
      for (const t of targetNames(siteFile))
        if (kinds.includes(t.kind))
          choices.push({
            label: t.name,
            description: vscode.workspace.asRelativePath(vscode.Uri.file(siteFile)),
            siteFile,
            name: t.name,
          });
    } catch {
      // An unreadable site file has its own diagnostics.
    }
  }
  if (!choices.length) {
    void vscode.window.showErrorMessage(text.none);
    return undefined;
  }
  const picked = choices.length === 1 ? choices[0] : await vscode.window.showQuickPick(choices, { title: text.title });
  if (!picked) return undefined;
  try {
    return await load(picked.siteFile, picked.name);
  } catch (error) {
    void vscode.window.showErrorMessage(`PXE: ${(error as Error).message}`);
    return undefined;
  }
}
