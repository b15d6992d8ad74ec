/** A deploy target as the site file describes it, with the local folders it mirrors. */
import { writeFileSync } from 'node:fs';
import { readTextOrThrow } from '../core/untrusted';
import { dirname, posix, resolve, sep } from 'node:path';
import { applyEdits, modify } from 'jsonc-parser';
import type { SiteView } from '../core/ruleContext';
import { loadSite } from '../site/load';
import { targetOf, type Site, type SiteTarget } from '../site/model';
import { siteView } from '../site/view';
import { DeployError } from './errors';
import type { SshTarget } from './ssh';

export interface NasTarget extends SshTarget {
  kind: 'synology' | 'sftp' | 'mikrotik';
  site: SiteView;
  /** Local folder mirrored to remoteRoot (the TFTP root, which the HTTP folder is inside or equal to). */
  localRoot: string;
  remoteRoot: string;
  /** The local nginx snippet and where it goes on the NAS. */
  nginx?: { local: string; remote: string; test: string; reload: string; sudo: boolean };
  deleteRemoved: boolean;
  uploadOnSave: boolean;
  verifyHash: boolean;
}

/** `identityFile` as an absolute path (relative to the site file; `~/` is the home folder). */
function identityPath(siteFile: string, identityFile: string | undefined): { identityFile?: string } {
  return identityFile
    ? { identityFile: resolve(dirname(siteFile), identityFile.replace(/^~(?=\/)/, process.env.HOME ?? '~')) }
    : {};
}

/** How to log in over SSH to a target of the site file (a NAS, or a router's files): port 22 unless it says. */
export function sshLogin(siteFile: string, raw: SiteTarget & { host: string; user: string }): Omit<SshTarget, 'name'> {
  return {
    host: raw.host,
    port: raw.port ?? 22,
    user: raw.user,
    ...identityPath(siteFile, raw.identityFile),
    ...(raw.hostKey ? { hostKey: raw.hostKey } : {}),
  };
}

/** A remote absolute path, normalised; refuses `..` that would leave where it points. */
export function remotePath(path: string, what: string): string {
  if (!path.startsWith('/')) throw new DeployError(`${what} must be an absolute path on the NAS (it is "${path}").`);
  if (path.split('/').includes('..'))
    throw new DeployError(`${what} "${path}" contains "..": give the folder itself, without "..".`);
  const normal = posix.normalize(path).replace(/\/+$/, '') || '/';
  if (normal === '/')
    throw new DeployError(`${what} is "/": give the folder that mirrors the TFTP root, e.g. /volume1/docker/tftp.`);
  return normal;
}

/** The names of the targets in a site file, by kind. */
export function targetNames(siteFile: string): { name: string; kind: string }[] {
  return Object.entries(loadSite(siteFile).targets ?? {}).map(([name, t]) => ({ name, kind: t.kind ?? '' }));
}

/** "(it has a, b)" after "no target": the names there are, when there are targets at all. */
export function targetsListed(site: Site): string {
  return site.targets ? ` (it has ${Object.keys(site.targets).join(', ')})` : '';
}

/** The target's own settings, checked: a NAS reached over SFTP, with where it mirrors the TFTP root. */
function nasSettings(site: Site, name: string): SiteTarget & { kind: 'synology' | 'sftp'; host: string; user: string } {
  const raw = targetOf(site, name);
  if (!raw)
    throw new DeployError(`pxe-site.json has no target "${name}"${targetsListed(site)}: add it under "targets".`);
  if (raw.kind === 'mikrotik')
    throw new DeployError(
      `"${name}" is a MikroTik router: deploy it with PXE: Deploy to Router… (CLI: pxe-workbench deploy ${name}).`,
    );
  if (raw.kind !== 'synology' && raw.kind !== 'sftp')
    throw new DeployError(`targets.${name}.kind must be "synology" or "sftp" to deploy files over SFTP.`);
  if (!raw.host || !raw.user) throw new DeployError(`targets.${name} needs "host" and "user".`);
  return { ...raw, kind: raw.kind, host: raw.host, user: raw.user };
}

/** Deploy mirrors one folder: the HTTP folder has to be the TFTP root or inside it (nginx then serves it). */
function checkHttpInside(view: SiteView, tftpRoot: string): void {
  const httpRoot = view.http?.root;
  if (httpRoot && httpRoot !== tftpRoot && !httpRoot.startsWith(`${tftpRoot}${sep}`)) {
    throw new DeployError(
      `http.root (${httpRoot}) is outside tftp.root (${tftpRoot}): deploy mirrors the TFTP root only. ` +
        'Put the HTTP files inside the TFTP root (nginx serves that folder), or deploy them another way.',
    );
  }
}

export function loadNasTarget(siteFile: string, name: string): NasTarget {
  const site = loadSite(siteFile);
  const raw = nasSettings(site, name);
  if (!raw.remoteRoot)
    throw new DeployError(
      `targets.${name} needs "remoteRoot": the folder on the NAS that mirrors the TFTP root, e.g. /volume1/docker/tftp.`,
    );
  const view = siteView(siteFile, site);
  const localRoot = view.tftpRoot;
  if (!localRoot) throw new DeployError('pxe-site.json needs tftp.root: the local folder to deploy.');
  const remoteRoot = remotePath(raw.remoteRoot, `targets.${name}.remoteRoot`);
  checkHttpInside(view, localRoot);
  const localNginx = site.http?.nginxConfig ? resolve(dirname(siteFile), site.http.nginxConfig) : undefined;
  return {
    name,
    kind: raw.kind,
    ...sshLogin(siteFile, raw),
    site: view,
    localRoot,
    remoteRoot,
    ...(localNginx && raw.nginxConfig
      ? {
          nginx: {
            local: localNginx,
            remote: remotePath(raw.nginxConfig, `targets.${name}.nginxConfig`),
            test: raw.nginxTest ?? 'nginx -t',
            reload: raw.nginxReload ?? 'nginx -s reload',
            sudo: raw.sudo === true,
          },
        }
      : {}),
    deleteRemoved: raw.deleteRemoved === true,
    uploadOnSave: raw.uploadOnSave === true,
    verifyHash: raw.verifyHash === true,
  };
}

/** Writes `targets.<name>.hostKey` into the site file, keeping its formatting (after trust on first use). */
export function recordHostKey(siteFile: string, name: string, fingerprint: string): void {
  recordTargetSetting(siteFile, name, 'hostKey', fingerprint);
}

/** Writes `targets.<name>.<key>` into the site file, keeping its formatting and comments. */
export function recordTargetSetting(siteFile: string, name: string, key: string, value: string): void {
  const text = readTextOrThrow(siteFile);
  const edits = modify(text, ['targets', name, key], value, { formattingOptions: { insertSpaces: true, tabSize: 2 } });
  writeFileSync(siteFile, applyEdits(text, edits));
}
