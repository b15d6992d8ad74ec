/** PXE: Update Fedora CoreOS Images — the image updater with a cancellable progress notification. */
import * as vscode from 'vscode';
import { clock, ImageError, imagesSettings, mib, updateImages, type UpdateResult } from '../images';

/** The site files of the workspace that declare `images`. */
async function sitesWithImages(): Promise<vscode.Uri[]> {
  const files = await vscode.workspace.findFiles('**/pxe-site.json', '**/node_modules/**', 50);
  const found: vscode.Uri[] = [];
  for (const uri of files) {
    try {
      const json = JSON.parse(Buffer.from(await vscode.workspace.fs.readFile(uri)).toString('utf8')) as { images?: unknown };
      if (json.images) found.push(uri);
    } catch {
      // A site file that does not parse has its own diagnostics.
    }
  }
  return found;
}

/** Runs the updater for `siteFile` (the quick fix passes it), else the workspace's site with `images`. */
export async function updateImagesCommand(log: vscode.LogOutputChannel, siteFile?: string): Promise<UpdateResult | undefined> {
  let site = siteFile;
  if (!site) {
    const sites = await sitesWithImages();
    if (!sites.length) {
      const create = 'Create Site File';
      const answer = await vscode.window.showErrorMessage('PXE: no pxe-site.json with an "images" section in this workspace. Add "images": { "dir": "tftp/fedora-coreos" } to your site file (or create one).', create);
      if (answer === create) await vscode.commands.executeCommand('pxeWorkbench.createSiteFile');
      return undefined;
    }
    site = sites.length === 1 ? sites[0]?.fsPath : (await vscode.window.showQuickPick(sites.map((u) => ({ label: vscode.workspace.asRelativePath(u), uri: u })), { title: 'Update the images of which site?' }))?.uri.fsPath;
    if (!site) return undefined;
  }
  let settings: ReturnType<typeof imagesSettings>;
  try {
    settings = imagesSettings({ site });
  } catch (error) {
    void vscode.window.showErrorMessage(`PXE: ${(error as Error).message}`);
    return undefined;
  }
  const where = vscode.workspace.asRelativePath(settings.dest);
  log.info(`update ${settings.stream} ${settings.arch} images in ${settings.dest} (keep ${settings.keep})`);
  try {
    const result = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: `PXE: Fedora CoreOS ${settings.stream} images`, cancellable: true },
      async (progress, token) => {
        const abort = new AbortController();
        token.onCancellationRequested(() => abort.abort());
        let reported = 0;
        return updateImages({
          ...settings,
          signal: abort.signal,
          log: (line) => log.info(line),
          progress: (p) => {
            const percent = p.total ? (p.done / p.total) * 100 : 0;
            progress.report({ increment: percent - reported, message: `${mib(p.done)} of ${mib(p.total)} · ${mib(p.bytesPerSecond)}/s${p.etaSeconds !== undefined ? ` · ${clock(p.etaSeconds)} left` : ''}` });
            reported = percent;
          },
        });
      },
    );
    const message = result.upToDate
      ? `PXE: Fedora CoreOS ${result.release} is already current in ${where}.`
      : `PXE: Fedora CoreOS ${result.release} is now current in ${where} (${result.downloaded.length} file(s), ${mib(result.bytes)} in ${clock(result.seconds)}${result.removed.length ? `, ${result.removed.length} old file(s) removed` : ''}).`;
    log.info(message);
    void vscode.window.showInformationMessage(message);
    return result;
  } catch (error) {
    const text = error instanceof ImageError ? error.message : `unexpected failure (${String(error)}); please report it`;
    log.error(text);
    const show = 'Show Logs';
    void vscode.window.showErrorMessage(`PXE: image update in ${where}: ${text}`, show).then((a) => a === show && log.show(true));
    return undefined;
  }
}
