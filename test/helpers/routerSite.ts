/**
 * A copy of an example site whose router target is the RouterOS API simulator (settings) and a local sshd
 * with a temp folder standing in for the router's file system (files).
 */
import { cpSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadRouterTarget, type RouterTarget } from '../../lib/router';
import type { Simulator } from './routerosSim';
import { sshdLogin, type Sshd } from './sshd';

export interface RouterSite {
  workspace: string;
  siteFile: string;
  /** The router's file system as SFTP shows it (a temp folder). */
  routerFs: string;
  scriptFile: string;
  target(overrides?: Record<string, unknown>): Promise<RouterTarget>;
}

export function routerSite(sshd: Sshd, sim: Simulator, example = 'examples/home-lab'): RouterSite {
  const base = mkdtempSync(join(tmpdir(), 'pxe-router-'));
  const workspace = join(base, 'workspace');
  cpSync(example, workspace, { recursive: true, verbatimSymlinks: true });
  const routerFs = join(base, 'router');
  mkdirSync(routerFs);
  const siteFile = join(workspace, 'pxe-site.json');
  const original = JSON.parse(readFileSync(siteFile, 'utf8')) as {
    router: { config: string };
    targets: Record<string, Record<string, unknown>>;
  };
  return {
    workspace,
    siteFile,
    routerFs,
    scriptFile: join(workspace, original.router.config),
    async target(overrides = {}) {
      const site = structuredClone(original);
      site.targets.router = {
        kind: 'mikrotik',
        ...sshdLogin(sshd),
        apiPort: sim.port,
        apiTls: false,
        remoteRoot: join(routerFs, 'tftp'),
        ...overrides,
      };
      for (const [key, value] of Object.entries(overrides)) if (value === undefined) delete site.targets.router![key];
      writeFileSync(siteFile, JSON.stringify(site, null, 2));
      return loadRouterTarget(siteFile, 'router');
    },
  };
}
