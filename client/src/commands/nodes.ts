/** PXE: Generate Node Files: the fleet's per-node files and static leases, with a diff preview first. */
import * as vscode from 'vscode';
import { readSite } from '../../../lib/site';
import { nodeFileLine, NodesError, nodesSummary, planNodes, writeNodes, type NodesPlan } from '../../../lib/nodes';
import { PLAN_SCHEME, type Documents } from '../planDocuments';
import { workspaceSiteFiles } from '../sites';

export async function generateNodesCommand(
  documents: Documents,
  log: vscode.LogOutputChannel,
): Promise<{ written: string[]; skipped: string[] } | undefined> {
  const siteFile = await pickFleetSite();
  if (!siteFile) return undefined;
  let plan;
  try {
    plan = planNodes(siteFile);
  } catch (error) {
    void vscode.window.showErrorMessage(`PXE: ${error instanceof NodesError ? error.message : String(error)}`);
    return undefined;
  }
  for (const problem of plan.problems) log.warn(`nodes: ${problem}`);
  await showPreview(documents, plan);
  if (!plan.files.some((f) => f.action !== 'same')) {
    const warnings = plan.problems.length ? ` ${plan.problems.length} warning(s): see the preview.` : '';
    void vscode.window.showInformationMessage(
      `PXE: the node files are up to date (${plan.files.length} files).${warnings}`,
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
  const result = writeNodes(plan, { overwrite: await handEditedToOverwrite(plan) });
  const message =
    `PXE: wrote ${result.written.length} node file(s)` +
    `${result.skipped.length ? `, kept ${result.skipped.length} edited by hand` : ''}. ` +
    'Deploy them with PXE: Deploy to NAS… and PXE: Deploy to Router….';
  log.info(message);
  void vscode.window.showInformationMessage(message);
  return result;
}

/** The workspace's site files with a node table: one is taken, several are asked about. */
async function pickFleetSite(): Promise<string | undefined> {
  const files = workspaceSiteFiles()
    .map((f) => vscode.Uri.file(f))
    .filter((f) => readSite(f.fsPath)?.fleet?.nodes.length);
  if (!files.length) {
    void vscode.window.showErrorMessage(
      'PXE: no pxe-site.json here has "nodes": ' +
        'add the node table (name, mac, ip, firmware, profile) and "profiles" first.',
    );
    return undefined;
  }
  if (files.length === 1) return files[0]!.fsPath;
  const picked = await vscode.window.showQuickPick(
    files.map((f) => ({ label: vscode.workspace.asRelativePath(f), file: f.fsPath })),
    { title: 'Generate the node files of which site?' },
  );
  return picked?.file;
}

/** The preview: every file and its diff, as a document. */
async function showPreview(documents: Documents, plan: NodesPlan): Promise<void> {
  const uri = vscode.Uri.from({ scheme: PLAN_SCHEME, path: `/Node files (${plan.site.name ?? 'site'}).diff` });
  const lines = [
    `# ${nodesSummary(plan)}`,
    ...plan.problems.map((p) => `# warning: ${p}`),
    ...plan.files.map(
      (f) =>
        `${nodeFileLine(f, vscode.workspace.asRelativePath(f.path))}` +
        `${f.diff ? `\n${f.diff.split('\n').slice(2).join('\n')}` : ''}`,
    ),
  ];
  documents.set(uri, `${lines.join('\n')}\n`);
  await vscode.window.showTextDocument(uri, { preview: true });
}

/** Each file changed by hand since it was generated: overwrite it, or keep the hand edit? */
async function handEditedToOverwrite(plan: NodesPlan): Promise<string[]> {
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
  return overwrite;
}
