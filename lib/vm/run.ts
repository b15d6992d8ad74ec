/**
 * Runs the test VM: QEMU with user networking only (`restrict=on`), its built-in DHCP/TFTP standing in for
 * the router and the TFTP server, the site's HTTP hosts forwarded to a local server for the HTTP folder,
 * SeaBIOS + the iPXE ROM (BIOS) or OVMF (UEFI), KVM when it works, else TCG. The serial console feeds the
 * timeline; the run ends when the VM powers off, fails, is stopped, or runs out of time.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import {
  accessSync,
  constants,
  copyFileSync,
  createWriteStream,
  existsSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildChain, loadSecureBoot, readDisk } from '../chain';
import { diskFiles } from '../site/disk';
import { serveSite, writeForwarder, type HttpEvent, type SiteServer } from './http';
import { VmError, type VmPlan } from './plan';
import { firmwareArgs, nicDevice, userNetdev, type OvmfFiles, type UserNetwork } from './qemu';
import { STAGE_ORDER, Timeline, type Failure, type Stage, type StageId } from './timeline';

export type Accel = 'kvm' | 'tcg';

export interface VmRunOptions {
  /** A line that means the boot got where it should (the test initramfs prints one). */
  marker?: string;
  onSerial?: (text: string) => void;
  onHttp?: (event: HttpEvent) => void;
  log?: (line: string) => void;
  accel?: Accel | 'auto';
  /** Seconds to keep reading the console after a failure line (default 3). */
  graceSeconds?: number;
  /** Stop the VM once this stage is reached (e.g. `ignition`): the boot got where it should. */
  until?: StageId;
}

/**
 * What the chain-of-trust rules say about this machine's chain with Secure Boot on and the test VM's keys
 * (OVMF_VARS.ms.fd holds Microsoft's 2011 CAs): which certificate each refused file is signed by and which the
 * judge wanted. Undefined when they find nothing to say (or the site cannot be read).
 */
export function trustExplanation(plan: Pick<VmPlan, 'site' | 'mac'>): string | undefined {
  try {
    const site = {
      ...plan.site,
      secureBoot: { uefi: true, firmwareKeys: 'microsoft-2011' as const, nodes: new Map() },
    };
    const chain = buildChain({
      site,
      files: diskFiles(),
      read: readDisk,
      machine: { mac: plan.mac, firmware: 'uefi' },
    });
    const refused = [...chain.problems.values()].flat().find((p) => p.ruleId === 'chain.secureBootRefused');
    return refused?.message.replace(/^Under Secure Boot \(pxe-site\.json says it is on\): /, '');
  } catch {
    return undefined; // the timeline's own hint still says what happened
  }
}

export type EndReason = 'poweroff' | 'reached' | 'failure' | 'timeout' | 'stopped' | 'crashed';

/** Why a run ended, in words ("stopped after 120 s", "QEMU failed: …"). */
export function howItEnded(result: VmResult, timeoutSeconds: number): string {
  return {
    poweroff: 'the VM powered off',
    reached: 'reached the stage asked for',
    failure: 'stopped at a failure',
    timeout: `stopped after ${timeoutSeconds} s`,
    stopped: 'stopped',
    crashed: `QEMU failed${result.qemuError ? `: ${result.qemuError}` : ''}`,
  }[result.reason];
}

/** A run went well: it got to the initramfs (or the stage asked for) and nothing failed. */
export function succeeded(result: VmResult, until: StageId = 'initramfs'): boolean {
  if (result.failure || result.reason === 'crashed' || result.reason === 'stopped') return false;
  return result.stages.some((s) => STAGE_ORDER.indexOf(s.id) >= STAGE_ORDER.indexOf(until));
}

export interface VmResult {
  reason: EndReason;
  exitCode: number | null;
  seconds: number;
  reached?: Stage;
  failure?: Failure;
  stages: Stage[];
  accel: Accel;
  /** The whole serial console, kept in a file. */
  serialLog: string;
  /** QEMU's own complaints (stderr), when it crashed. */
  qemuError?: string;
}

const PACKAGES = 'qemu-system-x86 ipxe-qemu ovmf';
const OVMF = [
  ['/usr/share/OVMF/OVMF_CODE_4M.fd', '/usr/share/OVMF/OVMF_VARS_4M.fd'],
  ['/usr/share/OVMF/OVMF_CODE.fd', '/usr/share/OVMF/OVMF_VARS.fd'],
  ['/usr/share/ovmf/OVMF.fd', ''],
] as const;
/** OVMF's Secure Boot build (SMM) with a variables store that has Microsoft's keys enrolled and Secure Boot on. */
const OVMF_SECURE_BOOT = [
  ['/usr/share/OVMF/OVMF_CODE_4M.secboot.fd', '/usr/share/OVMF/OVMF_VARS_4M.ms.fd'],
  ['/usr/share/OVMF/OVMF_CODE.secboot.fd', '/usr/share/OVMF/OVMF_VARS.ms.fd'],
] as const;

