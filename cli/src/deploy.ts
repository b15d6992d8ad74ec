/** `pxe-workbench deploy TARGET`: plan, confirm, upload, verify — the same core as the editor's command. */
import { relative } from 'node:path';
import { escapeControl } from '../../lib/core';
import {
  brokenMachines,
  deploy,
  DeployError,
  loadNasTarget,
  planLines,
  recordHostKey,
  targetNames,
  upToDate,
  urlFailed,
  type DeployOptions,
  type DeployOutcome,
  type NasTarget,
  type Plan,
} from '../../lib/deploy';
import { routerDeployCommand, type RouterCliOptions } from './router';
import { clock, mib, progressText } from '../../lib/images';
import { askYes, cliSecrets, interactive, interruptible, requireConfirmation } from './prompt';
import { asInput, siteFileFor } from './input';

export interface DeployCliOptions extends RouterCliOptions {
  site?: string;
  dryRun?: boolean;
  yes?: boolean;
  verify?: boolean;
  trustHostKey?: string;
}

export async function deployCommand(name: string, options: DeployCliOptions, cwd = process.cwd()): Promise<number> {
  const siteFile = siteFileFor(options, cwd);
  if (targetNames(siteFile).some((t) => t.name === name && t.kind === 'mikrotik'))
    return routerDeployCommand(siteFile, name, options, cwd);
  const target = asInput(() => loadNasTarget(siteFile, name), DeployError);
  warnBrokenChain(target);
  requireConfirmation(options);
  // On a terminal the progress line is redrawn in place: every other line first clears it.
  const clear = process.stderr.isTTY === true ? '\r\x1b[K' : '';
  return interruptible(async (signal) => {
    try {
      const outcome = await deploy(target, nasDeployOptions(target, options, signal, clear));
      if (outcome.trusted) {
        recordHostKey(siteFile, name, outcome.trusted);
        process.stderr.write(
          `${clear}Recorded host key ${outcome.trusted} as targets.${escapeControl(name)}.hostKey in ` +
            `${relative(cwd, siteFile) || siteFile}.\n`,
        );
      }
      return reportOutcome(name, outcome, options, clear);
    } catch (error) {
      if (error instanceof DeployError) {
        process.stderr.write(`${clear}pxe-workbench: ${escapeControl(error.message)}\n`);
        return 1;
      }
      throw error;
    }
  });
}

function warnBrokenChain(target: NasTarget): void {
  const broken = brokenMachines(target.site);
  if (broken.length)
    process.stderr.write(
      `warning: the boot chain is broken for ${broken.length} kind(s) of machine ` +
        `(${broken.slice(0, 3).join('; ')}${broken.length > 3 ? '; …' : ''}): see \`pxe-workbench chain\`.\n`,
    );
}

/** The deploy core's questions answered on the terminal (or by --yes, --trust-host-key). */
function nasDeployOptions(
  target: NasTarget,
  options: DeployCliOptions,
  signal: AbortSignal,
  clear: string,
): DeployOptions {
  return {
    secrets: cliSecrets,
    signal,
    ...(options.dryRun ? { dryRun: true } : {}),
    verify: options.verify !== false,
    log: (line) => process.stderr.write(`${clear}${line}\n`),
    progress: (p) => {
      if (clear) process.stderr.write(`${clear}${progressText(p)}`);
    },
    trust: async (fingerprint) => {
      if (options.trustHostKey) return options.trustHostKey === fingerprint;
      if (!interactive()) return false;
      return askYes(
        `${escapeControl(target.host)}:${target.port} presents host key ${fingerprint}, not yet recorded in pxe-site.json. ` +
          'Check it on the NAS (ssh-keygen -lf /etc/ssh/ssh_host_ed25519_key.pub). Trust it and record it? [y/N] ',
      );
    },
    confirm: (plan) => confirmPlan(target, plan, options),
  };
}

async function confirmPlan(target: NasTarget, plan: Plan, options: DeployCliOptions): Promise<boolean> {
  process.stdout.write(`${planLines(plan).join('\n')}\n`);
  if (upToDate(plan)) {
    process.stdout.write('Nothing to deploy: the NAS is up to date.\n');
    return true;
  }
  if (options.yes) return true;
  return askYes(`Deploy these changes to ${escapeControl(target.name)}? [y/N] `);
}

/** What was done, and the HTTP check of the chain: exit 1 when a URL of it does not answer. */
function reportOutcome(name: string, outcome: DeployOutcome, options: DeployCliOptions, clear: string): number {
  if (options.dryRun) {
    process.stdout.write(`${planLines(outcome.plan).join('\n')}\n(dry run: nothing was changed)\n`);
    return 0;
  }
  if (!outcome.result) {
    process.stdout.write('Not deployed.\n');
    return 0;
  }
  const r = outcome.result;
  process.stdout.write(
    `${clear}Deployed to ${escapeControl(name)}: ${r.uploaded.length} file(s) uploaded ` +
      `(${mib(r.bytes)} in ${clock(r.seconds)}), ${r.removed.length} removed` +
      `${r.nginx === 'reloaded' ? '; nginx tested and reloaded' : ''}${r.reconnects ? `; reconnected ${r.reconnects}×` : ''}.\n`,
  );
  let failed = 0;
  for (const check of outcome.checks ?? []) {
    if (urlFailed(check)) failed++;
    process.stdout.write(
      `  ${check.status ?? '---'} ${escapeControl(check.url)}${check.error ? `  (${escapeControl(check.error)})` : ''}\n`,
    );
  }
  if (failed)
    process.stderr.write(
      `${failed} URL(s) of the boot chain do not answer 2xx from the NAS: check the nginx snippet and the files.\n`,
    );
  return failed ? 1 : 0;
}
