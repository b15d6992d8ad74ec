import { dirname, join } from 'node:path';
import * as vscode from 'vscode';
import { LookupError, normalizeMac, hexIp } from '../../../lib/languages';
import { explainLookup } from '../../../lib/languages';
import { diskFiles, readSite, siteOf } from '../../../lib/site';

/** The TFTP root: the folder above the open pxelinux.cfg/ file, else the workspace's site file. */
function tftpRoot(): string | undefined {
  const active = vscode.window.activeTextEditor?.document.uri;
  if (active?.scheme === 'file' && /[\\/]pxelinux\.cfg[\\/][^\\/]+$/.test(active.fsPath))
    return dirname(dirname(active.fsPath));
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
  const site = folder ? siteOf(folder) : undefined;
  return site ? readSite(site)?.tftpRoot : undefined;
}

const check = (test: () => unknown): string | undefined => {
  try {
    test();
    return undefined;
  } catch (error) {
    return error instanceof LookupError ? error.message : String(error);
  }
};

/** `PXE: Explain PXELINUX Config Lookup`: which pxelinux.cfg/ file a machine gets, and why. */
export async function explainPxelinuxLookup(): Promise<void> {
  const root = tftpRoot();
  if (!root) {
    void vscode.window.showErrorMessage(
      'PXE: open a file in a pxelinux.cfg/ folder, or create the site file (PXE: Create Site File) so the TFTP root is known.',
    );
    return;
  }
  const mac = await vscode.window.showInputBox({
    title: 'Explain PXELINUX Config Lookup (1/2)',
    prompt: 'MAC address of the machine',
    value: '52:54:00:12:34:56',
    validateInput: (v) => check(() => normalizeMac(v)),
  });
  if (mac === undefined) return;
  const ip = await vscode.window.showInputBox({
    title: 'Explain PXELINUX Config Lookup (2/2)',
    prompt: 'IPv4 address DHCP gives it',
    value: '192.168.255.50',
    validateInput: (v) => check(() => hexIp(v)),
  });
  if (ip === undefined) return;
  const result = explainLookup({ mac, ip }, root, diskFiles());
  const items = result.steps.map((step, index) => ({
    label: `${index + 1}. pxelinux.cfg/${step.name}`,
    description: step === result.chosen ? '$(check) used' : step.exists ? 'exists, not reached' : 'absent',
    step,
  }));
  const picked = await vscode.window.showQuickPick(items, {
    title: result.chosen
      ? `PXELINUX reads pxelinux.cfg/${result.chosen.name} (select to open)`
      : 'No config found: PXELINUX reboots after a timeout',
    placeHolder: `Files PXELINUX asks for, in order, under ${join(root, 'pxelinux.cfg')}`,
  });
  if (picked?.step.exists) await vscode.window.showTextDocument(vscode.Uri.file(picked.step.path));
}
