/**
 * Applies a plan: each file goes to a hidden temp name beside its target, is checked (size, optionally
 * sha256), gets the local time, and replaces the target in one rename; links likewise. A bounded pool
 * uploads in parallel; a dropped connection is re-opened and only what is not finished is sent again. The
 * nginx snippet goes last, is tested with `nginx -t` and rolled back when the test fails.
 */
import { createHash, randomBytes } from 'node:crypto';
import { join, posix } from 'node:path';
import { CancelledError, DeployError } from './errors';
import { sha256Of } from './local';
import type { Plan, PlanEntry } from './plan';
import { shellQuote as quote, type Remote } from './ssh';

export interface DeployProgress {
  done: number;
  total: number;
  bytesPerSecond: number;
  etaSeconds?: number;
  file?: string;
}

export interface ApplyOptions {
  signal?: AbortSignal;
  log?: (line: string) => void;
  progress?: (p: DeployProgress) => void;
  concurrency?: number;
  /** Opens a new connection after one broke off; absent → no retry. */
  reconnect?: () => Promise<Remote>;
  retries?: number;
}

export interface ApplyResult {
  uploaded: string[];
  removed: string[];
  bytes: number;
  seconds: number;
  nginx?: 'reloaded' | 'unchanged';
  reconnects: number;
}

const rand = (): string => randomBytes(6).toString('hex');

class Job {
  private readonly dirs = new Set<string>();
  private readonly temps = new Set<string>();
  private fallbackNoted = false;

  constructor(
    public remote: Remote,
    private readonly plan: Plan,
    private readonly options: ApplyOptions,
  ) {}

  private check(): void {
    if (this.options.signal?.aborted) throw new CancelledError();
  }

  /** `mkdir -p` over SFTP (the remote root's parents included). */
  async ensureDir(dir: string): Promise<void> {
    if (this.dirs.has(dir) || dir === '/') return;
    const there = await this.remote.stat(dir);
    if (!there) {
      await this.ensureDir(posix.dirname(dir));
      await this.remote.mkdir(dir).catch(async (error: DeployError) => {
        if (!(await this.remote.stat(dir)))
          throw new DeployError(
            `Cannot create ${dir} on the NAS (${error.message}): check that ${this.plan.target.user} may write there.`,
            error.connectionLost,
          );
      });
    } else if (!there.isDirectory()) {
      throw new DeployError(`${dir} on the NAS is a file where a folder is needed: remove or rename it on the NAS.`);
    }
    this.dirs.add(dir);
  }

  /** Puts `tmp` in place of `final`: atomically with posix-rename, else by moving the old one aside first. */
  async replace(tmp: string, final: string): Promise<void> {
    if (await this.remote.renameOver(tmp, final)) return;
    if (!this.fallbackNoted) {
      this.fallbackNoted = true;
      this.options.log?.(
        'the NAS refuses posix-rename (or does not offer it): replacing each file by moving the old one aside first',
      );
    }
    const old = (await this.remote.lstat(final))
      ? `${posix.dirname(final)}/.${posix.basename(final)}.pxe-old-${rand()}`
      : undefined;
    if (old) await this.remote.rename(final, old);
    try {
      await this.remote.rename(tmp, final);
    } catch (error) {
      if (old) await this.remote.rename(old, final).catch(() => undefined);
      throw error;
    }
    if (old) await this.remote.unlink(old).catch(() => undefined);
  }

  async upload(entry: PlanEntry, onBytes: (n: number) => void): Promise<void> {
    this.check();
    const { target } = this.plan;
    const final = `${target.remoteRoot}/${entry.path}`;
    const dir = posix.dirname(final);
    if (!final.startsWith(`${target.remoteRoot}/`) || entry.path.split('/').includes('..'))
      throw new DeployError(`Refused: ${entry.path} would land outside ${target.remoteRoot} on the NAS.`);
    await this.ensureDir(dir);
    const there = await this.remote.lstat(final);
    if (there?.isDirectory())
      throw new DeployError(
        `${final} is a folder on the NAS, but a ${entry.kind} here: remove the folder on the NAS, then deploy again.`,
      );
    const tmp = `${dir}/.${posix.basename(final)}.pxe-upload-${rand()}.tmp`;
    this.temps.add(tmp);
    if (entry.kind === 'link') await this.remote.symlink(entry.linkTarget ?? '', tmp);
    else await this.uploadFile(entry, tmp, onBytes);
    await this.replace(tmp, final);
    this.temps.delete(tmp);
  }

