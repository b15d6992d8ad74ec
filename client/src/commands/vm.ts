/**
 * PXE: Start Test VM / Stop Test VM, the Boot Timeline view, the serial console as a terminal, a status
 * bar item, and the `pxe-vm` task type — the editor's face of lib/vm.
 */
import * as vscode from 'vscode';
import { parseRouterOs } from '../../../lib/languages';
import { dhcpFacts } from '../../../lib/chain';
import { loadSiteView, readSite } from '../../../lib/site';
import { readTextOrUndefined } from '../../../lib/core';
import { workspaceSiteFiles } from '../sites';
import {
  stageLine,
  STAGE_NAME,
  STAGE_ORDER,
  howItEnded,
  startVm,
  succeeded,
  vmPlan,
  VmError,
  type Failure,
  type Stage,
  type StageId,
  type VmPlan,
  type VmRequest,
  type VmResult,
  type VmRun,
} from '../../../lib/vm';

export const TASK_TYPE = 'pxe-vm';

interface VmTaskDefinition extends vscode.TaskDefinition {
  firmware?: 'bios' | 'uefi';
  secureBoot?: boolean;
  mac?: string;
  timeout?: number;
  until?: StageId;
  site?: string;
}

type Row =
  | { kind: 'stage'; stage: Stage; last: boolean }
  | { kind: 'note'; text: string }
  | { kind: 'failure'; line: string; hint?: string; refusedBy?: StageId }
  | { kind: 'end'; text: string; ok: boolean };

/** The terminal the serial console goes to: plain text in, CRLF out, the console reset sequence dropped. */
class SerialTerminal implements vscode.Pseudoterminal {
  private readonly writer = new vscode.EventEmitter<string>();
  private readonly closer = new vscode.EventEmitter<number | void>();
  readonly onDidWrite = this.writer.event;
  readonly onDidClose = this.closer.event;
  private opened = false;
  private readonly pending: string[] = [];
  constructor(private readonly onClose: () => void) {}
  open(): void {
    this.opened = true;
    for (const text of this.pending.splice(0)) this.writer.fire(text);
  }
  close(): void {
    this.onClose();
  }
  write(text: string): void {
    // ESC c would reset (clear) the terminal: SeaBIOS starts with it.
    const clean = text.replaceAll('\u001bc', '').replace(/\r?\n/g, '\r\n');
    if (this.opened) this.writer.fire(clean);
    else this.pending.push(clean);
  }
  end(code: number): void {
    this.closer.fire(code);
  }
}

