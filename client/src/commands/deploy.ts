/** PXE: Deploy to NAS…, Show Deploy Plan, Compare With NAS, upload on save, and the deploy status bar item. */
import { posix, relative, sep } from 'node:path';
import * as vscode from 'vscode';
import {
  brokenMachines,
  connect,
  deploy,
  DeployError,
  loadNasTarget,
  planLines,
  planSummary,
  recordHostKey,
  targetNames,
  upToDate,
  urlFailed,
  type DeployOptions,
  type DeployOutcome,
  type NasTarget,
  type Plan,
} from '../../../lib/deploy';
import { clock, mib, progressText } from '../../../lib/images';
import { pickSiteTarget } from '../sitePick';
import { workspaceSiteFiles } from '../sites';
import { Documents, PLAN_SCHEME, REMOTE_SCHEME } from '../planDocuments';
import type { EditorSecrets } from '../secrets';

interface RunOptions {
  dryRun?: boolean;
  only?: string[];
  confirm?: boolean;
  quiet?: boolean;
}

export class DeployUi implements vscode.Disposable {
  readonly status: vscode.StatusBarItem;
  readonly documents = new Documents();
  private readonly disposables: vscode.Disposable[] = [];

  constructor(
    readonly secrets: EditorSecrets,
    readonly log: vscode.LogOutputChannel,
  ) {
    this.status = vscode.window.createStatusBarItem('pxeWorkbench.deploy', vscode.StatusBarAlignment.Left, 50);
    this.status.name = 'PXE Workbench: Deploy';
    this.status.command = 'pxeWorkbench.showDeployPlan';
    this.disposables.push(
      this.status,
      vscode.workspace.registerTextDocumentContentProvider(PLAN_SCHEME, this.documents),
      vscode.workspace.registerTextDocumentContentProvider(REMOTE_SCHEME, this.documents),
      vscode.workspace.onDidSaveTextDocument((doc) => void this.uploadOnSave(doc)),
    );
  }

  /** The NAS targets of the workspace's site files; asks when there are several. */
  pickTarget(): Promise<{ siteFile: string; target: NasTarget } | undefined> {
    return pickSiteTarget(
      ['synology', 'sftp'],
      {
        none:
          'PXE: no NAS target in pxe-site.json: ' +
          'add one under "targets" with "kind": "synology", host, user and remoteRoot.',
        title: 'Deploy to which target?',
      },
      (siteFile, name) => ({ siteFile, target: loadNasTarget(siteFile, name) }),
    );
  }

  setStatus(target: { name: string }, text: string, tooltip: string, error = false): void {
    this.status.text = `$(${error ? 'error' : 'cloud-upload'}) ${target.name}: ${text}`;
    this.status.tooltip = tooltip;
    this.status.backgroundColor = error ? new vscode.ThemeColor('statusBarItem.errorBackground') : undefined;
    this.status.show();
  }

  private async run(siteFile: string, target: NasTarget, options: RunOptions): Promise<DeployOutcome | undefined> {
    this.log.info(
      `${options.dryRun ? 'plan' : 'deploy'} ${target.name}: ` +
        `${target.localRoot} → ${target.user}@${target.host}:${target.remoteRoot}` +
        `${options.only ? ` (${options.only.join(', ')})` : ''}`,
    );
    try {
      const outcome = await vscode.window.withProgress(
        {
          location: options.quiet ? vscode.ProgressLocation.Window : vscode.ProgressLocation.Notification,
          title: `PXE: ${options.dryRun ? 'planning' : 'deploying to'} ${target.name}`,
          cancellable: !options.quiet,
        },
        (progress, token) => deploy(target, this.deployOptions(target, options, progress, token)),
      );
      if (outcome.trusted) {
        recordHostKey(siteFile, target.name, outcome.trusted);
        this.log.info(`recorded host key ${outcome.trusted} as targets.${target.name}.hostKey`);
      }
      if (options.dryRun) this.showPlanned(target, outcome.plan);
      else if (outcome.result) this.showDeployed(target, outcome, options);
      return outcome;
    } catch (error) {
      const message =
        error instanceof DeployError ? error.message : `unexpected failure (${String(error)}); please report it`;
      this.log.error(message);
      this.setStatus(target, 'failed', message, true);
      void vscode.window
        .showErrorMessage(`PXE: ${message}`, 'Show Logs')
        .then((a) => a === 'Show Logs' && this.log.show(true));
      return undefined;
    }
  }

