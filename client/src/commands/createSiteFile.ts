import * as vscode from 'vscode';
import { SITE_FILE_NAME } from '../../../lib/site';
import { buildSiteFile, checkAnswer, DEFAULT_ANSWERS, type SiteAnswers } from '../../../lib/site';

const QUESTIONS: { field: keyof SiteAnswers; prompt: string }[] = [
  { field: 'name', prompt: 'A name for this site' },
  { field: 'subnet', prompt: 'The boot network (CIDR)' },
  { field: 'router', prompt: 'The router that serves DHCP (MikroTik)' },
  { field: 'nas', prompt: 'The NAS that serves TFTP and HTTP' },
  { field: 'tftpRoot', prompt: 'Workspace folder that mirrors the TFTP root' },
  { field: 'httpPath', prompt: 'URL path under which nginx serves that folder' },
];

/** `PXE: Create Site File`: a short wizard that writes pxe-site.json at the workspace root and opens it. */
export async function createSiteFile(): Promise<vscode.Uri | undefined> {
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder) {
    void vscode.window.showErrorMessage('PXE: open a folder first; the site file lives at the root of the workspace.');
    return undefined;
  }
  const target = vscode.Uri.joinPath(folder.uri, SITE_FILE_NAME);
  const exists = await vscode.workspace.fs.stat(target).then(
    () => true,
    () => false,
  );
  if (exists) {
    const choice = await vscode.window.showWarningMessage(
      `${SITE_FILE_NAME} already exists in ${folder.name}.`,
      'Open It',
      'Replace',
    );
    if (choice === 'Open It') await vscode.window.showTextDocument(target);
    if (choice !== 'Replace') return choice === 'Open It' ? target : undefined;
  }
  const answers: Partial<SiteAnswers> = {};
  for (const [index, { field, prompt }] of QUESTIONS.entries()) {
    const value = await vscode.window.showInputBox({
      title: `Create Site File (${index + 1}/${QUESTIONS.length})`,
      prompt,
      value: DEFAULT_ANSWERS[field],
      ignoreFocusOut: true,
      validateInput: (v) => checkAnswer(field, v, answers),
    });
    if (value === undefined) return undefined;
    answers[field] = value.trim();
  }
  await vscode.workspace.fs.writeFile(target, Buffer.from(buildSiteFile(answers as SiteAnswers), 'utf8'));
  await vscode.window.showTextDocument(target);
  void vscode.window.showInformationMessage(
    `PXE: created ${SITE_FILE_NAME}. Deploy targets ask for passwords when needed; none are stored in the file.`,
  );
  return target;
}
