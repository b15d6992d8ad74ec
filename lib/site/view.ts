/**
 * The site as the rules and the chain see it (`SiteView`): the parts of pxe-site.json they use, with folders
 * made absolute. Built from the typed model (`loadSite`), once per change of the file.
 */
import { statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { FileView, RuleContext, SiteView } from '../core/ruleContext';
import { diskFiles } from './disk';
import { siteOf } from './discover';
import { loadSite } from './load';
import type { Site, SiteButane, SiteImages } from './model';
import { fleetOf } from './nodes';

/** A string that says something: an empty one counts as not set. */
const given = (value: string | undefined): string | undefined => (value ? value : undefined);

function imagesView(root: string, images: SiteImages | undefined): SiteView['images'] {
  if (!images?.dir) return undefined;
  return {
    dir: resolve(root, images.dir),
    arch: given(images.arch) ?? 'x86_64',
    stream: given(images.stream) ?? 'stable',
    keep: typeof images.keep === 'number' ? images.keep : 4,
    ...(images.streamUrl ? { streamUrl: images.streamUrl } : {}),
  };
}

/** The Butane part with paths made absolute; a source without both paths is left out (site.schema says so). */
function butaneView(root: string, butane: SiteButane | undefined): SiteView['butane'] {
  if (!butane) return undefined;
  const sources = (butane.sources ?? []).flatMap((s) =>
    s.source && s.target ? [{ source: resolve(root, s.source), target: resolve(root, s.target) }] : [],
  );
  return {
    ...(butane.filesDir ? { filesDir: resolve(root, butane.filesDir) } : {}),
    ...(butane.ignitionReadsButane === true ? { ignitionReadsButane: true } : {}),
    ...(sources.length ? { sources } : {}),
  };
}

/** What the site says about Secure Boot: undefined when neither it nor any node says anything. */
function secureBootView(site: Site): SiteView['secureBoot'] {
  const nodes = new Map<string, boolean>();
  for (const node of site.nodes ?? [])
    if (typeof node.secureBoot === 'boolean' && node.mac) nodes.set(node.mac.toLowerCase(), node.secureBoot);
  const said = site.secureBoot;
  if (!said && !nodes.size) return undefined;
  return {
    ...(typeof said?.uefi === 'boolean' ? { uefi: said.uefi } : {}),
    firmwareKeys: said?.firmwareKeys ?? 'microsoft',
    nodes,
  };
}

/** The view of a site file's content (`file` is where it lives: its folder is the root of relative paths). */
export function siteView(file: string, site: Site): SiteView {
  const root = dirname(file);
  const view: SiteView = { root, file };
  const set = <K extends keyof SiteView>(key: K, value: SiteView[K] | undefined): void => {
    if (value !== undefined) view[key] = value;
  };
  const local = (path: string | undefined): string | undefined => (path ? resolve(root, path) : undefined);
  set('name', given(site.name));
  set('tftpRoot', local(site.tftp?.root));
  set('tftpServer', given(site.tftp?.server) ?? given(site.network?.nas));
  set('nas', given(site.network?.nas));
  set('router', given(site.network?.router));
  const baseUrl = given(site.http?.baseUrl);
  const httpRoot = local(site.http?.root);
  if (baseUrl && httpRoot) view.http = { baseUrl, root: httpRoot };
  set('nginxConfig', local(site.http?.nginxConfig));
  set('routerConfig', local(site.router?.config));
  const nas = Object.values(site.targets ?? {}).find((t) => t.kind === 'synology');
  set('nasRemoteRoot', given(nas?.remoteRoot));
  set('images', imagesView(root, site.images));
  set('butane', butaneView(root, site.butane));
  set('secureBoot', secureBootView(site));
  set('fleet', fleetOf(root, site, view));
  return view;
}

/**
 * Reads pxe-site.json into a SiteView for a command: throws `SiteFileError` (naming the field and the fix)
 * when it is not a regular file, too large, too deep, not JSON or has a value of the wrong type.
 */
export function loadSiteView(file: string): SiteView {
  return siteView(file, loadSite(file));
}

const views = new Map<string, { mtimeMs: number; view: SiteView | undefined }>();

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
  const cached = views.get(file);
  if (cached && cached.mtimeMs === mtimeMs) return cached.view;
  let view: SiteView | undefined;
  try {
    view = loadSiteView(file);
  } catch {
    view = undefined; // unusable: the site file's own diagnostics say why
  }
  views.set(file, { mtimeMs, view });
  return view;
}

/** Context for a file on disk: its path, the disk, and the nearest site file. */
export function diskContext(path: string, files: FileView = diskFiles()): RuleContext {
  const siteFile = siteOf(dirname(path), files);
  const site = siteFile ? readSite(siteFile) : undefined;
  return { path, files, ...(site ? { site } : {}) };
}