  /** The deploy core's questions answered in the editor; progress and cancel through the notification. */
  private deployOptions(
    target: NasTarget,
    options: RunOptions,
    progress: vscode.Progress<{ message?: string; increment?: number }>,
    token: vscode.CancellationToken,
  ): DeployOptions {
    const abort = new AbortController();
    token.onCancellationRequested(() => abort.abort());
    let reported = 0;
    return {
      secrets: this.secrets.source(),
      trust: (fp, t) => this.secrets.trust(fp, t),
      signal: abort.signal,
      log: (line) => this.log.info(line),
      ...(options.dryRun ? { dryRun: true } : {}),
      ...(options.only ? { only: options.only } : {}),
      progress: (p) => {
        const percent = p.total ? (p.done / p.total) * 100 : 0;
        progress.report({ increment: percent - reported, message: progressText(p) });
        reported = percent;
      },
      ...(options.confirm ? { confirm: (plan: Plan) => this.confirmPlan(target, plan) } : {}),
    };
  }

  /** The plan's summary in a modal, its first lines as the detail; nothing to do needs no answer. */
  private async confirmPlan(target: NasTarget, plan: Plan): Promise<boolean> {
    if (upToDate(plan)) return true;
    const s = planSummary(plan);
    const lines = planLines(plan);
    const answer = await vscode.window.showInformationMessage(
      `PXE: deploy to ${target.name}? ${s.add} to add, ${s.change} to change, ${s.remove} to remove (${mib(plan.bytes)}).`,
      {
        modal: true,
        detail:
          lines.slice(2, 32).join('\n') +
          (lines.length > 32 ? `\n… ${lines.length - 32} more (PXE: Show Deploy Plan)` : ''),
      },
      'Deploy',
    );
    return answer === 'Deploy';
  }

  private showPlanned(target: NasTarget, plan: Plan): void {
    const s = planSummary(plan);
    this.setStatus(
      target,
      s.add + s.change + s.remove ? `${s.add + s.change + s.remove} change(s) to deploy` : 'up to date',
      planLines(plan).slice(0, 2).join('\n'),
    );
  }

  /** What was deployed, in the log, the status bar and a message; failing URLs of the chain as a warning. */
  private showDeployed(target: NasTarget, outcome: DeployOutcome, options: RunOptions): void {
    const r = outcome.result!;
    const failed = (outcome.checks ?? []).filter(urlFailed);
    const when = new Date().toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
    const message =
      `PXE: deployed to ${target.name}: ${r.uploaded.length} file(s) (${mib(r.bytes)} in ${clock(r.seconds)}), ` +
      `${r.removed.length} removed${r.nginx === 'reloaded' ? ', nginx reloaded' : ''}` +
      `${failed.length ? `; ${failed.length} URL(s) of the boot chain do not answer` : ''}.`;
    this.log.info(message);
    for (const c of outcome.checks ?? [])
      this.log.info(`  ${c.status ?? '---'} ${c.url}${c.error ? ` (${c.error})` : ''}`);
    this.setStatus(
      target,
      failed.length ? `deployed ${when}, ${failed.length} URL(s) failing` : `deployed ${when}`,
      message,
      failed.length > 0,
    );
    if (!options.quiet || failed.length)
      void (
        failed.length
          ? vscode.window.showWarningMessage(message, 'Show Logs')
          : vscode.window.showInformationMessage(message)
      ).then((a) => a === 'Show Logs' && this.log.show(true));
  }

  async deployCommand(): Promise<DeployOutcome | undefined> {
    const picked = await this.pickTarget();
    if (!picked) return undefined;
    if (!(await this.brokenChainAccepted(picked.target))) return undefined;
    return this.run(picked.siteFile, picked.target, { confirm: true });
  }

