import { findNodeAtLocation, parseTree } from 'jsonc-parser';
import type { LanguageId } from './rule';
import { jsonDepthExceeded } from './untrusted';

const PXELINUX_NAMES = new Set(['isolinux.cfg', 'syslinux.cfg', 'extlinux.conf']);
const OUR_LANGUAGES = new Set<string>(['ipxe', 'pxelinux', 'routeros', 'ignition']);
export const SITE_FILE_NAME = 'pxe-site.json';

function baseName(path: string): string {
  const parts = path.split(/[\\/]/);
  return parts[parts.length - 1] ?? '';
}

function parentName(path: string): string {
  const parts = path.split(/[\\/]/);
  return parts[parts.length - 2] ?? '';
}

/** True when the text starts with the iPXE script magic (`#!ipxe`, legacy `#!gpxe`). */
export function hasIpxeMagic(head: string): boolean {
  return /^(?:\uFEFF)?#!(?:ipxe|gpxe)(?:\s|$)/.test(head);
}

/**
 * True when a JSON text's top-level object has `ignition.version` (a cheap test first, then a real parse).
 * Text nested past the cap is not parsed (the parser recurses): it is not taken as Ignition by content.
 */
export function looksLikeIgnition(text: string): boolean {
  if (!/"ignition(?:"\s*:\s*\{|Version"\s*:)/.test(text) || jsonDepthExceeded(text) >= 0) return false;
  const root = parseTree(text, [], { allowTrailingComma: true });
  // Spec 1 configs (Ignition 0.x, 2015–2016) say `"ignitionVersion": 1` at the top level instead.
  return (
    root !== undefined &&
    (findNodeAtLocation(root, ['ignition', 'version']) !== undefined ||
      findNodeAtLocation(root, ['ignitionVersion'])?.value === 1)
  );
}

/** Keywords that open a SYSLINUX config: a `.cfg`/`.conf` file whose first directive is one is taken as such. */
const SYSLINUX_OPENERS =
  /^\s*(default|ui|label|prompt|timeout|totaltimeout|ontimeout|serial|menu|include|say|display|implicit|allowoptions|noescape|console|font|kbdmap|path|f\d{1,2})(\s|$)/i;

export function looksLikeSyslinux(text: string): boolean {
  for (const line of text.split('\n', 40)) {
    if (/^\s*(#|$)/.test(line)) continue;
    return SYSLINUX_OPENERS.test(line);
  }
  return false;
}

/**
 * Which of our languages a file is, as the editor and the CLI both decide it: by the editor's language id
 * when it is one of ours, then by name, then by content. `undefined` means "not ours".
 */
export function classify(path: string, text: string | undefined, languageId?: string): LanguageId | undefined {
  const name = baseName(path).toLowerCase();
  if (name === SITE_FILE_NAME) return 'site';
  // The editor gives every file in pxelinux.cfg/ the pxelinux id (a name pattern): a help screen or a
  // script there with an extension of its own is still only a config when it reads as one.
  if (
    languageId === 'pxelinux' &&
    parentName(path).toLowerCase() === 'pxelinux.cfg' &&
    /\.[^.]+$/.test(name) &&
    !/\.(cfg|conf|menu)$/.test(name) &&
    text !== undefined &&
    !looksLikeSyslinux(text)
  )
    return undefined;
  if (languageId && OUR_LANGUAGES.has(languageId)) return languageId as LanguageId;
  if (name.endsWith('.ipxe')) return 'ipxe';
  if (name.endsWith('.rsc')) return 'routeros';
  if (name.endsWith('.ign')) return 'ignition';
  if (PXELINUX_NAMES.has(name)) return 'pxelinux';
  // pxelinux.cfg/ also holds help screens, scripts and data: a name with another extension must read as a config.
  const inPxelinuxCfg = parentName(path).toLowerCase() === 'pxelinux.cfg';
  if (inPxelinuxCfg && (!/\.[^.]+$/.test(name) || /\.(cfg|conf|menu)$/.test(name) || text === undefined))
    return 'pxelinux';
  if (text === undefined) return undefined;
  if (hasIpxeMagic(text)) return 'ipxe';
  if (name.endsWith('.json') && looksLikeIgnition(text)) return 'ignition';
  if ((inPxelinuxCfg || /\.(cfg|conf|menu)$/.test(name)) && looksLikeSyslinux(text)) return 'pxelinux';
  return undefined;
}
