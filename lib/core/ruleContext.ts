import type { Fleet } from './template';
import { basename, dirname, isAbsolute, join, normalize, sep } from 'node:path';
import { childOf } from './paths';

/**
 * What a rule may know beyond the text: where the file is, which files exist around it, and the site
 * (pxe-site.json). All of it is optional: without it, rules that need it stay quiet.
 */

/** A read-only view of the file system (absolute paths). */
export interface FileView {
  exists(path: string): boolean;
  /** Names in a folder, or undefined when it is not one. */
  list(dir: string): string[] | undefined;
  /** Where a symbolic link points (as written), or undefined when `path` is not one. */
  link?(path: string): string | undefined;
  /** The first `bytes` bytes of a file (a loader's version string), or undefined when it cannot be read. */
  head?(path: string, bytes: number): Uint8Array | undefined;
  /** A token that changes when the file changes (size, time): keys caches of facts read from binaries. */
  stamp?(path: string): string | undefined;
}

/** The parts of pxe-site.json the language rules use, with folders made absolute. */
export interface SiteView {
  /** The folder that holds pxe-site.json. */
  root: string;
  file: string;
  tftpRoot?: string;
  tftpServer?: string;
  nas?: string;
  router?: string;
  http?: { baseUrl: string; root: string };
  /** The site's name (status bar, chain view). */
  name?: string;
  /** The router's RouterOS script with the DHCP settings (absolute). */
  routerConfig?: string;
  /** The local nginx snippet deployed to the NAS (absolute). */
  nginxConfig?: string;
  /** Where the NAS target keeps the mirrored TFTP root (remote absolute folder). */
  nasRemoteRoot?: string;
  /** Profiles and nodes (`profiles`, `nodes`): templates are checked per node, rendered. */
  fleet?: Fleet;
  /** Fedora CoreOS artifacts that the image updater downloads into `dir` (absolute); git-ignored, large. */
  images?: { dir: string; arch: string; stream: string; keep: number; streamUrl?: string };
  /**
   * Butane (absolute paths): where `local` files resolve (the `.bu` file's folder when absent), whether the
   * machines' Ignition reads Butane itself (2.27.0 and later), and which `.bu` translates to which `.ign`.
   */
  butane?: { filesDir?: string; ignitionReadsButane?: boolean; sources?: { source: string; target: string }[] };
  /**
   * UEFI Secure Boot (`secureBoot`, and nodes' own `secureBoot` by lower-case MAC): absent when the site does
   * not say (unknown: the chain only advises).
   */
  secureBoot?: {
    uefi?: boolean;
    firmwareKeys: 'microsoft' | 'microsoft-2011' | 'microsoft-2023';
    nodes: Map<string, boolean>;
  };
}

export interface RuleContext {
  /** Absolute path of the file being checked, when it is a file on disk. */
  path?: string;
  files?: FileView;
  site?: SiteView;
}

export const NO_CONTEXT: RuleContext = {};

/**
 * The workspace file an http:// URL under the site's base URL is served from; undefined for other URLs and
 * for paths that `pathBelow` refuses. Never a path outside `http.root` (compared as written).
 */
export function servedPath(http: SiteView['http'], url: string): string | undefined {
  if (!http || !url.startsWith(http.baseUrl)) return undefined;
  return pathBelow(http.root, url.slice(http.baseUrl.length).split(/[?#]/)[0] as string);
}

/**
 * `root` joined with a URL path below it (percent-decoded, so `%2e%2e` and `%2f` count as what they
 * encode); undefined when a segment is `..`, or holds a NUL or a backslash (a separator on Windows). The
 * segments are checked before they are joined: `join` would resolve a `..` and hide it.
 */
export function pathBelow(root: string, urlPath: string): string | undefined {
  const segments = decodeUrlPath(urlPath).split('/');
  if (segments.some((s) => s === '..' || s.includes('\0') || s.includes('\\'))) return undefined;
  // What `join(root, ...segments)` gives, without normalising the whole path once per URL: the root once,
  // then each segment added (an empty one or a `.` adds nothing). A root that is relative or ends in a
  // separator (resolved roots do neither) goes to node's join, which treats those its own way.
  if (!isAbsolute(root) || (root.length > 1 && root.endsWith(sep))) return join(root, ...segments);
  let path = normalizedRoot(root);
  for (const segment of segments) if (segment !== '' && segment !== '.') path = childOf(path, segment);
  return path;
}

/** The last root `pathBelow` normalised: a chain asks for many URLs under the same root. */
let lastRoot = { root: '', normalized: '.' };

function normalizedRoot(root: string): string {
  if (lastRoot.root !== root) lastRoot = { root, normalized: normalize(root) };
  return lastRoot.normalized;
}

/** Percent-decoding that never throws: a malformed escape (`%zz`) stays as written, as web servers keep it. */
export function decodeUrlPath(path: string): string {
  try {
    return decodeURIComponent(path);
  } catch {
    return path;
  }
}

/**
 * True for a Fedora CoreOS artifact the image updater manages: a kernel/initramfs/rootfs (versioned file or
 * its stable symlink) directly inside the site's `images.dir`. Absent ones are expected in a fresh clone.
 */
export function imageArtifact(site: SiteView | undefined, path: string): boolean {
  if (!site?.images || dirname(path) !== site.images.dir) return false;
  return /^(kernel-|initramfs\.|rootfs\.)|^fedora-coreos-(.+-)?live-(kernel|initramfs|rootfs)/.test(basename(path));
}

/** The Butane source the site names for an Ignition config it serves (`butane.sources`), if any. */
export function butaneSourceOf(site: SiteView | undefined, target: string): string | undefined {
  return site?.butane?.sources?.find((s) => s.target === target)?.source;
}

/** Where `local:` paths of a Butane config resolve: the site's `butane.filesDir`, else the config's folder. */
export function butaneFilesDir(site: SiteView | undefined, source: string): string {
  return site?.butane?.filesDir ?? dirname(source);
}
