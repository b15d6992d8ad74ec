import { closeSync, existsSync, lstatSync, openSync, readdirSync, readlinkSync, readSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import type { FileView, RuleContext, SiteView } from '../core/ruleContext';
import { SITE_FILE_NAME } from '../core/classify';
import { fleetOf } from './nodes';
import { loadSiteJson } from './load';

/** A FileView over the disk that remembers what it saw (one per lint run or validation). */
export function diskFiles(): FileView {
  const listings = new Map<string, string[] | undefined>();
  const list = (dir: string): string[] | undefined => {
    if (!listings.has(dir)) {
      try {
        listings.set(dir, readdirSync(dir));
      } catch {
        listings.set(dir, undefined); // not a folder, or unreadable: nothing to list
      }
    }
    return listings.get(dir);
  };
  const links = new Map<string, string | undefined>();
  const link = (path: string): string | undefined => {
    if (!links.has(path)) {
      try {
        links.set(path, lstatSync(path).isSymbolicLink() ? readlinkSync(path) : undefined);
      } catch {
        links.set(path, undefined);
      }
    }
    return links.get(path);
  };
  const head = (path: string, bytes: number): Uint8Array | undefined => {
    try {
      const fd = openSync(path, 'r');
      try {
        const buffer = Buffer.alloc(bytes);
        return buffer.subarray(0, readSync(fd, buffer, 0, bytes, 0));
      } finally {
        closeSync(fd);
      }
    } catch {
      return undefined; // not a readable file: the caller treats it as unknown
    }
  };
  return {
    list,
    link,
    head,
    exists: (path) => list(dirname(path))?.includes(path.slice(dirname(path).length + 1)) ?? existsSync(path),
  };
}

const sites = new Map<string, { mtimeMs: number; view: SiteView | undefined }>();

/**
 * Reads pxe-site.json into a SiteView for a command: throws `SiteFileError` (naming the field and the fix)
 * when it is not a regular file, too large, too deep, not JSON or has a value of the wrong type.
 */
export function loadSiteView(file: string): SiteView {
  return siteView(file, loadSiteJson(file)) ?? { root: dirname(file), file };
}

/**
 * Reads pxe-site.json into a SiteView (cached until the file changes). A broken file gives undefined: its
 * own diagnostics say why, and nothing uses a value of the wrong type.
 */
export function readSite(file: string): SiteView | undefined {
  let mtimeMs: number;
  try {
    mtimeMs = statSync(file).mtimeMs;
  } catch {
    return undefined;
  }
  const cached = sites.get(file);
  if (cached && cached.mtimeMs === mtimeMs) return cached.view;
  let view: SiteView | undefined;
  try {
    view = loadSiteView(file);
  } catch {
    view = undefined; // unusable: the site file's own diagnostics say why
  }
  sites.set(file, { mtimeMs, view });
  return view;
}

export function siteView(file: string, json: unknown): SiteView | undefined {
  if (!json || typeof json !== 'object') return undefined;
  const site = json as {
    name?: unknown;
    tftp?: { root?: unknown; server?: unknown };
    http?: { baseUrl?: unknown; root?: unknown; nginxConfig?: unknown };
    network?: { nas?: unknown; router?: unknown };
    router?: { config?: unknown };
    targets?: Record<string, { kind?: unknown; remoteRoot?: unknown } | undefined>;
    images?: { dir?: unknown; arch?: unknown; stream?: unknown; keep?: unknown; streamUrl?: unknown };
  };
  const root = dirname(file);
  const str = (v: unknown): string | undefined => (typeof v === 'string' && v ? v : undefined);
  const view: SiteView = { root, file };
  const set = <K extends keyof SiteView>(key: K, value: SiteView[K] | undefined): void => {
    if (value !== undefined) view[key] = value;
  };
  const local = (v: unknown): string | undefined => (str(v) ? resolve(root, v as string) : undefined);
  set('name', str(site.name));
  set('tftpRoot', local(site.tftp?.root));
  set('tftpServer', str(site.tftp?.server) ?? str(site.network?.nas));
  set('nas', str(site.network?.nas));
  set('router', str(site.network?.router));
  const baseUrl = str(site.http?.baseUrl);
  const httpRoot = local(site.http?.root);
  if (baseUrl && httpRoot) view.http = { baseUrl, root: httpRoot };
  set('nginxConfig', local(site.http?.nginxConfig));
  set('routerConfig', local(site.router?.config));
  const nas = Object.values(site.targets ?? {}).find((t) => t && t.kind === 'synology');
  set('nasRemoteRoot', str(nas?.remoteRoot));
  const images = site.images;
  const imagesDir = local(images?.dir);
  if (imagesDir) {
    view.images = {
      dir: imagesDir,
      arch: str(images?.arch) ?? 'x86_64',
      stream: str(images?.stream) ?? 'stable',
      keep: typeof images?.keep === 'number' ? images.keep : 4,
      ...(str(images?.streamUrl) ? { streamUrl: str(images?.streamUrl) as string } : {}),
    };
  }
  const fleet = fleetOf(root, site as { profiles?: unknown; nodes?: unknown }, view);
  if (fleet) view.fleet = fleet;
  return view;
}

/**
 * False for a site file anyone could have put there, as git refuses a repository owned by someone else: one
 * in a world-writable folder (`/tmp`) or owned by another user (root's excepted). Such a file would decide
 * what is deployed where for every file below it.
 */
export function trustedSiteFile(file: string): boolean {
  try {
    if (statSync(dirname(file)).mode & 0o002) return false;
    const owner = lstatSync(file).uid;
    const me = process.getuid?.();
    return me === undefined || owner === me || owner === 0;
  } catch {
    return true; // not on disk (a memory view): nothing to judge
  }
}

/** The nearest trusted pxe-site.json in `dir` or a folder above it. */
export function findSiteFile(dir: string, files: FileView): string | undefined {
  for (let current = resolve(dir); ; current = dirname(current)) {
    const candidate = join(current, SITE_FILE_NAME);
    if (files.exists(candidate) && trustedSiteFile(candidate)) return candidate;
    if (dirname(current) === current) return undefined;
  }
}

/** Context for a file on disk: its path, the disk, and the nearest site file. */
export function diskContext(path: string, files: FileView = diskFiles()): RuleContext {
  const siteFile = findSiteFile(dirname(path), files);
  const site = siteFile ? readSite(siteFile) : undefined;
  return { path, files, ...(site ? { site } : {}) };
}