export class VmUi implements vscode.TreeDataProvider<Row>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<Row | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private rows: Row[] = [];
  private run?: VmRun;
  private terminal?: vscode.Terminal;
  readonly status: vscode.StatusBarItem;
  private readonly disposables: vscode.Disposable[] = [];

  constructor(readonly log: vscode.LogOutputChannel) {
    this.status = vscode.window.createStatusBarItem('pxeWorkbench.vm', vscode.StatusBarAlignment.Left, 49);
    this.status.name = 'PXE Workbench: Test VM';
    this.status.command = 'pxeWorkbench.showBootTimeline';
    this.disposables.push(this.status, vscode.tasks.registerTaskProvider(TASK_TYPE, this.taskProvider()));
  }

  get running(): boolean {
    return this.run !== undefined;
  }

  // ---- the Boot Timeline view ------------------------------------------------------------------

  getChildren(): Row[] {
    return this.rows;
  }

  getTreeItem(row: Row): vscode.TreeItem {
    if (row.kind === 'stage') {
      const item = new vscode.TreeItem(`${STAGE_NAME[row.stage.id]}: ${row.stage.label}`);
      const note = row.stage.detail
        ? ` · ${row.stage.detail}`
        : row.stage.via
          ? ` · ${row.stage.via.toUpperCase()}`
          : '';
      item.description = `${row.stage.at.toFixed(1)} s${note}`;
      const spinning = row.last && this.run;
      // Secure Boot is a setting of the run, not a step: a shield rather than a tick.
      item.iconPath = new vscode.ThemeIcon(
        spinning ? 'loading~spin' : row.stage.id === 'secureboot' ? 'shield' : 'pass',
        new vscode.ThemeColor(spinning ? 'charts.blue' : 'testing.iconPassed'),
      );
      item.tooltip = stageLine(row.stage);
      return item;
    }
    if (row.kind === 'failure') {
      const item = new vscode.TreeItem(row.line);
      const refused = row.refusedBy ? `Secure Boot: refused by ${STAGE_NAME[row.refusedBy]}` : undefined;
      item.iconPath = new vscode.ThemeIcon(
        refused ? 'workspace-untrusted' : 'error',
        new vscode.ThemeColor('testing.iconFailed'),
      );
      item.description = row.hint;
      item.tooltip = [refused, row.line, row.hint].filter(Boolean).join('\n');
      return item;
    }
    if (row.kind === 'end') {
      const item = new vscode.TreeItem(row.text);
      item.iconPath = new vscode.ThemeIcon(
        row.ok ? 'check-all' : 'circle-slash',
        new vscode.ThemeColor(row.ok ? 'testing.iconPassed' : 'testing.iconFailed'),
      );
      item.command = { command: 'pxeWorkbench.showVmConsole', title: 'Show Serial Console' };
      return item;
    }
    const item = new vscode.TreeItem(row.text);
    item.iconPath = new vscode.ThemeIcon('info');
    item.tooltip = row.text;
    return item;
  }

  private push(row: Row): void {
    for (const r of this.rows) if (r.kind === 'stage') r.last = false;
    this.rows.push(row);
    this.changed.fire(undefined);
  }

  // ---- choosing the site, firmware and machine -------------------------------------------------

  private async pickSite(): Promise<string | undefined> {
    const files = workspaceSiteFiles().map((f) => vscode.Uri.file(f));
    if (!files.length) {
      void vscode.window
        .showErrorMessage(
          'PXE: the test VM boots a site: create pxe-site.json first (PXE: Create Site File).',
          'Create Site File',
        )
        .then((a) => a && vscode.commands.executeCommand('pxeWorkbench.createSiteFile'));
      return undefined;
    }
    if (files.length === 1) return files[0]!.fsPath;
    const picked = await vscode.window.showQuickPick(
      files.map((f) => ({
        label: readSite(f.fsPath)?.name ?? vscode.workspace.asRelativePath(f),
        description: vscode.workspace.asRelativePath(f),
        file: f.fsPath,
      })),
      { title: 'Boot which site?' },
    );
    return picked?.file;
  }

  /** Firmware (with or without Secure Boot) and machine (a lease of the router config, or any machine). */
  private async pickMachine(siteFile: string): Promise<VmRequest | undefined> {
    const firmware = await vscode.window.showQuickPick(
      [
        { label: 'BIOS', description: 'SeaBIOS with the iPXE network ROM', id: 'bios' as const, secureBoot: false },
        { label: 'UEFI', description: 'OVMF', id: 'uefi' as const, secureBoot: false },
        {
          label: 'UEFI with Secure Boot',
          description: "OVMF with Microsoft's keys: unsigned loaders are refused (boot shim + GRUB)",
          id: 'uefi' as const,
          secureBoot: true,
        },
      ],
      { title: 'Test VM: firmware' },
    );
    if (!firmware) return undefined;
    const site = loadSiteView(siteFile);
    const script = site.routerConfig ? readTextOrUndefined(site.routerConfig) : undefined;
    const leases =
      site.routerConfig && script !== undefined ? dhcpFacts(site.routerConfig, parseRouterOs(script).ast).leases : [];
    // Said either way for UEFI: the site's vm.secureBoot must not turn plain "UEFI" into Secure Boot.
    const chosen: VmRequest = {
      firmware: firmware.id,
      ...(firmware.id === 'uefi' ? { secureBoot: firmware.secureBoot } : {}),
    };
    if (!leases.length) return chosen;
    const machine = await vscode.window.showQuickPick(
      [
        { label: 'Any machine', description: "the MAC in vm.mac (or QEMU's)", mac: undefined as string | undefined },
        ...leases.map((l) => ({
          label: l.comment ?? l.mac,
          description: `${l.mac}${l.address ? ` · ${l.address}` : ''}`,
          mac: l.mac,
        })),
      ],
      { title: 'Test VM: boot as which machine?' },
    );
    if (!machine) return undefined;
    return { ...chosen, ...(machine.mac ? { mac: machine.mac } : {}) };
  }

  // ---- running ---------------------------------------------------------------------------------

  /** Starts a run; its serial console goes to `terminal`. Resolves with the result when the VM ends. */
  private async boot(
    siteFile: string,
    request: VmRequest,
    terminal: SerialTerminal,
    until?: StageId,
  ): Promise<VmResult | undefined> {
    if (!(await this.runningStopped())) return undefined;
    const plan = this.planned(siteFile, request, terminal);
    if (!plan) return undefined;
    this.rows = [];
    const firmware = `${plan.firmware.toUpperCase()}${plan.secureBoot ? ' · Secure Boot' : ''}`;
    const header = `${plan.machine} · ${firmware} · ${plan.mac} · boot file ${plan.bootFile}`;
    this.push({ kind: 'note', text: header });
    for (const note of plan.notes) this.push({ kind: 'note', text: note });
    terminal.write(`PXE Workbench test VM: ${header}\n${plan.notes.map((n) => `note: ${n}\n`).join('')}\n`);
    this.log.info(`test VM: ${header}`);
    let run: VmRun;
    try {
      run = startVm(plan, {
        ...(until ? { until } : {}),
        onSerial: (text) => terminal.write(text),
        log: (line) => this.log.info(line),
      });
    } catch (error) {
      this.refused(error, terminal);
      return undefined;
    }
    try {
      return await this.follow(run, plan, terminal, until);
    } catch (error) {
      const message =
        error instanceof VmError
          ? error.message
          : `the test VM failed unexpectedly (${String(error)}); please report it`;
      this.push({ kind: 'end', text: message, ok: false });
      terminal.write(`\n${message}\n`);
      void vscode.window.showErrorMessage(`PXE: ${message}`);
      return undefined;
    } finally {
      this.run = undefined;
      void vscode.commands.executeCommand('setContext', 'pxeWorkbench.vmRunning', false);
      this.changed.fire(undefined);
    }
  }

  /** One VM at a time: a running one is stopped first, when the user agrees. */
  private async runningStopped(): Promise<boolean> {
    if (!this.run) return true;
    const answer = await vscode.window.showWarningMessage(
      'PXE: a test VM is running. Stop it and start the new one?',
      { modal: true },
      'Stop and Start',
    );
    if (answer !== 'Stop and Start') return false;
    this.run.stop();
    await this.run.done.catch(() => undefined);
    return true;
  }

  private planned(siteFile: string, request: VmRequest, terminal: SerialTerminal): VmPlan | undefined {
    try {
      return vmPlan(siteFile, request);
    } catch (error) {
      this.refused(error, terminal);
      return undefined;
    }
  }

  private refused(error: unknown, terminal: SerialTerminal): void {
    const message = error instanceof VmError ? error.message : String(error);
    terminal.write(`${message}\n`);
    void vscode.window.showErrorMessage(`PXE: ${message}`);
  }

  /**
   * The run's stages in the view, the status bar and a progress notification (cancel stops the VM), then how
   * it ended.
   */
  private async follow(run: VmRun, plan: VmPlan, terminal: SerialTerminal, until?: StageId): Promise<VmResult> {
    this.run = run;
    void vscode.commands.executeCommand('setContext', 'pxeWorkbench.vmRunning', true);
    this.setStatus('starting', 'loading~spin');
    run.timeline.on('stage', (stage: Stage) => {
      this.push({ kind: 'stage', stage, last: true });
      this.setStatus(STAGE_NAME[stage.id], 'loading~spin');
    });
    run.timeline.on('failure', (failure: Failure) =>
      this.push({
        kind: 'failure',
        line: failure.line,
        ...(failure.hint ? { hint: failure.hint } : {}),
        ...(failure.refusedBy ? { refusedBy: failure.refusedBy } : {}),
      }),
    );
    // A boot takes seconds to minutes: progress with the stage reached, and cancel stops the VM.
    const result = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: `PXE: test VM (${plan.machine})`, cancellable: true },
      (progress, token) => {
        token.onCancellationRequested(() => run.stop());
        run.timeline.on('stage', (stage: Stage) =>
          progress.report({ message: `${STAGE_NAME[stage.id]}: ${stage.label}` }),
        );
        return run.done;
      },
    );
    // A Secure Boot refusal: who signed the refused file and whom the judge trusts, from the chain-of-trust rules.
    if (result.failure?.signers) this.push({ kind: 'note', text: result.failure.signers });
    const ok = succeeded(result, until ?? 'initramfs');
    const reached = result.reached ? STAGE_NAME[result.reached.id] : 'nothing';
    const how = howItEnded(result, plan.timeoutSeconds);
    const text = `Furthest stage: ${reached} · ${how} (${result.seconds} s, ${result.accel.toUpperCase()})`;
    this.push({ kind: 'end', text, ok });
    terminal.write(`\n\n${text}.\n`);
    this.log.info(`test VM: ${text}; serial console in ${result.serialLog}`);
    this.setStatus(`${reached}${ok ? '' : ' ✗'}`, ok ? 'vm' : 'vm-outline', !ok);
    return result;
  }

  private setStatus(text: string, icon: string, error = false): void {
    this.status.text = `$(${icon}) VM: ${text}`;
    this.status.tooltip = 'PXE test VM — click for the Boot Timeline';
    this.status.backgroundColor = error ? new vscode.ThemeColor('statusBarItem.errorBackground') : undefined;
    this.status.show();
  }

  /** PXE: Start Test VM. */
  async start(): Promise<VmResult | undefined> {
    const siteFile = await this.pickSite();
    if (!siteFile) return undefined;
    const request = await this.pickMachine(siteFile);
    if (!request) return undefined;
    this.terminal?.dispose();
    const pty = new SerialTerminal(() => this.run?.stop());
    this.terminal = vscode.window.createTerminal({ name: 'PXE Test VM', pty, iconPath: new vscode.ThemeIcon('vm') });
    this.terminal.show(true);
    void vscode.commands.executeCommand('pxeWorkbench.bootTimeline.focus');
    const result = this.boot(siteFile, request, pty);
    return result;
  }

  /** PXE: Stop Test VM. */
  stop(): boolean {
    if (!this.run) {
      void vscode.window.showInformationMessage('PXE: no test VM is running.');
      return false;
    }
    this.run.stop();
    return true;
  }

  showConsole(): void {
    if (this.terminal) this.terminal.show();
    else void vscode.window.showInformationMessage('PXE: no test VM has run in this window yet: PXE: Start Test VM.');
  }

  // ---- tasks -----------------------------------------------------------------------------------

  private taskProvider(): vscode.TaskProvider {
    const make = (
      definition: VmTaskDefinition,
      scope: vscode.WorkspaceFolder | vscode.TaskScope = vscode.TaskScope.Workspace,
    ): vscode.Task => {
      const firmware = definition.secureBoot ? 'UEFI with Secure Boot' : (definition.firmware ?? 'bios').toUpperCase();
      const name = `Boot the test VM (${firmware}${definition.mac ? ` as ${definition.mac}` : ''})`;
      const task = new vscode.Task(
        definition,
        scope,
        name,
        'PXE Workbench',
        new vscode.CustomExecution(async () => {
          const pty = new SerialTerminal(() => this.run?.stop());
          const siteFile = definition.site
            ? vscode.Uri.joinPath(
                (scope as vscode.WorkspaceFolder).uri ?? vscode.workspace.workspaceFolders?.[0]?.uri,
                definition.site,
              ).fsPath
            : workspaceSiteFiles()[0];
          setTimeout(() => {
            void (async () => {
              if (!siteFile) {
                pty.write('No pxe-site.json in the workspace: create one first (PXE: Create Site File).\n');
                pty.end(1);
                return;
              }
              const result = await this.boot(siteFile, taskRequest(definition), pty, definition.until);
              pty.end(result && succeeded(result, definition.until ?? 'initramfs') ? 0 : 1);
            })();
          }, 0);
          return pty;
        }),
      );
      task.detail = "QEMU with the workspace's TFTP and HTTP folders; exit 0 when it reaches the initramfs";
      return task;
    };
    return {
      provideTasks: () =>
        vscode.workspace.workspaceFolders?.length
          ? [
              make({ type: TASK_TYPE, firmware: 'bios' }),
              make({ type: TASK_TYPE, firmware: 'uefi' }),
              make({ type: TASK_TYPE, firmware: 'uefi', secureBoot: true }),
            ]
          : [],
      resolveTask: (task) => {
        const definition = task.definition as VmTaskDefinition;
        if (definition.until && !STAGE_ORDER.includes(definition.until)) return undefined;
        return make(definition, task.scope ?? vscode.TaskScope.Workspace);
      },
    };
  }

  dispose(): void {
    this.run?.stop();
    this.terminal?.dispose();
    this.disposables.forEach((d) => d.dispose());
  }
}

/** What a `pxe-vm` task asks of the plan (the plan checks it: a secureBoot that is not true/false is refused). */
function taskRequest(definition: VmTaskDefinition): VmRequest {
  return {
    ...(definition.firmware ? { firmware: definition.firmware } : {}),
    ...(definition.secureBoot !== undefined ? { secureBoot: definition.secureBoot } : {}),
    ...(definition.mac ? { mac: definition.mac } : {}),
    ...(definition.timeout ? { timeoutSeconds: definition.timeout } : {}),
  };
}
