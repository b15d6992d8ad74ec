/** A copy of examples/home-lab whose NAS target is a local sshd and a temp folder (the "NAS"). */
import { cpSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadNasTarget, type NasTarget } from '../../lib/deploy';
import { sshdLogin, type Sshd } from './sshd';

export interface DeploySite {
  workspace: string;
  siteFile: string;
  /** The folder deploy fills (the NAS's remoteRoot). */
  remoteRoot: string;
  target(overrides?: Record<string, unknown>): NasTarget;
}

/** `edit` changes the copied site file once (e.g. drops its Butane sources), before any target is written. */
export function deploySite(
  sshd: Sshd,
  example = 'examples/home-lab',
  edit: (site: Record<string, unknown>) => void = () => undefined,
): DeploySite {
  const base = mkdtempSync(join(tmpdir(), 'pxe-deploy-'));
  const workspace = join(base, 'workspace');
  cpSync(example, workspace, { recursive: true, verbatimSymlinks: true });
  const nas = join(base, 'nas');
  mkdirSync(join(nas, 'nginx', 'conf.d'), { recursive: true });
  const remoteRoot = join(nas, 'volume1', 'docker', 'tftp');
  const siteFile = join(workspace, 'pxe-site.json');
  const original = JSON.parse(readFileSync(siteFile, 'utf8')) as { targets: Record<string, Record<string, unknown>> };
  edit(original);
  const write = (overrides: Record<string, unknown>): void => {
    const site = structuredClone(original);
    site.targets.nas = {
      kind: 'synology',
      ...sshdLogin(sshd),
      remoteRoot,
      nginxConfig: join(nas, 'nginx', 'conf.d', 'www.tftp.conf'),
      nginxTest: 'true',
      nginxReload: 'true',
      ...overrides,
    };
    for (const [key, value] of Object.entries(overrides)) if (value === undefined) delete site.targets.nas![key];
    writeFileSync(siteFile, JSON.stringify(site, null, 2));
  };
  return {
    workspace,
    siteFile,
    remoteRoot,
    target(overrides = {}) {
      write(overrides);
      return loadNasTarget(siteFile, 'nas');
    },
  };
}
