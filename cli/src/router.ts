/** `pxe-workbench deploy <router>` and `pxe-workbench pull <router>`: the editor's router commands on a terminal. */
import { writeFileSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import { InputError } from '../../lib/engine';
import { escapeControl } from '../../lib/core';
import { DeployError, planLines, recordHostKey, type Plan } from '../../lib/deploy';
import { recordTargetSetting } from '../../lib/deploy';
import {
  deployRouter,
  loadRouterTarget,
  pullRouter,
  RouterApplyError,
  RouterError,
  routerPlanLines,
  routerSummary,
  type RouterDeployOutcome,
  type RouterPlan,
  type RouterTarget,
  type UnsupportedChoice,
} from '../../lib/router';
import { normalFingerprint } from '../../lib/router';
import { askYes, cliSecrets, interactive, interruptible, requireConfirmation } from './prompt';

export interface RouterCliOptions {
  dryRun?: boolean;
  yes?: boolean;
  trustHostKey?: string;
  trustCertificate?: string;
  skipUnsupported?: boolean;
  import?: boolean;
}

/** An error's message for the terminal: its own lines kept, control characters in each escaped. */
const shownMessage = (error: Error): string => error.message.split('\n').map(escapeControl).join('\n');

async function load(siteFile: string, name: string): Promise<RouterTarget> {
  try {
    return await loadRouterTarget(siteFile, name);
  } catch (error) {
    if (error instanceof RouterError || error instanceof DeployError) throw new InputError(error.message);
    throw error;
  }
}

const trustHostKey =
  (options: RouterCliOptions, target: RouterTarget) =>
  async (fingerprint: string): Promise<boolean> => {
    if (options.trustHostKey) return options.trustHostKey === fingerprint;
    if (!interactive()) return false;
    return askYes(
      `${escapeControl(target.files.host)}:${target.files.port} (SSH) presents host key ${fingerprint}, ` +
        'not yet recorded in pxe-site.json. Check it on the router (/ip ssh print). Trust it and record it? [y/N] ',
    );
  };

const trustCertificate =
  (options: RouterCliOptions) =>
  async (fingerprint: string): Promise<boolean> => {
    if (options.trustCertificate) return normalFingerprint(options.trustCertificate) === fingerprint;
    if (!interactive()) return false;
    return askYes(
      `The router's API certificate is ${fingerprint}. ` +
        'Compare it with /certificate print detail on the router. Trust it and record it? [y/N] ',
    );
  };

function record(
  siteFile: string,
  name: string,
  cwd: string,
  outcome: { trustedCertificate?: string; trustedHostKey?: string },
): void {
  const where = relative(cwd, siteFile) || siteFile;
  if (outcome.trustedCertificate) {
    recordTargetSetting(siteFile, name, 'apiCertificate', outcome.trustedCertificate);
    process.stderr.write(
      `Recorded certificate ${outcome.trustedCertificate} as targets.${name}.apiCertificate in ${where}.\n`,
    );
  }
  if (outcome.trustedHostKey) {
    recordHostKey(siteFile, name, outcome.trustedHostKey);
    process.stderr.write(`Recorded host key ${outcome.trustedHostKey} as targets.${name}.hostKey in ${where}.\n`);
  }
}

export async function routerDeployCommand(
  siteFile: string,
  name: string,
  options: RouterCliOptions,
  cwd: string,
): Promise<number> {
  if (options.skipUnsupported && options.import) throw new InputError('choose one of --skip-unsupported and --import.');
  const target = await load(siteFile, name);
  if (!target.api.tls)
    process.stderr.write(
      `warning: targets.${escapeControl(name)}.apiTls is false: the RouterOS password and settings cross the network ` +
        `unencrypted (plain API, port ${target.api.port}). Use api-ssl (8729) unless this network is trusted.\n`,
    );
  requireConfirmation(options);
  const unsupported: UnsupportedChoice = options.import ? 'import' : options.skipUnsupported ? 'skip' : 'stop';
  return interruptible(async (signal) => {
    try {
      const outcome = await deployRouter(target, {
        secrets: cliSecrets,
        signal,
        unsupported,
        ...(options.dryRun ? { dryRun: true } : {}),
        log: (line) => process.stderr.write(`${line}\n`),
        trust: trustHostKey(options, target),
        trustCertificate: trustCertificate(options),
        confirm: (plan, files) => confirmPlans(target, options, unsupported, plan, files),
      });
      record(siteFile, name, cwd, outcome);
      return reportOutcome(target, outcome, options);
    } catch (error) {
      if (error instanceof RouterApplyError || error instanceof RouterError || error instanceof DeployError) {
        process.stderr.write(`pxe-workbench: ${shownMessage(error)}\n`);
        return 1;
      }
      throw error;
    }
  });
}

/** Both plans: the files the router's TFTP serves (when there are any) and the settings. */
function showPlans(target: RouterTarget, plan: RouterPlan, files?: Plan): void {
  const indented = (lines: string[]): string => lines.map((l) => `  ${l}`).join('\n');
  if (files)
    process.stdout.write(
      `Files to ${escapeControl(target.files.remoteRoot)} on the router (SFTP):\n${indented(planLines(files))}\n`,
    );
  process.stdout.write(
    `Settings (RouterOS API, ${escapeControl(target.api.host)}:${target.api.port}):\n${indented(routerPlanLines(plan))}\n`,
  );
}

async function confirmPlans(
  target: RouterTarget,
  options: RouterCliOptions,
  unsupported: UnsupportedChoice,
  plan: RouterPlan,
  files: Plan | undefined,
): Promise<boolean> {
  showPlans(target, plan, files);
  const s = routerSummary(plan);
  if (!s.add && !s.set && !s.remove && !files?.entries.some((e) => e.action !== 'same')) {
    process.stdout.write(
      unsupported === 'import'
        ? 'The settings are already right; the script is still run with /import as asked.\n'
        : 'Nothing to deploy: the router is up to date.\n',
    );
    return unsupported === 'import' ? options.yes || askYes('Run it with /import anyway? [y/N] ') : true;
  }
  if (unsupported === 'import')
    process.stdout.write('The script will be uploaded and run with /import (every line as written).\n');
  if (options.yes) return true;
  return askYes(`Apply these changes to ${escapeControl(target.name)}? [y/N] `);
}

function reportOutcome(target: RouterTarget, outcome: RouterDeployOutcome, options: RouterCliOptions): number {
  const name = escapeControl(target.name);
  if (options.dryRun) {
    showPlans(target, outcome.plan, outcome.files?.plan);
    process.stdout.write('(dry run: nothing was changed)\n');
  } else if (outcome.imported) {
    process.stdout.write(`Ran /import file-name=${escapeControl(outcome.imported)} on ${name}.\n`);
  } else if (!outcome.result) {
    process.stdout.write('Not deployed.\n');
  } else {
    const uploaded = outcome.files?.result?.uploaded.length ?? 0;
    process.stdout.write(
      `Deployed to ${name}: ${outcome.result.applied.length} setting change(s) applied and read back` +
        `${target.paths.length ? `, ${uploaded} file(s) uploaded` : ''}.\n`,
    );
  }
  return 0;
}

export async function routerPullCommand(
  siteFile: string,
  name: string,
  options: RouterCliOptions & { out?: string },
  cwd: string,
): Promise<number> {
  const target = await load(siteFile, name);
  try {
    const pulled = await pullRouter(target, {
      secrets: cliSecrets,
      trust: trustHostKey(options, target),
      trustCertificate: trustCertificate(options),
      log: (line) => process.stderr.write(`${line}\n`),
    });
    record(siteFile, name, cwd, { ...(pulled.trusted ? { trustedCertificate: pulled.trusted } : {}) });
    if (options.out) {
      writeFileSync(resolve(cwd, options.out), pulled.script);
      process.stderr.write(`Wrote ${options.out}.\n`);
    } else process.stdout.write(pulled.script);
    return 0;
  } catch (error) {
    if (error instanceof RouterError || error instanceof DeployError) {
      process.stderr.write(`pxe-workbench: ${shownMessage(error)}\n`);
      return 1;
    }
    throw error;
  }
}
