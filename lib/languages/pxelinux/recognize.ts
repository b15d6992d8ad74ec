import type { FileRecognizer } from '../../core/language';
import { looksLikeGrub } from '../grub/recognize';

const PXELINUX_NAMES = new Set(['isolinux.cfg', 'syslinux.cfg', 'extlinux.conf']);
const CONFIG_EXTENSION = /\.(cfg|conf|menu)$/;
const HAS_EXTENSION = /\.[^.]+$/;

/** Keywords that open a SYSLINUX config: a `.cfg`/`.conf` file whose first directive is one is taken as such. */
const OPENER_KEYWORDS = [
  ...'default ui label prompt timeout totaltimeout ontimeout serial menu include say display'.split(' '),
  ...'implicit allowoptions noescape console font kbdmap path'.split(' '),
  String.raw`f\d{1,2}`,
];
const SYSLINUX_OPENERS = new RegExp(String.raw`^\s*(${OPENER_KEYWORDS.join('|')})(\s|$)`, 'i');

export function looksLikeSyslinux(text: string): boolean {
  for (const line of text.split('\n', 40)) {
    if (/^\s*(#|$)/.test(line)) continue;
    return SYSLINUX_OPENERS.test(line);
  }
  return false;
}

/**
 * The SYSLINUX family's own names, and pxelinux.cfg/: a per-machine name there (no extension) or a
 * .cfg/.conf/.menu file is a config. pxelinux.cfg/ also holds help screens, scripts and data: a name with
 * another extension must read as a config.
 */
export const pxelinuxFiles: FileRecognizer = {
  byName: (name) => PXELINUX_NAMES.has(name),
  // Unread (the CLI deciding what to read), any file there may be one.
  byFolder: (name, parent, text) =>
    parent === 'pxelinux.cfg' && (!HAS_EXTENSION.test(name) || CONFIG_EXTENSION.test(name) || text === undefined),
  // A GRUB script that starts with `serial` or `timeout` is still GRUB's (menuentry, insmod, set … say so).
  byContent: (text, name, parent) =>
    (parent === 'pxelinux.cfg' || CONFIG_EXTENSION.test(name)) && looksLikeSyslinux(text) && !looksLikeGrub(text),
  readsByName: (name) => CONFIG_EXTENSION.test(name),
  // The editor gives every file in pxelinux.cfg/ this id (a name pattern): a help screen or a script there
  // with an extension of its own is still only a config when it reads as one.
  editorIdHolds: (name, parent, text) =>
    !(
      parent === 'pxelinux.cfg' &&
      HAS_EXTENSION.test(name) &&
      !CONFIG_EXTENSION.test(name) &&
      text !== undefined &&
      !looksLikeSyslinux(text)
    ),
};
