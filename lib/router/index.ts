/**
 * Deploy to a MikroTik: the files its TFTP server hands out over SFTP (the NAS deploy's atomic, resumable
 * upload), then the DHCP/TFTP settings over the RouterOS API — read, plan, (confirm,) apply the
 * differences, read back and verify. Plain Node: the editor and the CLI share it.
 */
import { posix } from 'node:path';
import { escapeControl } from '../core/untrusted';
import { deploy, type DeployOutcome } from '../deploy';
import { connect, type ConnectOptions, type SshTarget } from '../deploy';
import { CertificateError, RouterApi, RouterError, type ApiTarget } from './api';
import { applyRouterPlan, describeOp, type RouterApplyResult } from './apply';
import { desiredOf } from './desired';
import { exportScript, makeRouterPlan, readState, type RouterPlan } from './plan';
import type { RouterTarget } from './target';

export { CertificateError, RouterError } from './api';
export { RouterApplyError } from './apply';
export { routerPlanLines, routerSummary, type RouterPlan } from './plan';
export { loadRouterTarget, type RouterTarget } from './target';

/** What to do with statements the API translation does not cover. */
export type UnsupportedChoice = 'stop' | 'skip' | 'import';

export interface RouterDeployOptions extends ConnectOptions {
  dryRun?: boolean;
  /** Shown both plans; false cancels. Absent → apply without asking. */
  confirm?: (plan: RouterPlan, files: DeployOutcome['plan'] | undefined) => Promise<boolean>;
  /** Asked when the API certificate is not pinned and not trusted by the system. */
  trustCertificate?: (fingerprint: string, target: ApiTarget) => Promise<boolean>;
  /** What to do with untranslated statements: decided up front (CLI flags), or asked once they are known (editor). */
  unsupported?: UnsupportedChoice | ((statements: RouterPlan['unsupported']) => Promise<UnsupportedChoice | undefined>);
  timeoutSeconds?: number;
}

export interface RouterDeployOutcome {
  plan: RouterPlan;
  files?: DeployOutcome;
  result?: RouterApplyResult;
  /** The script was uploaded and run with /import (the user's choice). */
  imported?: string;
  /** Fingerprints trusted on first use, for the caller to record in the site file. */
  trustedCertificate?: string;
  trustedHostKey?: string;
}

const IMPORT_NAME = 'pxe-workbench-import.rsc';

/** The SSH identity the API password is stored under: one password per router user, for SFTP and API alike. */
const secretTarget = (target: RouterTarget): SshTarget => ({
  name: target.name,
  host: target.api.host,
  port: target.files.port,
  user: target.api.user,
});

const connectOptions = (o: RouterDeployOptions): ConnectOptions => ({
  secrets: o.secrets,
  ...(o.trust ? { trust: o.trust } : {}),
  ...(o.signal ? { signal: o.signal } : {}),
  ...(o.log ? { log: o.log } : {}),
  ...(o.readyTimeoutMs ? { readyTimeoutMs: o.readyTimeoutMs } : {}),
});

async function openApi(
  target: RouterTarget,
  options: RouterDeployOptions,
): Promise<{ api: RouterApi; trusted?: string }> {
  const who = secretTarget(target);
  const password =
    (await options.secrets.get(
      'password',
      who,
      `the password of ${target.api.user}@${target.api.host} (RouterOS API and SFTP)`,
    )) ?? '';
  const open = (api: ApiTarget): Promise<RouterApi> =>
    RouterApi.connect(api, {
      password,
      ...(options.timeoutSeconds ? { timeoutSeconds: options.timeoutSeconds } : {}),
      ...(options.log ? { log: options.log } : {}),
    });
  try {
    const api = await open(target.api);
    await options.secrets.confirm?.('password', who);
    return { api };
  } catch (error) {
    if (
      error instanceof CertificateError &&
      !error.pinned &&
      options.trustCertificate &&
      (await options.trustCertificate(error.presented, target.api))
    ) {
      const api = await open({ ...target.api, certificate: error.presented });
      await options.secrets.confirm?.('password', who);
      return { api, trusted: error.presented };
    }
    if (error instanceof RouterError && /refused user/.test(error.message))
      await options.secrets.reject?.('password', who);
    throw error;
  }
}

export async function planRouter(
  target: RouterTarget,
  options: RouterDeployOptions,
): Promise<{ plan: RouterPlan; api: RouterApi; trusted?: string }> {
  const { api, trusted } = await openApi(target, options);
  try {
    const plan = makeRouterPlan(desiredOf(target.script), await readState((menu) => api.print(menu)), {
      prune: target.prune,
    });
    return { plan, api, ...(trusted ? { trusted } : {}) };
  } catch (error) {
    await api.close();
    throw error;
  }
}

