/** A MikroTik target as the site file describes it: the API endpoint, the SFTP side, the script, the files. */
import { existsSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { confine, escapeControl, readTextOrThrow, UntrustedInputError } from '../core/untrusted';
import { parseRouterOs } from '../languages/routeros/parser';
import { dhcpFacts } from '../chain/offer';
import { listLocal } from '../deploy/local';
import { remotePath, sshLogin, targetsListed, type NasTarget } from '../deploy/target';
import type { SiteView } from '../core/ruleContext';
import { loadSite } from '../site/load';
import { targetOf, type Site, type SiteTarget } from '../site/model';
import { siteView } from '../site/view';
import { RouterError, type ApiTarget } from './api';

export interface RouterTarget {
  name: string;
  siteFile: string;
  api: ApiTarget;
  /** The SFTP side (RouterOS serves SFTP on its SSH port), shaped like a NAS target for the shared file deploy. */
  files: NasTarget;
  /** TFTP-root files the router serves (from `/ip tftp` real-filename, or targets.<n>.files). */
  paths: string[];
  /** The workspace's RouterOS script. */
  script: string;
  prune: boolean;
}

/** Files under the TFTP root the router's `/ip tftp` entries hand out (a folder entry: every file below it). */
async function servedByRouter(
  script: string,
  file: string,
  tftpRoot: string,
  imagesDir: string | undefined,
): Promise<string[]> {
  const facts = dhcpFacts(file, parseRouterOs(script).ast);
  const out = new Set<string>();
  const all = await listLocal(tftpRoot);
  for (const entry of facts.tftp) {
    const real = entry.real.replace(/^\/+/, '').replace(/^tftp(\/|$)/, '');
    if (real === '' || real.endsWith('/')) {
      for (const e of all)
        if (e.path.startsWith(real) && !(imagesDir && join(tftpRoot, e.path).startsWith(`${imagesDir}/`)))
          out.add(e.path);
    } else if (all.some((e) => e.path === real)) out.add(real);
  }
  return [...out].sort();
}

/** The workspace's RouterOS script, read as an untrusted file (a regular file of bounded size). */
function routerScript(path: string): string {
  try {
    return readTextOrThrow(path);
  } catch (error) {
    if (error instanceof UntrustedInputError) throw new RouterError(`router.config: ${error.message}`);
    throw error;
  }
}

/** The target's own settings, checked: a MikroTik with a host and a user. */
function routerSettings(site: Site, name: string): SiteTarget & { host: string; user: string } {
  const raw = targetOf(site, name);
  if (!raw)
    throw new RouterError(
      `pxe-site.json has no target "${name}"${targetsListed(site)}: add it under "targets" with "kind": "mikrotik".`,
    );
  if (raw.kind !== 'mikrotik')
    throw new RouterError(
      `targets.${name} is not a MikroTik router (kind "${raw.kind}"): use PXE: Deploy to NAS… for it.`,
    );
  if (!raw.host || !raw.user) throw new RouterError(`targets.${name} needs "host" and "user".`);
  return { ...raw, host: raw.host, user: raw.user };
}

/** The TFTP-root files to upload: targets.<n>.files, else what the script's `/ip tftp` entries hand out. */
async function routerFiles(raw: SiteTarget, name: string, view: SiteView, script: string): Promise<string[]> {
  const tftpRoot = view.tftpRoot ?? view.root;
  const paths = raw.files
    ? raw.files.map((f) => f.replace(/^\/+/, ''))
    : view.tftpRoot && view.routerConfig
      ? await servedByRouter(script, view.routerConfig, view.tftpRoot, view.images?.dir)
      : [];
  const where = relative(view.root, tftpRoot) || '.';
  const named = (list: string[]): string => list.map((p) => escapeControl(p)).join(', ');
  const outside = paths.filter((p) => confine(tftpRoot, p) === undefined);
  if (outside.length)
    throw new RouterError(
      `targets.${name}.files names ${named(outside)}, outside the TFTP root (${where}): ` +
        'name files inside it, relative to it.',
    );
  const missing = paths.filter((p) => !existsSync(join(tftpRoot, p)));
  if (missing.length)
    throw new RouterError(
      `targets.${name}.files names ${named(missing)}, ` +
        `which ${missing.length === 1 ? 'is' : 'are'} not in the TFTP root (${where}).`,
    );
  return paths;
}

export async function loadRouterTarget(siteFile: string, name: string): Promise<RouterTarget> {
  const site = loadSite(siteFile);
  const raw = routerSettings(site, name);
  const view = siteView(siteFile, site);
  if (!view.routerConfig)
    throw new RouterError('pxe-site.json needs router.config: the RouterOS script with the DHCP settings to deploy.');
  const script = routerScript(view.routerConfig);
  const tls = raw.apiTls !== false;
  const remoteRoot = remotePath(raw.remoteRoot ?? '/tftp', `targets.${name}.remoteRoot`);
  const paths = await routerFiles(raw, name, view, script);
  const api = {
    name,
    host: raw.host,
    port: raw.apiPort ?? (tls ? 8729 : 8728),
    user: raw.user,
    tls,
    ...(raw.apiCertificate ? { certificate: raw.apiCertificate } : {}),
  };
  const files: NasTarget = {
    name,
    kind: 'mikrotik',
    ...sshLogin(siteFile, raw),
    site: view,
    localRoot: view.tftpRoot ?? dirname(siteFile),
    remoteRoot,
    deleteRemoved: false,
    uploadOnSave: false,
    verifyHash: false,
  };
  return { name, siteFile, api, files, paths, script, prune: raw.prune === true };
}
