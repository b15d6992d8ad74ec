/** Deploy to a NAS over SFTP: connect, plan, (confirm,) apply, verify. Plain Node: the editor and the CLI share it. */
import { relative, sep } from 'node:path';
import { applyPlan, type ApplyResult, type DeployProgress } from './apply';
import { CancelledError, DeployError } from './errors';
import { refuseStale, withTranslations } from './butane';
import { listLocal } from './local';
import { makePlan, type Plan } from './plan';
import { connect, type ConnectOptions } from './connect';
import type { Remote } from './ssh';
import type { NasTarget } from './target';
import { chainUrls, verifyUrls, type UrlCheck } from './verify';

export { CancelledError, DeployError, HostKeyError } from './errors';
export { planLines, planSummary, upToDate, generatedSnippet, type Plan, type PlanEntry } from './plan';
export { loadNasTarget, recordHostKey, targetNames, type NasTarget } from './target';
export { connect, type ConnectOptions, type Secrets } from './connect';
export { fingerprintOf, shellQuote, type SshTarget, Remote } from './ssh';
export type { ApplyResult, DeployProgress } from './apply';
export { brokenMachines, urlFailed } from './verify';
export type { UrlCheck } from './verify';

export interface DeployOptions extends ConnectOptions {
  dryRun?: boolean;
  /** Shown the plan; false cancels. Absent → apply without asking. */
  confirm?: (plan: Plan) => Promise<boolean>;
  /** Only these files (relative to the TFTP root), e.g. the one just saved. */
  only?: readonly string[];
  /** HEAD the chain's URLs after the deploy (default true). */
  verify?: boolean;
  progress?: (p: DeployProgress) => void;
  retries?: number;
  /** Parallel uploads (default 4). */
  concurrency?: number;
}

export interface DeployOutcome {
  plan: Plan;
  /** Undefined for a dry run or when the user said no. */
  result?: ApplyResult;
  checks?: UrlCheck[];
  /** The fingerprint trusted on first use, for the caller to record in the site file. */
  trusted?: string;
}

export async function deploy(target: NasTarget, options: DeployOptions): Promise<DeployOutcome> {
  const log = options.log ?? (() => undefined);
  // The local tree first: a link leading out of it is refused before any connection, let alone upload; so
  // are an Ignition config older than its Butane source and a Butane source that does not translate.
  const only = options.only ? withTargets(target, options.only) : undefined;
  const listed = await listLocal(target.localRoot, log);
  const local = withTranslations(target.site, target.localRoot, listed, { log, ...(only ? { only } : {}) });
  refuseStale(target.site, target.localRoot, only ? local.filter((e) => only.includes(e.path)) : local);
  let remote: Remote = await connect(target, options);
  const trusted = remote.trustedNow ? remote.fingerprint : undefined;
  // A host key trusted now is the one to expect on a reconnect.
  const pinned: NasTarget = trusted ? { ...target, hostKey: trusted } : target;
  try {
    const plan = await makePlan(remote, pinned, { ...(only ? { only } : {}), log, local });
    if (options.dryRun) return { plan, ...(trusted ? { trusted } : {}) };
    if (options.confirm && !(await options.confirm(plan))) return { plan, ...(trusted ? { trusted } : {}) };
    if (options.signal?.aborted) throw new CancelledError();
    const result = await applyPlan(remote, plan, {
      ...(options.signal ? { signal: options.signal } : {}),
      log,
      ...(options.progress ? { progress: options.progress } : {}),
      retries: options.retries ?? 2,
      ...(options.concurrency ? { concurrency: options.concurrency } : {}),
      reconnect: async () => {
        remote.close();
        remote = await connect(pinned, options);
        return remote;
      },
    });
    const checks =
      options.verify === false || options.only
        ? undefined
        : await verifyUrls(
            chainUrls(target.site, target.host),
            options.signal,
            result.nginx === 'reloaded' ? 5_000 : 0,
          );
    return { plan, result, ...(checks ? { checks } : {}), ...(trusted ? { trusted } : {}) };
  } catch (error) {
    if (options.signal?.aborted && !(error instanceof CancelledError)) throw new CancelledError();
    if (error instanceof DeployError) throw error;
    throw new DeployError(
      `Deploy to ${target.name} failed unexpectedly (${String(error)}). ` +
        'Every remote file is either old or new; please report this with PXE: Show Logs.',
    );
  } finally {
    remote.close();
  }
}
export { recordTargetSetting } from './target';
export {
  butanePath,
  ignitionText,
  reportLine,
  translateSourceFile,
  translateText,
  type TranslatedText,
} from './butane';

/** `only` with the Ignition target of every Butane source in it (saving a `.bu` deploys its translation). */
function withTargets(target: NasTarget, only: readonly string[]): string[] {
  const rel = (path: string): string => relative(target.localRoot, path).split(sep).join('/');
  const targets = (target.site.butane?.sources ?? [])
    .filter((s) => only.includes(rel(s.source)))
    .map((s) => rel(s.target));
  return [...new Set([...only, ...targets])];
}
