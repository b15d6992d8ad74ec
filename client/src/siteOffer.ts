import { basename } from 'node:path';
import * as vscode from 'vscode';
import { SITE_FILE_NAME, siteOf } from '../../lib/site';

const BOOT_LANGUAGES = new Set(['ipxe', 'pxelinux', 'grub', 'routeros', 'ignition']);
const DISMISSED = 'pxeWorkbench.siteOfferDismissed';

/**
 * Once per session: when a boot file is opened that no site file covers (none in its folder or above), offer
 * to create one; a file that belongs to a site is checked with it, so there is nothing to offer.
 */
export function offerSiteFile(context: vscode.ExtensionContext): vscode.Disposable {
  let offered = false;
  const check = async (doc: vscode.TextDocument): Promise<void> => {
    if (offered || !BOOT_LANGUAGES.has(doc.languageId) || context.workspaceState.get(DISMISSED)) return;
    const folder = vscode.workspace.getWorkspaceFolder(doc.uri);
    if (!folder) return;
    if (doc.uri.scheme !== 'file' || siteOf(doc.uri.fsPath)) return;
    offered = true;
    const choice = await vscode.window.showInformationMessage(
      `No ${SITE_FILE_NAME} in ${folder.name} covers ${basename(doc.uri.fsPath)}: it is checked on its own. ` +
        'Describe your network once to check the whole boot chain.',
      'Create Site File',
      "Don't Ask Again",
    );
    if (choice === 'Create Site File') await vscode.commands.executeCommand('pxeWorkbench.createSiteFile');
    if (choice === "Don't Ask Again") await context.workspaceState.update(DISMISSED, true);
  };
  vscode.workspace.textDocuments.forEach((d) => void check(d));
  return vscode.workspace.onDidOpenTextDocument((d) => void check(d));
}