  /** Deploying a chain that is broken here would break the real machines: say so first. */
  private async brokenChainAccepted(target: NasTarget): Promise<boolean> {
    const broken = brokenMachines(target.site);
    if (!broken.length) return true;
    const answer = await vscode.window.showWarningMessage(
      `PXE: the boot chain of ${target.site.name ?? 'this site'} is broken for ${broken.length} kind(s) of machine. ` +
        'Deploy anyway?',
      {
        modal: true,
        detail:
          `${broken.slice(0, 10).join('\n')}${broken.length > 10 ? `\n… ${broken.length - 10} more` : ''}` +
          '\n\nPXE: Show Boot Chain shows where each one stops.',
      },
      'Deploy Anyway',
      'Show Boot Chain',
    );
    if (answer === 'Show Boot Chain') await vscode.commands.executeCommand('pxeWorkbench.showBootChain');
    return answer === 'Deploy Anyway';
  }

  async showPlan(): Promise<DeployOutcome | undefined> {
    const picked = await this.pickTarget();
    if (!picked) return undefined;
    const outcome = await this.run(picked.siteFile, picked.target, { dryRun: true });
    if (!outcome) return undefined;
    const uri = vscode.Uri.from({ scheme: PLAN_SCHEME, path: `/Deploy plan (${picked.target.name}).txt` });
    this.documents.set(uri, `${planLines(outcome.plan).join('\n')}\n\nRun PXE: Deploy to NAS… to apply it.\n`);
    await vscode.window.showTextDocument(uri, { preview: true });
    return outcome;
  }

  /** The NAS's copy of the active file next to the workspace's, in a diff editor. */
  async compare(uri?: vscode.Uri): Promise<boolean> {
    const local = uri ?? vscode.window.activeTextEditor?.document.uri;
    const picked = await this.pickTarget();
    if (!picked || !local) return false;
    const rel = relative(picked.target.localRoot, local.fsPath);
    if (!rel || rel.startsWith('..')) {
      void vscode.window.showErrorMessage(
        `PXE: ${vscode.workspace.asRelativePath(local)} is not in the folder deployed to ${picked.target.name} ` +
          `(${vscode.workspace.asRelativePath(picked.target.localRoot)}).`,
      );
      return false;
    }
    const remotePath = posix.join(picked.target.remoteRoot, ...rel.split(sep));
    try {
      const remote = await connect(picked.target, {
        secrets: this.secrets.source(),
        trust: (fp, t) => this.secrets.trust(fp, t),
        log: (l) => this.log.info(l),
      });
      const bytes = await remote.readFile(remotePath).finally(() => remote.close());
      const remoteUri = vscode.Uri.from({ scheme: REMOTE_SCHEME, path: `/${picked.target.name}${remotePath}` });
      this.documents.set(remoteUri, bytes?.toString('utf8') ?? '');
      await vscode.commands.executeCommand(
        'vscode.diff',
        remoteUri,
        local,
        `${posix.basename(remotePath)} (${picked.target.name}${bytes ? '' : ': not there yet'}) ↔ workspace`,
      );
      return true;
    } catch (error) {
      void vscode.window.showErrorMessage(`PXE: ${(error as Error).message}`);
      return false;
    }
  }

  /** Targets with "uploadOnSave": a saved file under their folder goes up on its own. */
  private async uploadOnSave(doc: vscode.TextDocument): Promise<void> {
    if (doc.uri.scheme !== 'file') return;
    const files = workspaceSiteFiles().map((f) => vscode.Uri.file(f));
    for (const uri of files) {
      let names: { name: string; kind: string }[];
      try {
        names = targetNames(uri.fsPath);
      } catch {
        continue;
      }
      for (const { name, kind } of names) {
        if (kind !== 'synology' && kind !== 'sftp') continue;
        let target: NasTarget;
        try {
          target = loadNasTarget(uri.fsPath, name);
        } catch {
          continue;
        }
        const rel = relative(target.localRoot, doc.uri.fsPath);
        if (!target.uploadOnSave || !rel || rel.startsWith('..')) continue;
        await this.run(uri.fsPath, target, { only: [rel.split(sep).join('/')], quiet: true });
      }
    }
  }

  dispose(): void {
    this.disposables.forEach((d) => d.dispose());
  }
}