  /** The file to its temp name, checked (size, and sha256 when asked), with the local time. */
  private async uploadFile(entry: PlanEntry, tmp: string, onBytes: (n: number) => void): Promise<void> {
    const local = join(this.plan.target.localRoot, ...entry.path.split('/'));
    let sent = 0;
    if (entry.content) {
      await this.remote.writeFile(tmp, entry.content);
      onBytes(entry.content.length);
    } else
      await this.remote.put(local, tmp, (total) => {
        onBytes(total - sent);
        sent = total;
      });
    const stat = await this.remote.stat(tmp);
    if (stat?.size !== entry.size) {
      await this.remote.unlink(tmp).catch(() => undefined);
      throw new DeployError(
        `${entry.path}: the NAS has ${stat?.size ?? 'no'} bytes after the upload, not ${entry.size}; ` +
          'the old file was left in place. Deploy again.',
      );
    }
    if (this.plan.target.verifyHash) {
      const [mine, theirs] = await Promise.all([
        entry.content ? createHash('sha256').update(entry.content).digest('hex') : sha256Of(local),
        this.remote.exec(`sha256sum -- ${quote(tmp)}`, 600_000),
      ]);
      if (theirs.code !== 0 || !theirs.stdout.startsWith(mine)) {
        await this.remote.unlink(tmp).catch(() => undefined);
        throw new DeployError(
          `${entry.path}: the uploaded copy does not match (sha256); the old file was left in place. Deploy again.`,
        );
      }
    }
    await this.remote.utimes(tmp, entry.mtime);
  }

  /** After a reconnect: remove temp files an interrupted upload left behind. */
  async cleanTemps(): Promise<void> {
    for (const tmp of this.temps) await this.remote.unlink(tmp).catch(() => undefined);
    this.temps.clear();
  }
}

async function privileged(
  remote: Remote,
  command: string,
  sudo: boolean,
): Promise<{ code: number | null; output: string }> {
  const result = await remote.exec(sudo ? `sudo -n ${command}` : command);
  return { code: result.code, output: `${result.stderr}${result.stdout}`.trim() };
}

async function placeSnippet(job: Job, plan: Plan, content: string): Promise<void> {
  const nginx = plan.target.nginx!;
  if (!nginx.sudo) {
    const tmp = `${posix.dirname(nginx.remote)}/.${posix.basename(nginx.remote)}.pxe-upload-${rand()}.tmp`;
    await job.remote.writeFile(tmp, content);
    await job.replace(tmp, nginx.remote);
    return;
  }
  const tmp = `/tmp/.pxe-nginx-${rand()}.conf`;
  await job.remote.writeFile(tmp, content);
  const installed = await privileged(job.remote, `install -m 644 ${quote(tmp)} ${quote(nginx.remote)}`, true);
  await job.remote.unlink(tmp).catch(() => undefined);
  if (installed.code !== 0)
    throw new DeployError(
      `Cannot install the nginx snippet with sudo (${installed.output || `exit ${installed.code}`}). ` +
        `Let ${plan.target.user} run install and nginx with sudo without a password on the NAS, ` +
        `or set targets.${plan.target.name}.sudo to false if it may write ${posix.dirname(nginx.remote)}.`,
    );
}

async function deployNginx(job: Job, plan: Plan, log: (line: string) => void): Promise<'reloaded' | 'unchanged'> {
  const n = plan.nginx;
  const nginx = plan.target.nginx;
  if (!n || !nginx || n.action === 'same') return 'unchanged';
  log(`nginx: ${n.action === 'add' ? 'adding' : 'updating'} ${n.remote}`);
  await placeSnippet(job, plan, n.content);
  const test = await privileged(job.remote, nginx.test, nginx.sudo);
  if (test.code !== 0) {
    if (n.previous !== undefined) await placeSnippet(job, plan, n.previous);
    else if (nginx.sudo) await privileged(job.remote, `rm -f ${quote(n.remote)}`, true);
    else await job.remote.unlink(n.remote).catch(() => undefined);
    throw new DeployError(
      `nginx -t failed with the new snippet, so it was rolled back ` +
        `(${n.previous !== undefined ? 'the previous one is back' : 'removed'}); the files were deployed. ` +
        `nginx said: ${test.output || `exit ${test.code}`}. ` +
        `Fix ${n.generated ? "the site's HTTP settings" : 'the local snippet'} and deploy again.`,
    );
  }
  const reload = await privileged(job.remote, nginx.reload, nginx.sudo);
  if (reload.code !== 0)
    throw new DeployError(
      `nginx accepted the snippet but \`${nginx.reload}\` failed (${reload.output || `exit ${reload.code}`}): ` +
        'reload nginx on the NAS yourself.',
    );
  log('nginx: configuration tested and reloaded');
  return 'reloaded';
}