/** PXE: Pull Router Config — the managed menus as the router has them, as an `.rsc` script. */
export async function pullRouter(
  target: RouterTarget,
  options: RouterDeployOptions,
): Promise<{ script: string; trusted?: string }> {
  const { api, trusted } = await openApi(target, options);
  try {
    const state = await readState((menu) => api.print(menu));
    const version = (await api.print('/system/resource').catch(() => []))[0]?.version;
    const header =
      `# Pulled from ${escapeControl(target.api.host)} (targets.${escapeControl(target.name)})` +
      `${version ? `, RouterOS ${escapeControl(version)}` : ''}, by PXE Workbench on ${new Date().toISOString()}.\n` +
      '# Only the menus router deploy manages (pools, DHCP servers, options, option sets, networks, matchers, leases, TFTP).';
    return { script: exportScript(state, header), ...(trusted ? { trusted } : {}) };
  } finally {
    await api.close();
  }
}

export async function deployRouter(target: RouterTarget, options: RouterDeployOptions): Promise<RouterDeployOutcome> {
  const log = options.log ?? (() => undefined);
  const { plan, api, trusted } = await planRouter(target, options);
  let choice: UnsupportedChoice = typeof options.unsupported === 'string' ? options.unsupported : 'stop';
  const outcome: RouterDeployOutcome = { plan, ...(trusted ? { trustedCertificate: trusted } : {}) };
  try {
    if (target.paths.length) await planFiles(target, options, outcome);
    if (options.dryRun) return outcome;
    if (plan.unsupported.length && typeof options.unsupported === 'function') {
      const chosen = await options.unsupported(plan.unsupported);
      if (!chosen) return outcome;
      choice = chosen;
    }
    if (plan.unsupported.length && choice === 'stop') throw untranslated(plan);
    if (options.confirm && !(await options.confirm(plan, outcome.files?.plan))) return outcome;
    if (options.signal?.aborted) throw new RouterError('Cancelled before anything was changed.');
    if (target.paths.length) {
      outcome.files = await deploy(target.files, { ...connectOptions(options), only: target.paths, verify: false });
      log(`files: ${outcome.files.result?.uploaded.length ?? 0} uploaded to ${target.files.remoteRoot}`);
    }
    if (choice === 'import') {
      outcome.imported = await runImport(target, api, options);
      return outcome;
    }
    outcome.result = await applyRouterPlan(api, plan, desiredOf(target.script), {
      prune: target.prune,
      ...(options.signal ? { signal: options.signal } : {}),
      log,
    });
    if (outcome.result.remaining.length) {
      throw new RouterError(
        `Applied ${outcome.result.applied.length} change(s), but reading the router back still differs: ` +
          `${outcome.result.remaining.map(describeOp).join('; ')}. ` +
          'The router may rewrite these values; compare with PXE: Pull Router Config.',
      );
    }
    return outcome;
  } finally {
    await api.close();
  }
}

/** The files' plan too, so one preview shows everything (and a dry run touches nothing). */
async function planFiles(
  target: RouterTarget,
  options: RouterDeployOptions,
  outcome: RouterDeployOutcome,
): Promise<void> {
  outcome.files = await deploy(target.files, {
    ...connectOptions(options),
    dryRun: true,
    only: target.paths,
    verify: false,
  });
  if (outcome.files.trusted) {
    outcome.trustedHostKey = outcome.files.trusted;
    target.files = { ...target.files, hostKey: outcome.files.trusted };
  }
}

/** Statements the API translation leaves out, with the two ways on. */
function untranslated(plan: RouterPlan): RouterError {
  return new RouterError(
    [
      `${plan.unsupported.length} statement(s) of the script are not translated to API calls, ` +
        'so deploying only the rest would leave them out:',
      ...plan.unsupported.map((u) => `  line ${u.line}: ${escapeControl(u.text)} — ${escapeControl(u.why)}`),
      'Choose: apply the translated part and leave these out (CLI --skip-unsupported), ' +
        'or upload the script and run it with /import ' +
        '(CLI --import; it runs every line as written, so an `add` already on the router is added again).',
    ].join('\n'),
  );
}

/** The /import fallback: the script goes next to the TFTP folder over SFTP, runs, and is deleted again. */
async function runImport(target: RouterTarget, api: RouterApi, options: RouterDeployOptions): Promise<string> {
  const dir = posix.dirname(target.files.remoteRoot);
  const remote = await connect(target.files, connectOptions(options));
  const path = `${dir === '/' ? '' : dir}/${IMPORT_NAME}`;
  try {
    await remote.writeFile(path, Buffer.from(target.script));
    const fileName = path.replace(/^\/+/, '');
    await api.run('/import', [`=file-name=${fileName}`]);
    options.log?.(`ran /import file-name=${fileName}`);
    return fileName;
  } finally {
    await remote.unlink(path).catch(() => undefined);
    remote.close();
  }
}
export { normalFingerprint, RouterApi } from './api';
export { makeRouterPlan, readState } from './plan';
export { MENUS, desiredOf } from './desired';
export { downloadTree, DownloadError, treeUrl } from './treeDownload';
export { walkRouterTree, WalkError } from './treeWalk';
