import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { parse } from 'jsonc-parser';
import type { FileView, RuleContext, SiteView } from '../core/context';
import { SITE_FILE_NAME } from '../core/classify';

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
  return {
    list,
    exists: (path) => list(dirname(path))?.includes(path.slice(dirname(path).length + 1)) ?? existsSync(path),
  };
}

const sites = new Map<string, { mtimeMs: number; view: SiteView | undefined }>();

/** Reads pxe-site.json into a SiteView (cached until the file changes). A broken file gives undefined. */
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
    view = siteView(file, parse(readFileSync(file, 'utf8')));
  } catch {
    view = undefined; // unreadable: the site file's own diagnostics say why
  }
  sites.set(file, { mtimeMs, view });
  return view;
}

export function siteView(file: string, json: unknown): SiteView | undefined {
  if (!json || typeof json !== 'object') return undefined;
  const site = json as { tftp?: { root?: unknown; server?: unknown }; http?: { baseUrl?: unknown; root?: unknown }; network?: { nas?: unknown; router?: unknown } };
  const root = dirname(file);
  const str = (v: unknown): string | undefined => (typeof v === 'string' && v ? v : undefined);
  const tftpRoot = str(site.tftp?.root);
  const baseUrl = str(site.http?.baseUrl);
  const httpRoot = str(site.http?.root);
  const view: SiteView = { root, file };
  if (tftpRoot) view.tftpRoot = resolve(root, tftpRoot);
  const tftpServer = str(site.tftp?.server) ?? str(site.network?.nas);
  if (tftpServer) view.tftpServer = tftpServer;
  const nas = str(site.network?.nas);
  if (nas) view.nas = nas;
  const router = str(site.network?.router);
  if (router) view.router = router;
  if (baseUrl && httpRoot) view.http = { baseUrl, root: resolve(root, httpRoot) };
  return view;
}

/** The nearest pxe-site.json in `dir` or a folder above it. */
export function findSiteFile(dir: string, files: FileView): string | undefined {
  for (let current = resolve(dir); ; current = dirname(current)) {
    const candidate = join(current, SITE_FILE_NAME);
    if (files.exists(candidate)) return candidate;
    if (dirname(current) === current) return undefined;
  }
}

/** Context for a file on disk: its path, the disk, and the nearest site file. */
export function diskContext(path: string, files: FileView = diskFiles()): RuleContext {
  const siteFile = findSiteFile(dirname(path), files);
  const site = siteFile ? readSite(siteFile) : undefined;
  return { path, files, ...(site ? { site } : {}) };
}
