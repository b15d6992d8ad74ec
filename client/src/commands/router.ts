/** PXE: Deploy to Router…, Show Router Plan and Pull Router Config: the router deploy core behind editor UI. */
import * as vscode from 'vscode';
import { planLines, recordHostKey, recordTargetSetting, type Plan } from '../../../lib/deploy';
import {
  deployRouter,
  loadRouterTarget,
  pullRouter,
  RouterError,
  routerPlanLines,
  routerSummary,
  type RouterDeployOptions,
  type RouterPlan,
  type RouterDeployOutcome,
  type RouterTarget,
  type UnsupportedChoice,
} from '../../../lib/router';
import type { DeployError } from '../../../lib/deploy';
import { pickSiteTarget } from '../sitePick';
import { PLAN_SCHEME } from '../planDocuments';
import type { DeployUi } from './deploy';

export class RouterUi {
  /** Targets whose plain-API warning was accepted in this window. */
  private readonly plainOk = new Set<string>();

  constructor(private readonly deploy: DeployUi) {}

  private get log(): vscode.LogOutputChannel {
    return this.deploy.log;
  }

  /** The MikroTik targets of the workspace's site files; asks when there are several. */
  pickTarget(): Promise<RouterTarget | undefined> {
    return pickSiteTarget(
      ['mikrotik'],
      {
        none:
          'PXE: no router target in pxe-site.json: add one under "targets" with "kind": "mikrotik", host and user ' +
          '(the API password is asked once and kept in secret storage).',
        title: 'Which router?',
      },
      loadRouterTarget,
    );
  }

  /** Plain API sends the password in the clear: say so, once per window and target. */
  private async plainApiAccepted(target: RouterTarget): Promise<boolean> {
    if (target.api.tls || this.plainOk.has(target.siteFile + target.name)) return true;
    const answer = await vscode.window.showWarningMessage(
      `PXE: targets.${target.name}.apiTls is false: ` +
        `the RouterOS password and settings cross the network unencrypted (port ${target.api.port}).`,
      {
        modal: true,
        detail:
          'Enable api-ssl on the router (/ip service enable api-ssl, with a certificate) and remove "apiTls": false, ' +
          'unless this network is trusted.',
      },
      'Continue Unencrypted',
    );
    if (answer !== 'Continue Unencrypted') return false;
    this.plainOk.add(target.siteFile + target.name);
    return true;
  }

  private async trustCertificate(
    fingerprint: string,
    target: { name: string; host: string; port: number },
  ): Promise<boolean> {
    const answer = await vscode.window.showWarningMessage(
      `PXE: the router ${target.host}:${target.port} presents API certificate ${fingerprint}, ` +
        'which pxe-site.json does not pin yet.',
      {
        modal: true,
        detail:
          'Compare it with /certificate print detail on the router (fingerprint). ' +
          "Trusting records it as the target's apiCertificate; a different certificate later is refused before the password is sent.",
      },
      'Trust and Record',
    );
    return answer === 'Trust and Record';
  }

  private options(target: RouterTarget, token: vscode.CancellationToken): RouterDeployOptions {
    const abort = new AbortController();
    token.onCancellationRequested(() => abort.abort());
    return {
      secrets: this.deploy.secrets.source(),
      trust: (fp, t) => this.deploy.secrets.trust(fp, t),
      trustCertificate: (fp) => this.trustCertificate(fp, target.api),
      signal: abort.signal,
      log: (line) => this.log.info(line),
    };
  }

  private record(target: RouterTarget, outcome: { trustedCertificate?: string; trustedHostKey?: string }): void {
    if (outcome.trustedCertificate) {
      recordTargetSetting(target.siteFile, target.name, 'apiCertificate', outcome.trustedCertificate);
      this.log.info(`recorded certificate ${outcome.trustedCertificate} as targets.${target.name}.apiCertificate`);
    }
    if (outcome.trustedHostKey) {
      recordHostKey(target.siteFile, target.name, outcome.trustedHostKey);
      this.log.info(`recorded host key ${outcome.trustedHostKey} as targets.${target.name}.hostKey`);
    }
  }

