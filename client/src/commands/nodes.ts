/** PXE: Generate Node Files: the fleet's per-node files and static leases, with a diff preview first. */
import * as vscode from 'vscode';
import { readSite } from '../../../lib/site';
import { nodeFileLine, NodesError, nodesSummary, planNodes, writeNodes } from '../../../lib/nodes';
import { PLAN_SCHEME, type Documents } from './deploy';
import { workspaceSiteFiles } from '../sites';

export async function generateNodesCommand(
  documents: Documents,
  log: vscode.LogOutputChannel,
): Promise<{ written: string[]; skipped: string[] } | undefined> {
  const files = workspaceSiteFiles()
    .map((f) => vscode.Uri.file(f))
    .filter((f) => readSite(f.fsPath)?.fleet?.nodes.length);
  if (!files.length) {
    void vscode.window.showErrorMessage(
      'PXE: no pxe-site.json here has "nodes": add the node table (name, mac, ip, firmware, profile) and "profiles" first.',
    );
    return undefined;
  }
  const siteFile =
    files.length === 1
      ? files[0]!.fsPath
      : (
          await vscode.window.showQuickPick(
            files.map((f) => ({ label: vscode.workspace.asRelativePath(f), file: f.fsPath })),
            { title: 'Generate the node files of which site?' },
          )
        )?.file;
  if (!siteFile) return undefined;
  let plan;
  try {
    plan = planNodes(siteFile);
  } catch (error) {
    void vscode.window.showErrorMessage(`PXE: ${error instanceof NodesError ? error.message : String(error)}`);
    return undefined;
  }
  for (const problem of plan.problems) log.warn(`nodes: ${problem}`);
  const changes = plan.files.filter((f) => f.action !== 'same');
  // The preview: every file and its diff, as a document.
  const uri = vscode.Uri.from({ scheme: PLAN_SCHEME, path: `/Node files (${plan.site.name ?? 'site'}).diff` });
  const lines = [
    `# ${nodesSummary(plan)}`,
    ...plan.problems.map((p) => `# warning: ${p}`),
    ...plan.files.map(
      (f) =>
        `${nodeFileLine(f, vscode.workspace.asRelativePath(f.path))}${f.diff ? `\n${f.diff.split('\n').slice(2).join('\n')}` : ''}`,
    ),
  ];
  documents.set(uri, `${lines.join('\n')}\n`);
  await vscode.window.showTextDocument(uri, { preview: true });
  if (!changes.length) {
    void vscode.window.showInformationMessage(
      `PXE: the node files are up to date (${plan.files.length} files).${plan.problems.length ? ` ${plan.problems.length} warning(s): see the preview.` : ''}`,
    );
    return { written: [], skipped: [] };
  }
  const answer = await vscode.window.showInformationMessage(
    `PXE: generate node files? ${nodesSummary(plan)}.`,
    {
      modal: true,
      detail: `${plan.problems.length ? `${plan.problems.join('\n')}\n\n` : ''}The preview shows each change.`,
    },
    'Generate',
  );
  if (answer !== 'Generate') return undefined;
  const overwrite: string[] = [];
  for (const file of plan.files.filter((f) => f.action === 'handEdited')) {
    const choice = await vscode.window.showWarningMessage(
      `PXE: ${vscode.workspace.asRelativePath(file.path)} was changed by hand since it was generated.`,
      { modal: true, detail: 'Overwrite it with the generated version (the hand edit is lost), or keep it as it is?' },
      'Overwrite',
      'Keep',
    );
    if (choice === 'Overwrite') overwrite.push(file.path);
  }
  const result = writeNodes(plan, { overwrite });
  const message = `PXE: wrote ${result.written.length} node file(s)${result.skipped.length ? `, kept ${result.skipped.length} edited by hand` : ''}. Deploy them with PXE: Deploy to NAS… and PXE: Deploy to Router….`;
  log.info(message);
  void vscode.window.showInformationMessage(message);
  return result;
}
