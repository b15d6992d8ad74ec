import * as vscode from 'vscode';
import { SITE_FILE_NAME } from '../../lib/site';
import { siteOf, sitesIn } from '../../lib/site';

const BOOT_LANGUAGES = new Set(['ipxe', 'pxelinux', 'routeros', 'ignition']);
const DISMISSED = 'pxeWorkbench.siteOfferDismissed';

/** Once per workspace: when a boot file is opened and no site file covers it, offer to create one. */
export function offerSiteFile(context: vscode.ExtensionContext): vscode.Disposable {
  let offered = false;
  const check = async (doc: vscode.TextDocument): Promise<void> => {
    if (offered || !BOOT_LANGUAGES.has(doc.languageId) || context.workspaceState.get(DISMISSED)) return;
    const folder = vscode.workspace.getWorkspaceFolder(doc.uri);
    if (!folder) return;
    offered = true;
    // A site the file belongs to, or one the server finds in the folder: nothing to offer.
    const own = doc.uri.scheme === 'file' ? siteOf(doc.uri.fsPath) : undefined;
    if (own || sitesIn(folder.uri.fsPath).length) return;
    const choice = await vscode.window.showInformationMessage(
      `No ${SITE_FILE_NAME} in ${folder.name}: every file is checked on its own. Describe your network once to check the whole boot chain.`,
      'Create Site File',
      "Don't Ask Again",
    );
    if (choice === 'Create Site File') await vscode.commands.executeCommand('pxeWorkbench.createSiteFile');
    if (choice === "Don't Ask Again") await context.workspaceState.update(DISMISSED, true);
  };
  vscode.workspace.textDocuments.forEach((d) => void check(d));
  return vscode.workspace.onDidOpenTextDocument((d) => void check(d));
}