export async function applyPlan(remote: Remote, plan: Plan, options: ApplyOptions = {}): Promise<ApplyResult> {
  const log = options.log ?? (() => undefined);
  const job = new Job(remote, plan, options);
  const meter = new Meter(plan.bytes, options.progress);
  const work = plan.entries.filter((e) => e.action === 'add' || e.action === 'change' || e.fixTime);
  const { uploaded, reconnects } = await uploadAll(job, plan, work, meter, options, log);
  const removed: string[] = [];
  const removals = plan.entries.filter((e) => e.action === 'remove');
  for (const entry of removals.sort((a, b) => b.path.length - a.path.length)) {
    await job.remote.unlink(`${plan.target.remoteRoot}/${entry.path}`);
    removed.push(entry.path);
    log(`removed ${entry.path}`);
  }
  const nginx = await deployNginx(job, plan, log);
  options.progress?.({ done: plan.bytes, total: plan.bytes, bytesPerSecond: 0 });
  return {
    uploaded,
    removed,
    bytes: meter.sent,
    seconds: meter.seconds(),
    ...(plan.nginx ? { nginx } : {}),
    reconnects,
  };
}

/** Bytes done and sent, reported at most every 150 ms with the rate and the time left. */
class Meter {
  private readonly started = Date.now();
  private last = 0;
  /** Bytes of the plan in place (after a reconnect: the files finished before it). */
  done = 0;
  /** Bytes sent over the wire in this apply. */
  sent = 0;

  constructor(
    private readonly total: number,
    private readonly progress: ApplyOptions['progress'],
  ) {}

  seconds(): number {
    return (Date.now() - this.started) / 1000;
  }

  add(bytes: number, file: string): void {
    this.done += bytes;
    this.sent += bytes;
    const now = Date.now();
    if (!this.progress || now - this.last < 150) return;
    this.last = now;
    const seconds = this.seconds();
    const rate = seconds > 0 ? this.sent / seconds : 0;
    this.progress({
      done: this.done,
      total: this.total,
      bytesPerSecond: rate,
      ...(rate > 0 && this.total > this.done ? { etaSeconds: (this.total - this.done) / rate } : {}),
      ...(file ? { file } : {}),
    });
  }
}

/** Uploads (and retimes) `work`; a lost connection is re-opened and only the files not finished go again. */
async function uploadAll(
  job: Job,
  plan: Plan,
  work: PlanEntry[],
  meter: Meter,
  options: ApplyOptions,
  log: (line: string) => void,
): Promise<{ uploaded: string[]; reconnects: number }> {
  const uploaded: string[] = [];
  const pending = new Set(work);
  for (let reconnects = 0; ; reconnects++) {
    try {
      for (const stale of plan.stale.splice(0))
        await job.remote.unlink(`${plan.target.remoteRoot}/${stale}`).catch(() => undefined);
      await uploadPass(job, plan, pending, meter, options.concurrency ?? 4, (entry) => {
        uploaded.push(entry.path);
        log(`${entry.action === 'add' ? 'added' : 'updated'} ${entry.path}`);
      });
      return { uploaded, reconnects };
    } catch (error) {
      if (options.signal?.aborted) throw new CancelledError();
      const retry = error instanceof DeployError && error.connectionLost && options.reconnect;
      if (!retry || reconnects >= (options.retries ?? 2)) throw error;
      log(`the connection broke off (${error.message}); reconnecting to finish the ${pending.size} file(s) left`);
      job.remote = await retry();
      await job.cleanTemps();
      meter.done = plan.bytes - [...pending].reduce((n, e) => n + (e.kind === 'file' ? e.size : 0), 0);
    }
  }
}

/** One pass over the pending entries with `concurrency` workers; the first failure stops the others. */
async function uploadPass(
  job: Job,
  plan: Plan,
  pending: Set<PlanEntry>,
  meter: Meter,
  concurrency: number,
  onUploaded: (entry: PlanEntry) => void,
): Promise<void> {
  const root = plan.target.remoteRoot;
  const queue = [...pending];
  const drain = async (): Promise<void> => {
    for (let entry = queue.shift(); entry; entry = queue.shift()) {
      const path = entry.path;
      if (entry.fixTime && entry.action === 'same') await job.remote.utimes(`${root}/${path}`, entry.mtime);
      else {
        await job.upload(entry, (n) => meter.add(n, path));
        onUploaded(entry);
      }
      pending.delete(entry);
    }
  };
  const worker = async (): Promise<void> => {
    try {
      await drain();
    } catch (error) {
      queue.length = 0; // the other workers stop after their current file
      throw error;
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, concurrency) }, worker));
}
