/** A deploy target as the site file describes it, with the local folders it mirrors. */
import { writeFileSync } from 'node:fs';
import { readTextOrThrow } from '../core/untrusted';
import { dirname, posix, resolve, sep } from 'node:path';
import { applyEdits, modify } from 'jsonc-parser';
import type { SiteView } from '../core/ruleContext';
import { siteView } from '../site/context';
import { loadSiteJson } from '../site/load';
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

/** What every target of the site file has: how to reach it over SSH. */
export interface RawSshTarget {
  kind?: string;
  host?: string;
  port?: number;
  user?: string;
  identityFile?: string;
  hostKey?: string;
  remoteRoot?: string;
}

/** `identityFile` as an absolute path (relative to the site file; `~/` is the home folder). */
export function identityPath(siteFile: string, identityFile: string | undefined): { identityFile?: string } {
  return identityFile
    ? { identityFile: resolve(dirname(siteFile), identityFile.replace(/^~(?=\/)/, process.env.HOME ?? '~')) }
    : {};
}

interface RawTarget extends RawSshTarget {
  nginxConfig?: string;
  nginxTest?: string;
  nginxReload?: string;
  sudo?: boolean;
  deleteRemoved?: boolean;
  uploadOnSave?: boolean;
  verifyHash?: boolean;
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

/**
 * The site file as a command reads it: its JSON (every value of the schema's type; `SiteFileError` naming
 * the field otherwise) and its view. Shared by the NAS and router targets.
 */
export function loadSite<T>(siteFile: string): { json: T; site: SiteView } {
  const json = loadSiteJson(siteFile);
  return { json: json as T, site: siteView(siteFile, json) ?? { root: dirname(siteFile), file: siteFile } };
}

/** The names of the targets in a site file, by kind. */
export function targetNames(siteFile: string): { name: string; kind: string }[] {
  const { json } = loadSite<{ targets?: Record<string, RawTarget> }>(siteFile);
  return Object.entries(json.targets ?? {}).map(([name, t]) => ({ name, kind: String(t?.kind ?? '') }));
}

export function loadNasTarget(siteFile: string, name: string): NasTarget {
  const { json, site } = loadSite<{ targets?: Record<string, RawTarget>; http?: { nginxConfig?: string } }>(siteFile);
  const raw = json.targets && Object.hasOwn(json.targets, name) ? json.targets[name] : undefined;
  if (!raw)
    throw new DeployError(
      `pxe-site.json has no target "${name}"${json.targets ? ` (it has ${Object.keys(json.targets).join(', ')})` : ''}: add it under "targets".`,
    );
  if (raw.kind === 'mikrotik')
    throw new DeployError(
      `"${name}" is a MikroTik router: deploy it with PXE: Deploy to Router… (CLI: pxe-workbench deploy ${name}).`,
    );
  if (raw.kind !== 'synology' && raw.kind !== 'sftp')
    throw new DeployError(`targets.${name}.kind must be "synology" or "sftp" to deploy files over SFTP.`);
  if (!raw.host || !raw.user) throw new DeployError(`targets.${name} needs "host" and "user".`);
  if (!raw.remoteRoot)
    throw new DeployError(
      `targets.${name} needs "remoteRoot": the folder on the NAS that mirrors the TFTP root, e.g. /volume1/docker/tftp.`,
    );
  if (!site.tftpRoot) throw new DeployError('pxe-site.json needs tftp.root: the local folder to deploy.');
  const remoteRoot = remotePath(raw.remoteRoot, `targets.${name}.remoteRoot`);
  // Deploy mirrors one folder: the HTTP folder has to be the TFTP root or inside it (nginx then serves it).
  const httpRoot = site.http?.root;
  if (httpRoot && httpRoot !== site.tftpRoot && !httpRoot.startsWith(`${site.tftpRoot}${sep}`)) {
    throw new DeployError(
      `http.root (${httpRoot}) is outside tftp.root (${site.tftpRoot}): deploy mirrors the TFTP root only. Put the HTTP files inside the TFTP root (nginx serves that folder), or deploy them another way.`,
    );
  }
  const localNginx = json.http?.nginxConfig ? resolve(dirname(siteFile), json.http.nginxConfig) : undefined;
  const sudo = raw.sudo === true;
  return {
    name,
    kind: raw.kind,
    host: raw.host,
    port: raw.port ?? 22,
    user: raw.user,
    ...identityPath(siteFile, raw.identityFile),
    ...(raw.hostKey ? { hostKey: raw.hostKey } : {}),
    site,
    localRoot: site.tftpRoot,
    remoteRoot,
    ...(localNginx && raw.nginxConfig
      ? {
          nginx: {
            local: localNginx,
            remote: remotePath(raw.nginxConfig, `targets.${name}.nginxConfig`),
            test: raw.nginxTest ?? 'nginx -t',
            reload: raw.nginxReload ?? 'nginx -s reload',
            sudo,
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
