import { join } from 'node:path';

/**
 * What a rule may know beyond the text: where the file is, which files exist around it, and the site
 * (pxe-site.json). All of it is optional: without it, rules that need it stay quiet.
 */

/** A read-only view of the file system (absolute paths). */
export interface FileView {
  exists(path: string): boolean;
  /** Names in a folder, or undefined when it is not one. */
  list(dir: string): string[] | undefined;
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
}

export interface RuleContext {
  /** Absolute path of the file being checked, when it is a file on disk. */
  path?: string;
  files?: FileView;
  site?: SiteView;
}

export const NO_CONTEXT: RuleContext = {};

/** The workspace file an http:// URL under the site's base URL is served from; undefined for other URLs. */
export function servedPath(http: SiteView['http'], url: string): string | undefined {
  if (!http || !url.startsWith(http.baseUrl)) return undefined;
  return join(http.root, ...decodeURIComponent(url.slice(http.baseUrl.length).split(/[?#]/)[0] as string).split('/'));
}
