/** `pxe-workbench deploy TARGET`: plan, confirm, upload, verify — the same core as the editor's command. */
import { relative, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { Writable } from 'node:stream';
import { InputError } from '../../lib/engine';
import { escapeControl } from '../../lib/core';
import { diskFiles, findSiteFile } from '../../lib/site';
import {
  brokenMachines,
  deploy,
  DeployError,
  failed as urlFailed,
  loadNasTarget,
  planLines,
  recordHostKey,
  summary,
  targetNames,
  type Secrets,
} from '../../lib/deploy';
import { routerDeployCommand, type RouterCliOptions } from './router';
import { clock, mib } from '../../lib/images';

export interface DeployCliOptions extends RouterCliOptions {
  site?: string;
  dryRun?: boolean;
  yes?: boolean;
  verify?: boolean;
  trustHostKey?: string;
}

/** Asks on the terminal; `hidden` does not echo what is typed. */
export function ask(question: string, hidden = false): Promise<string> {
  const muted = new Writable({ write: (_chunk, _encoding, done) => done() });
  const rl = createInterface({ input: process.stdin, output: hidden ? muted : process.stderr, terminal: true });
  if (hidden) process.stderr.write(question);
  return new Promise((done) => {
    rl.question(hidden ? '' : question, (answer) => {
      rl.close();
      if (hidden) process.stderr.write('\n');
      done(answer);
    });
  });
}

export const interactive = (): boolean => process.stdin.isTTY === true && process.stderr.isTTY === true;

/** Environment first (PXE_WORKBENCH_PASSWORD, PXE_WORKBENCH_PASSPHRASE), then a hidden prompt on a terminal. */
export const cliSecrets: Secrets = {
  async get(kind, _target, reason) {
    const fromEnv = process.env[kind === 'password' ? 'PXE_WORKBENCH_PASSWORD' : 'PXE_WORKBENCH_PASSPHRASE'];
    if (fromEnv) return fromEnv;
    if (!interactive()) return undefined;
    return (await ask(`${reason[0]?.toUpperCase()}${reason.slice(1)}: `, true)) || undefined;
  },
};

export function siteFileFor(options: { site?: string }, cwd: string): string {
  const siteFile = options.site ? resolve(cwd, options.site) : findSiteFile(cwd, diskFiles());
  if (!siteFile) throw new InputError(`no pxe-site.json in ${cwd} or a folder above it: pass --site FILE.`);
  return siteFile;
}

export async function deployCommand(name: string, options: DeployCliOptions, cwd = process.cwd()): Promise<number> {
  const siteFile = siteFileFor(options, cwd);
  if (targetNames(siteFile).some((t) => t.name === name && t.kind === 'mikrotik'))
    return routerDeployCommand(siteFile, name, options, cwd);
  let target;
  try {
    target = loadNasTarget(siteFile, name);
  } catch (error) {
    if (error instanceof DeployError) throw new InputError(error.message);
    throw error;
  }
  const broken = brokenMachines(target.site);
  if (broken.length)
    process.stderr.write(
      `warning: the boot chain is broken for ${broken.length} kind(s) of machine (${broken.slice(0, 3).join('; ')}${broken.length > 3 ? '; …' : ''}): see \`pxe-workbench chain\`.\n`,
    );
  if (!options.dryRun && !options.yes && !interactive())
    throw new InputError(
      'not a terminal, so nobody can confirm the plan: add --yes to deploy without asking, or --dry-run to only see it.',
    );
  const abort = new AbortController();
  const onInterrupt = (): void => abort.abort();
  process.once('SIGINT', onInterrupt);
  const tty = process.stderr.isTTY === true;
  const clear = tty ? '\r\x1b[K' : '';
  try {
    const outcome = await deploy(target, {
      secrets: cliSecrets,
      signal: abort.signal,
      ...(options.dryRun ? { dryRun: true } : {}),
      verify: options.verify !== false,
      log: (line) => process.stderr.write(`${clear}${line}\n`),
      progress: (p) =>
        tty &&
        process.stderr.write(
          `${clear}${mib(p.done)} of ${mib(p.total)} · ${mib(p.bytesPerSecond)}/s${p.etaSeconds !== undefined ? ` · ${clock(p.etaSeconds)} left` : ''}`,
        ),
      trust: async (fingerprint) => {
        if (options.trustHostKey) return options.trustHostKey === fingerprint;
        if (!interactive()) return false;
        const answer = await ask(
          `${escapeControl(target.host)}:${target.port} presents host key ${fingerprint}, not yet recorded in pxe-site.json. Check it on the NAS (ssh-keygen -lf /etc/ssh/ssh_host_ed25519_key.pub). Trust it and record it? [y/N] `,
        );
        return /^y(es)?$/i.test(answer.trim());
      },
      confirm: async (plan) => {
        process.stdout.write(`${planLines(plan).join('\n')}\n`);
        const s = summary(plan);
        if (
          !s.add &&
          !s.change &&
          !s.remove &&
          plan.nginx?.action !== 'add' &&
          plan.nginx?.action !== 'change' &&
          !plan.entries.some((e) => e.fixTime)
        ) {
          process.stdout.write('Nothing to deploy: the NAS is up to date.\n');
          return true;
        }
        if (options.yes) return true;
        return /^y(es)?$/i.test((await ask(`Deploy these changes to ${escapeControl(target.name)}? [y/N] `)).trim());
      },
    });
    if (outcome.trusted) {
      recordHostKey(siteFile, name, outcome.trusted);
      process.stderr.write(
        `${clear}Recorded host key ${outcome.trusted} as targets.${escapeControl(name)}.hostKey in ${relative(cwd, siteFile) || siteFile}.\n`,
      );
    }
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
      `${clear}Deployed to ${escapeControl(name)}: ${r.uploaded.length} file(s) uploaded (${mib(r.bytes)} in ${clock(r.seconds)}), ${r.removed.length} removed${r.nginx === 'reloaded' ? '; nginx tested and reloaded' : ''}${r.reconnects ? `; reconnected ${r.reconnects}×` : ''}.\n`,
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
  } catch (error) {
    if (error instanceof DeployError) {
      process.stderr.write(`${clear}pxe-workbench: ${escapeControl(error.message)}\n`);
      return 1;
    }
    throw error;
  } finally {
    process.removeListener('SIGINT', onInterrupt);
  }
}