  private fail(target: RouterTarget, error: unknown): undefined {
    const message =
      error instanceof RouterError || (error as DeployError)?.name?.endsWith('Error')
        ? (error as Error).message
        : `unexpected failure (${String(error)}); please report it`;
    this.log.error(message);
    this.deploy.setStatus(target, 'deploy failed', message, true);
    const first = message.split('\n')[0]!;
    void vscode.window
      .showErrorMessage(
        `PXE: ${first}`,
        { detail: message.split('\n').slice(1).join('\n') } as vscode.MessageOptions,
        'Show Logs',
      )
      .then((a) => a === 'Show Logs' && this.log.show(true));
    return undefined;
  }

  /** The plan as a document (diff-coloured): the files and the settings. */
  private showPlanDocument(
    target: RouterTarget,
    outcome: RouterDeployOutcome,
    footer: string,
  ): Thenable<vscode.TextEditor> {
    const uri = vscode.Uri.from({ scheme: PLAN_SCHEME, path: `/Router plan (${target.name}).diff` });
    const files = outcome.files ? ['# Files (SFTP)', ...planLines(outcome.files.plan), ''] : [];
    this.deploy.documents.set(
      uri,
      [
        ...files,
        `# Settings (RouterOS API, ${target.api.host}:${target.api.port})`,
        ...routerPlanLines(outcome.plan),
        '',
        footer,
        '',
      ].join('\n'),
    );
    return vscode.window.showTextDocument(uri, { preview: true });
  }

  async showPlan(): Promise<RouterDeployOutcome | undefined> {
    const target = await this.pickTarget();
    if (!target || !(await this.plainApiAccepted(target))) return undefined;
    try {
      const outcome = await vscode.window.withProgress(
        { location: vscode.ProgressLocation.Notification, title: `PXE: reading ${target.name}`, cancellable: true },
        (_p, token) => deployRouter(target, { ...this.options(target, token), dryRun: true }),
      );
      this.record(target, outcome);
      const s = routerSummary(outcome.plan);
      this.deploy.setStatus(
        target,
        s.add + s.set + s.remove ? `${s.add + s.set + s.remove} setting change(s) to deploy` : 'settings up to date',
        routerPlanLines(outcome.plan).at(-1)!,
      );
      await this.showPlanDocument(target, outcome, 'Run PXE: Deploy to Router… to apply it.');
      return outcome;
    } catch (error) {
      return this.fail(target, error);
    }
  }

  async deployCommand(): Promise<RouterDeployOutcome | undefined> {
    const target = await this.pickTarget();
    if (!target || !(await this.plainApiAccepted(target))) return undefined;
    // What to do with statements the API translation leaves out: asked only when the script has some.
    const asked: { choice: UnsupportedChoice } = { choice: 'stop' };
    try {
      const outcome = await vscode.window.withProgress(
        {
          location: vscode.ProgressLocation.Notification,
          title: `PXE: deploying to ${target.name}`,
          cancellable: true,
        },
        async (progress, token) => {
          progress.report({ message: 'reading the router' });
          return deployRouter(target, {
            ...this.options(target, token),
            unsupported: async (statements) => {
              const choice = await this.askUnsupported(target, statements);
              if (choice) asked.choice = choice;
              return choice;
            },
            confirm: async (plan, files) => {
              progress.report({ message: 'waiting for your answer' });
              const yes = await this.confirmDeploy(target, plan, files, asked.choice);
              if (yes) progress.report({ message: 'applying' });
              return yes;
            },
          });
        },
      );
      if (!outcome) return undefined;
      this.record(target, outcome);
      this.showDeployed(target, outcome);
      return outcome;
    } catch (error) {
      return this.fail(target, error);
    }
  }

