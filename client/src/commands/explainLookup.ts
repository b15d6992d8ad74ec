import { dirname, join, relative, sep } from 'node:path';
import * as vscode from 'vscode';
import {
  explainGrubLookup,
  explainLookup,
  grubImagesIn,
  grubTftpRootOf,
  hexIp,
  LookupError,
  normalizeMac,
} from '../../../lib/languages';
import { diskContext, diskFiles, readSite, siteOf } from '../../../lib/site';

/** The site's TFTP root, from the workspace's site file. */
function siteRoot(): string | undefined {
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
  const site = folder ? siteOf(folder) : undefined;
  return site ? readSite(site)?.tftpRoot : undefined;
}

/** The TFTP root: the folder above the open pxelinux.cfg/ file, else the workspace's site file. */
function tftpRoot(): string | undefined {
  const active = vscode.window.activeTextEditor?.document.uri;
  if (active?.scheme === 'file' && /[\\/]pxelinux\.cfg[\\/][^\\/]+$/.test(active.fsPath))
    return dirname(dirname(active.fsPath));
  return siteRoot();
}

/** The open GRUB config's TFTP root (the site's, or the folder whose GRUB loader reads it). */
function grubRoot(): string | undefined {
  const doc = vscode.window.activeTextEditor?.document;
  if (doc?.languageId === 'grub' && doc.uri.scheme === 'file') return grubTftpRootOf(diskContext(doc.uri.fsPath));
  return siteRoot();
}

const check = (test: () => unknown): string | undefined => {
  try {
    test();
    return undefined;
  } catch (error) {
    return error instanceof LookupError ? error.message : String(error);
  }
};

/** MAC and IP of the machine, asked one after the other; undefined when either is cancelled. */
async function askMachine(title: string): Promise<{ mac: string; ip: string } | undefined> {
  const mac = await vscode.window.showInputBox({
    title: `${title} (1/2)`,
    prompt: 'MAC address of the machine',
    value: '52:54:00:12:34:56',
    validateInput: (v) => check(() => normalizeMac(v)),
  });
  if (mac === undefined) return undefined;
  const ip = await vscode.window.showInputBox({
    title: `${title} (2/2)`,
    prompt: 'IPv4 address DHCP gives it',
    value: '192.168.255.50',
    validateInput: (v) => check(() => hexIp(v)),
  });
  return ip === undefined ? undefined : { mac, ip };
}

/** True when this root boots GRUB rather than PXELINUX (or the open file is a GRUB config). */
function bootsGrub(root: string | undefined): boolean {
  if (vscode.window.activeTextEditor?.document.languageId === 'grub') return true;
  if (!root) return false;
  const files = diskFiles();
  return !files.list(join(root, 'pxelinux.cfg')) && grubImagesIn(files, root).length > 0;
}

/** `PXE: Explain PXELINUX Config Lookup`: which pxelinux.cfg/ file a machine gets, and why (GRUB's, where GRUB boots). */
export async function explainPxelinuxLookup(): Promise<void> {
  const root = tftpRoot();
  if (bootsGrub(root)) return explainGrubLookupCommand();
  if (!root) {
    void vscode.window.showErrorMessage(
      'PXE: open a file in a pxelinux.cfg/ folder, or create the site file (PXE: Create Site File) so the TFTP root is known.',
    );
    return;
  }
  const machine = await askMachine('Explain PXELINUX Config Lookup');
  if (!machine) return;
  const result = explainLookup(machine, root, diskFiles());
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

/** `PXE: Explain GRUB Config Lookup`: which grub.cfg a network-booted GRUB reads for a machine, and why. */
export async function explainGrubLookupCommand(): Promise<void> {
  const root = grubRoot();
  if (!root) {
    void vscode.window.showErrorMessage(
      'PXE: open a grub.cfg in the TFTP root (beside the GRUB loader), or create the site file (PXE: Create Site ' +
        'File) so the TFTP root is known.',
    );
    return;
  }
  const files = diskFiles();
  const images = grubImagesIn(files, root);
  const name = (path: string): string => relative(root, path).split(sep).join('/');
  const chosen =
    images.length > 1
      ? (
          await vscode.window.showQuickPick(
            images.map((i) => ({ label: name(i.path), description: i.image.sbat?.vendorVersion ?? '', i })),
            { title: 'Which GRUB image do the machines boot?' },
          )
        )?.i
      : images[0];
  if (images.length > 1 && !chosen) return;
  const machine = await askMachine('Explain GRUB Config Lookup');
  if (!machine) return;
  const result = explainGrubLookup(machine, root, files, chosen?.image, {
    ...(chosen ? { bootFile: name(chosen.path), imageName: name(chosen.path) } : {}),
  });
  const items: (vscode.QuickPickItem & { path?: string })[] = result.steps.map((step, index) => ({
    label: `${index + 1}. ${step.name}`,
    description: step === result.chosen ? '$(check) used' : step.exists ? 'exists, not reached' : 'absent',
    ...(step.exists ? { path: step.path } : {}),
  }));
  items.push({ label: 'Why', kind: vscode.QuickPickItemKind.Separator });
  items.push(...[result.build, ...result.notes].map((note) => ({ label: '$(info)', description: note })));
  const picked = await vscode.window.showQuickPick(items, {
    title: result.chosen
      ? `GRUB reads ${result.chosen.name} (select to open)`
      : 'No config found: GRUB stops at its command line (grub>)',
    placeHolder: `Files GRUB reads, in order, under ${root}`,
  });
  if (picked?.path) await vscode.window.showTextDocument(vscode.Uri.file(picked.path));
}