function onPath(binary: string): string | undefined {
  const r = spawnSync('sh', ['-c', `command -v ${binary}`], { encoding: 'utf8' });
  return r.status === 0 ? r.stdout.trim() : undefined;
}

/** What the VM needs on this machine, or a VmError naming the Debian packages to install. */
export function prerequisites(
  firmware: 'bios' | 'uefi',
  secureBoot = false,
): { qemu: string; ovmf?: { code: string; vars: string } } {
  const qemu = onPath('qemu-system-x86_64');
  if (!qemu) throw new VmError(`The test VM needs QEMU, which is not installed: sudo apt-get install ${PACKAGES}`);
  if (!existsSync('/usr/lib/ipxe/qemu/efi-virtio.rom') && !existsSync('/usr/share/qemu/efi-virtio.rom'))
    throw new VmError(`QEMU's network boot ROM (iPXE) is missing: sudo apt-get install ipxe-qemu`);
  if (firmware === 'bios') return { qemu };
  if (secureBoot) {
    const pair = OVMF_SECURE_BOOT.find(([code, vars]) => existsSync(code) && existsSync(vars));
    if (!pair)
      throw new VmError(
        "Secure Boot needs OVMF's Secure Boot build (OVMF_CODE_4M.secboot.fd) and its variables store with " +
          "Microsoft's keys (OVMF_VARS_4M.ms.fd), which are not installed: sudo apt-get install ovmf",
      );
    return { qemu, ovmf: { code: pair[0], vars: pair[1] } };
  }
  const ovmf = OVMF.find(([code]) => existsSync(code));
  if (!ovmf) throw new VmError('UEFI needs OVMF, which is not installed: sudo apt-get install ovmf');
  return { qemu, ovmf: { code: ovmf[0], vars: ovmf[1] } };
}

let kvmVerdict: Promise<Accel> | undefined;

/**
 * KVM when /dev/kvm is usable *and* iPXE gets as far as DHCP with it within 8 s; else TCG. /dev/kvm may
 * exist and still not work: in some nested setups SeaBIOS runs but iPXE hangs after its banner.
 */
export function probeAccel(qemu: string): Promise<Accel> {
  // The verdict holds for this machine until it reboots or QEMU changes: kept a day in the temp folder.
  const cache = join(tmpdir(), `pxe-workbench-accel-${process.getuid?.() ?? 'user'}.json`);
  const key = verdictKey(qemu);
  const saved = key ? savedVerdict(cache, key) : undefined;
  if (saved) kvmVerdict ??= Promise.resolve(saved);
  kvmVerdict ??= probeKvm(qemu).then((accel) => {
    if (key) saveVerdict(cache, key, accel);
    return accel;
  });
  return kvmVerdict;
}

/** What the verdict depends on: this QEMU, this /dev/kvm, this boot. */
function verdictKey(qemu: string): string | undefined {
  try {
    const bootId = readFileSync('/proc/sys/kernel/random/boot_id', 'utf8').trim();
    return `${statSync(qemu).mtimeMs}:${statSync('/dev/kvm').ctimeMs}:${bootId}`;
  } catch {
    return undefined;
  }
}

function savedVerdict(cache: string, key: string): Accel | undefined {
  try {
    const saved = JSON.parse(readFileSync(cache, 'utf8')) as { key: string; accel: Accel; at: number };
    if (saved.key === key && Date.now() - saved.at < 86_400_000) return saved.accel;
  } catch {
    // no verdict yet
  }
  return undefined;
}

function saveVerdict(cache: string, key: string, accel: Accel): void {
  try {
    writeFileSync(cache, JSON.stringify({ key, accel, at: Date.now() }));
  } catch {
    // a read-only temp folder: probe again next time
  }
}

