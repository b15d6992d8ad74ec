/** PXE: Update Fedora CoreOS Images — the image updater with a cancellable progress notification. */
import * as vscode from 'vscode';
import { loadNasTarget, targetNames, type NasTarget, type Secrets } from '../../../lib/deploy';
import { loadSite } from '../../../lib/site';
import { workspaceSiteFiles } from '../sites';
import {
  clock,
  ImageError,
  imagesSettings,
  mib,
  progressText,
  remoteImagesDir,
  updateImages,
  updateImagesOnNas,
  type UpdateOptions,
  type UpdateResult,
} from '../../../lib/images';

/**
 * The site files of the workspace that declare `images`, and those that do not load (picked, their error says
 * what to fix, rather than "no site file with images").
 */
function sitesWithImages(): vscode.Uri[] {
  const found: vscode.Uri[] = [];
  for (const file of workspaceSiteFiles()) {
    let images = true;
    try {
      images = loadSite(file).images !== undefined;
    } catch {
      // Kept: choosing it shows the site file's error.
    }
    if (images) found.push(vscode.Uri.file(file));
  }
  return found;
}

/** Runs the updater for `siteFile` (the quick fix passes it), else the workspace's site with `images`. */
export async function updateImagesCommand(
  log: vscode.LogOutputChannel,
  secrets: () => Secrets,
  siteFile?: string,
): Promise<UpdateResult | undefined> {
  const site = siteFile ?? (await pickImagesSite());
  if (!site) return undefined;
  let settings: ReturnType<typeof imagesSettings>;
  try {
    settings = imagesSettings({ site });
  } catch (error) {
    void vscode.window.showErrorMessage(`PXE: ${(error as Error).message}`);
    return undefined;
  }
  // From the palette, a site with a NAS target may update the NAS directly (the quick fix is about this folder).
  const place = siteFile !== undefined ? { nas: undefined } : await pickPlace(site, settings.dest);
  if (!place) return undefined;
  const { nas } = place;
  const where = nas ? `${nas.name}:${remoteImagesDir(nas)}` : vscode.workspace.asRelativePath(settings.dest);
  log.info(`update ${settings.stream} ${settings.arch} images in ${where} (keep ${settings.keep})`);
  try {
    const result = await vscode.window.withProgress(
      {
        location: vscode.ProgressLocation.Notification,
        title: `PXE: Fedora CoreOS ${settings.stream} images`,
        cancellable: true,
      },
      async (progress, token) => {
        const abort = new AbortController();
        token.onCancellationRequested(() => abort.abort());
        let reported = 0;
        const run = nas
          ? (o: UpdateOptions) => updateImagesOnNas(nas, { ...o, secrets: secrets() })
          : (o: UpdateOptions) => updateImages(o);
        return run({
          ...settings,
          signal: abort.signal,
          log: (line) => log.info(line),
          progress: (p) => {
            const percent = p.total ? (p.done / p.total) * 100 : 0;
            progress.report({ increment: percent - reported, message: progressText(p) });
            reported = percent;
          },
        });
      },
    );
    const message = resultMessage(result, where);
    log.info(message);
    void vscode.window.showInformationMessage(message);
    return result;
  } catch (error) {
    const text =
      error instanceof ImageError ? error.message : `unexpected failure (${String(error)}); please report it`;
    log.error(text);
    const show = 'Show Logs';
    void vscode.window
      .showErrorMessage(`PXE: image update in ${where}: ${text}`, show)
      .then((a) => a === show && log.show(true));
    return undefined;
  }
}

/** The workspace's site with `images`: one is taken, several are asked about, none offers to create one. */
async function pickImagesSite(): Promise<string | undefined> {
  const sites = sitesWithImages();
  if (!sites.length) {
    const create = 'Create Site File';
    const answer = await vscode.window.showErrorMessage(
      'PXE: no pxe-site.json with an "images" section in this workspace. ' +
        'Add "images": { "dir": "tftp/fedora-coreos" } to your site file (or create one).',
      create,
    );
    if (answer === create) await vscode.commands.executeCommand('pxeWorkbench.createSiteFile');
    return undefined;
  }
  if (sites.length === 1) return sites[0]?.fsPath;
  const picked = await vscode.window.showQuickPick(
    sites.map((u) => ({ label: vscode.workspace.asRelativePath(u), uri: u })),
    { title: 'Update the images of which site?' },
  );
  return picked?.uri.fsPath;
}

/**
 * Here (the images folder) or on one of the site's NAS targets over SSH; asked only when the site has a NAS
 * target. Undefined: cancelled, or the target does not load (said in an error message).
 */
async function pickPlace(site: string, dest: string): Promise<{ nas: NasTarget | undefined } | undefined> {
  const targets = targetNames(site).filter((t) => t.kind === 'synology' || t.kind === 'sftp');
  if (!targets.length) return { nas: undefined };
  const here = {
    label: `$(folder) Here: ${vscode.workspace.asRelativePath(dest)}`,
    description: 'then deploy',
    target: undefined as string | undefined,
  };
  const picks = [
    here,
    ...targets.map((t) => ({
      label: `$(remote) On ${t.name} over SSH`,
      description: 'the NAS downloads; nothing passes through here',
      target: t.name as string | undefined,
    })),
  ];
  const picked = await vscode.window.showQuickPick(picks, { title: 'Update the Fedora CoreOS images where?' });
  if (!picked) return undefined;
  if (!picked.target) return { nas: undefined };
  try {
    const nas = loadNasTarget(site, picked.target);
    remoteImagesDir(nas);
    return { nas };
  } catch (error) {
    void vscode.window.showErrorMessage(`PXE: ${(error as Error).message}`);
    return undefined;
  }
}

function resultMessage(result: UpdateResult, where: string): string {
  if (result.upToDate) return `PXE: Fedora CoreOS ${result.release} is already current in ${where}.`;
  const removed = result.removed.length ? `, ${result.removed.length} old file(s) removed` : '';
  return (
    `PXE: Fedora CoreOS ${result.release} is now current in ${where} ` +
    `(${result.downloaded.length} file(s), ${mib(result.bytes)} in ${clock(result.seconds)}${removed}).`
  );
}