  /** Apply the translated part and leave the rest out, or upload the script and /import it; undefined: cancel. */
  private async askUnsupported(
    target: RouterTarget,
    statements: RouterPlan['unsupported'],
  ): Promise<UnsupportedChoice | undefined> {
    const answer = await vscode.window.showWarningMessage(
      `PXE: ${statements.length} statement(s) of ${vscode.workspace.asRelativePath(target.files.site.routerConfig ?? '')} ` +
        'do not translate to API calls.',
      {
        modal: true,
        detail:
          `${statements.map((u) => `line ${u.line}: ${u.text}\n   ${u.why}`).join('\n')}\n\n` +
          'Apply the translated part and leave these out, or upload the script and run it with /import ' +
          '(every line as written: an "add" already on the router is added again).',
      },
      'Apply Translated Part',
      'Upload and /import',
    );
    if (!answer) return undefined;
    return answer === 'Upload and /import' ? 'import' : 'skip';
  }

  /** Both plans summed up in a modal (nothing to change needs no answer, unless the script is to be imported). */
  private async confirmDeploy(
    target: RouterTarget,
    plan: RouterPlan,
    files: Plan | undefined,
    choice: UnsupportedChoice,
  ): Promise<boolean> {
    const s = routerSummary(plan);
    const fileChanges = files?.entries.filter((e) => e.action !== 'same').length ?? 0;
    if (!s.add && !s.set && !s.remove && !fileChanges && choice !== 'import') return true;
    const lines = routerPlanLines(plan);
    const answer = await vscode.window.showInformationMessage(
      choice === 'import'
        ? `PXE: upload ${vscode.workspace.asRelativePath(target.files.site.routerConfig ?? '')} to ${target.name} ` +
            'and run it with /import?'
        : `PXE: deploy to ${target.name}? ${s.add} to add, ${s.set} to change, ${s.remove} to remove` +
            `${fileChanges ? `, ${fileChanges} file(s)` : ''}.`,
      {
        modal: true,
        detail:
          lines.slice(0, 30).join('\n') +
          (lines.length > 30 ? `\n… ${lines.length - 30} more (PXE: Show Router Plan)` : ''),
      },
      'Deploy',
    );
    return answer === 'Deploy';
  }

  private showDeployed(target: RouterTarget, outcome: RouterDeployOutcome): void {
    const when = new Date().toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
    let message: string | undefined;
    if (outcome.imported) message = `PXE: ran /import file-name=${outcome.imported} on ${target.name}.`;
    else if (outcome.result)
      message =
        `PXE: deployed to ${target.name}: ${outcome.result.applied.length} setting change(s) applied and read back` +
        `${target.paths.length ? `, ${outcome.files?.result?.uploaded.length ?? 0} file(s) uploaded` : ''}.`;
    if (!message) return;
    this.log.info(message);
    this.deploy.setStatus(target, `deployed ${when}`, message);
    void vscode.window.showInformationMessage(message);
  }

  /** The router's copy of the managed menus, beside the workspace script in a diff editor. */
  async pull(): Promise<string | undefined> {
    const target = await this.pickTarget();
    if (!target || !(await this.plainApiAccepted(target))) return undefined;
    try {
      const pulled = await vscode.window.withProgress(
        { location: vscode.ProgressLocation.Notification, title: `PXE: reading ${target.name}`, cancellable: true },
        (_p, token) => pullRouter(target, this.options(target, token)),
      );
      this.record(target, { ...(pulled.trusted ? { trustedCertificate: pulled.trusted } : {}) });
      const uri = vscode.Uri.from({ scheme: PLAN_SCHEME, path: `/${target.name} (router).rsc` });
      this.deploy.documents.set(uri, pulled.script);
      const local = target.files.site.routerConfig;
      if (local)
        await vscode.commands.executeCommand(
          'vscode.diff',
          uri,
          vscode.Uri.file(local),
          `${target.name} (router) ↔ ${vscode.workspace.asRelativePath(local)}`,
        );
      else await vscode.window.showTextDocument(uri);
      return pulled.script;
    } catch (error) {
      return this.fail(target, error);
    }
  }
}