/** Boots an empty network boot under KVM: 'kvm' once iPXE starts DHCP, 'tcg' when it does not within 8 s. */
function probeKvm(qemu: string): Promise<Accel> {
  try {
    accessSync('/dev/kvm', constants.R_OK | constants.W_OK);
  } catch {
    return Promise.resolve('tcg');
  }
  return new Promise<Accel>((decided) => {
    const empty = mkdtempSync(join(tmpdir(), 'pxe-kvm-probe-'));
    const net = userNetdev({ tftpRoot: empty, bootFile: 'probe' });
    const child = spawn(
      qemu,
      [
        ...['-accel', 'kvm', '-m', '128', '-nographic', '-no-reboot', '-nodefaults', '-monitor', 'none'],
        ...['-serial', 'stdio', '-netdev', net, '-device', 'virtio-net-pci,netdev=n0', '-boot', 'n'],
      ],
      { stdio: ['pipe', 'pipe', 'ignore'] },
    );
    let seen = '';
    const finish = (verdict: Accel): void => {
      clearTimeout(timer);
      child.kill('SIGKILL');
      rmSync(empty, { recursive: true, force: true });
      decided(verdict);
    };
    const timer = setTimeout(() => finish('tcg'), 8000);
    child.stdout.on('data', (d: Buffer) => {
      seen += d.toString('latin1');
      if (/Configuring \(net0/.test(seen)) finish('kvm');
    });
    child.on('exit', () => finish('tcg'));
    child.on('error', () => finish('tcg'));
  });
}

/** The plan's user network, with the forwarders to the local HTTP server once it listens. */
function network(plan: VmPlan, forward?: { forwarder: string; port: number }): UserNetwork {
  return {
    ...(plan.net ? { net: plan.net } : {}),
    ...(plan.host ? { host: plan.host } : {}),
    ...(plan.dhcpStart ? { dhcpStart: plan.dhcpStart } : {}),
    ...(plan.tftpRoot ? { tftpRoot: plan.tftpRoot } : {}),
    bootFile: plan.bootFile,
    forwards: forward
      ? plan.httpHosts.map((h) => ({ ...h, command: [process.execPath, forward.forwarder, String(forward.port)] }))
      : [],
  };
}

/** The QEMU arguments a plan's network comes to (checked: a VmError names a value QEMU must not get). */
export function networkArgs(plan: VmPlan, forward?: { forwarder: string; port: number }): string[] {
  return [
    ...['-netdev', userNetdev(network(plan, forward))],
    ...['-device', nicDevice(plan.mac, plan.firmware === 'uefi', plan.secureBoot)],
  ];
}

/** The whole QEMU command line of a plan (the OVMF files: the code and this run's copy of the variables). */
export function qemuArgs(
  plan: VmPlan,
  at: { accel: Accel; ovmf?: OvmfFiles; forward?: { forwarder: string; port: number } },
): string[] {
  return [
    ...['-accel', at.accel, '-m', String(plan.memoryMiB), '-nographic', '-no-reboot', '-monitor', 'none'],
    ...['-serial', 'stdio', ...networkArgs(plan, at.forward), ...firmwareArgs(plan.firmware, at.ovmf, plan.secureBoot)],
  ];
}

export class VmRun {
  readonly timeline: Timeline;
  readonly done: Promise<VmResult>;
  private child?: ChildProcess;
  private stopReason?: EndReason;

  constructor(
    readonly plan: VmPlan,
    private readonly options: VmRunOptions = {},
  ) {
    this.timeline = new Timeline(options.marker, plan.firmware, plan.secureBoot);
    this.done = this.run();
  }

  /** Ends the run (the result says "stopped"). */
  stop(reason: EndReason = 'stopped'): void {
    this.stopReason ??= reason;
    this.child?.kill('SIGKILL');
  }

  private async run(): Promise<VmResult> {
    const plan = this.plan;
    const log = this.options.log ?? (() => undefined);
    const { qemu, ovmf } = prerequisites(plan.firmware, plan.secureBoot);
    const accel = this.options.accel && this.options.accel !== 'auto' ? this.options.accel : await probeAccel(qemu);
    const dir = mkdtempSync(join(tmpdir(), 'pxe-vm-'));
    const serialLog = join(dir, 'serial.log');
    let server: SiteServer | undefined;
    try {
      let forward: { forwarder: string; port: number } | undefined;
      if (plan.httpHosts.length) {
        server = await this.serveHttp(log);
        forward = { forwarder: writeForwarder(dir), port: server.port };
      }
      const args = qemuArgs(plan, {
        accel,
        ...(forward ? { forward } : {}),
        ...(ovmf ? { ovmf: ovmfCopy(ovmf, dir) } : {}),
      });
      log(`${qemu} ${args.map((a) => (/\s/.test(a) ? `'${a}'` : a)).join(' ')}`);
      const started = Date.now();
      this.timeline.start();
      const serial = createWriteStream(serialLog);
      const { exitCode, stderr } = await this.boot(qemu, args, serial);
      this.timeline.flush();
      await new Promise<void>((closed) => serial.end(() => closed()));
      const seconds = Math.round((Date.now() - started) / 100) / 10;
      // A Secure Boot refusal is explained by the chain-of-trust rules: their reader loads on first use.
      if (this.timeline.failure?.refusedBy) await loadSecureBoot().catch(() => undefined);
      return this.result(exitCode, stderr, { seconds, accel, serialLog });
    } finally {
      await server?.close();
      // Keep the serial log; the rest (VARS copy, forwarder) goes.
      for (const f of ['vars.fd', 'forward.js']) rmSync(join(dir, f), { force: true });
    }
  }

  /** The HTTP folder, each request on the timeline and in the log. */
  private serveHttp(log: (line: string) => void): Promise<SiteServer> {
    return serveSite(this.plan.site, (event) => {
      this.timeline.http(event);
      this.options.onHttp?.(event);
      log(`http ${event.method} ${event.url} → ${event.status} (${event.bytes} bytes, ${event.ms} ms)`);
    });
  }

  /** Runs QEMU until it exits: the console to the file and the timeline, stopped at the stage, failure or time. */
  private async boot(
    qemu: string,
    args: string[],
    serial: NodeJS.WritableStream,
  ): Promise<{ exitCode: number | null; stderr: string }> {
    // The forwarder runs with the editor's own Node (Electron as Node in VS Code).
    const child = spawn(qemu, args, {
      stdio: ['pipe', 'pipe', 'pipe'],
      env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' },
    });
    this.child = child;
    // QEMU must not outlive this process (a CLI piped into `head`, an editor window closed).
    const orphan = (): void => void child.kill('SIGKILL');
    process.once('exit', orphan);
    child.once('exit', () => process.removeListener('exit', orphan));
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.stdout.on('data', (d: Buffer) => {
      serial.write(d);
      const text = d.toString('latin1');
      this.options.onSerial?.(text);
      this.timeline.serial(text);
    });
    const until = this.options.until;
    if (until)
      this.timeline.on(
        'stage',
        (stage: Stage) => STAGE_ORDER.indexOf(stage.id) >= STAGE_ORDER.indexOf(until) && this.stop('reached'),
      );
    this.timeline.on('failure', () => {
      setTimeout(() => this.stop('failure'), (this.options.graceSeconds ?? 3) * 1000).unref();
    });
    const timer = setTimeout(() => this.stop('timeout'), this.plan.timeoutSeconds * 1000);
    const exitCode = await new Promise<number | null>((done) => {
      child.on('exit', (code) => done(code));
      child.on('error', (error) => {
        stderr += error.message;
        done(null);
      });
    });
    clearTimeout(timer);
    return { exitCode, stderr };
  }

  private result(
    exitCode: number | null,
    stderr: string,
    run: { seconds: number; accel: Accel; serialLog: string },
  ): VmResult {
    const reason: EndReason =
      this.stopReason ?? (exitCode === 0 ? (this.timeline.failure ? 'failure' : 'poweroff') : 'crashed');
    const reached = this.timeline.reached();
    const failure = this.timeline.failure;
    const signers = failure?.refusedBy ? trustExplanation(this.plan) : undefined;
    return {
      reason,
      exitCode,
      seconds: run.seconds,
      ...(reached ? { reached } : {}),
      ...(failure ? { failure: signers ? { ...failure, signers } : failure } : {}),
      stages: this.timeline.stages,
      accel: run.accel,
      serialLog: run.serialLog,
      ...(reason === 'crashed' && stderr.trim() ? { qemuError: stderr.trim().split('\n').slice(-3).join(' ') } : {}),
    };
  }
}

/** OVMF's code, and a fresh copy of its variables store in `dir` when it has one (each run starts clean). */
function ovmfCopy(ovmf: { code: string; vars: string }, dir: string): OvmfFiles {
  if (!ovmf.vars) return { code: ovmf.code };
  copyFileSync(ovmf.vars, join(dir, 'vars.fd'));
  return { code: ovmf.code, vars: join(dir, 'vars.fd') };
}

/** Starts a VM for a plan (prerequisites are checked first, so a missing package fails at once). */
export function startVm(plan: VmPlan, options: VmRunOptions = {}): VmRun {
  const { ovmf } = prerequisites(plan.firmware, plan.secureBoot);
  // The values are checked now, so a bad one fails here and not after QEMU's start was announced.
  const check = join(tmpdir(), 'pxe-vm-check');
  networkArgs(plan, { forwarder: join(check, 'forward.js'), port: 1 });
  const copy = ovmf && { code: ovmf.code, ...(ovmf.vars ? { vars: join(check, 'vars.fd') } : {}) };
  firmwareArgs(plan.firmware, copy, plan.secureBoot);
  return new VmRun(plan, options);
}
