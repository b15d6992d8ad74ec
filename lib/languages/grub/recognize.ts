import type { FileRecognizer } from '../../core/language';

/**
 * `grub.cfg`, the per-machine names GRUB's network search tries (`grub.cfg-01-<mac>`, `grub.cfg-<hex>`,
 * `grub.cfg-<uuid>`), and copies or templates of them (`grub.cfg.j2`).
 */
const GRUB_NAME = /^grub\.cfg([-.].*)?$/;
const CONFIG_EXTENSION = /\.(cfg|conf)$/;
const BINARY = /\.(efi|signed|mod|img|0|pxe|pf2|lst|elf|sig|gz|xz|zst|iso|bin|png|jpe?g|tga)$/;

/**
 * Lines only a GRUB script has (SYSLINUX has none of them): a menuentry or submenu with its block, insmod,
 * `set name=`, search with its options, the GRUB loaders and the network commands.
 */
const GRUB_ONLY = new RegExp(
  String.raw`^\s*(` +
    [
      String.raw`(menuentry|submenu)\s.*\{\s*$`,
      String.raw`insmod\s+\w`,
      String.raw`set\s+[\w.]+=`,
      String.raw`search(\.\w+)?\s+(--|-[fsl]\b)`,
      String.raw`(linuxefi|initrdefi|linux16|configfile|chainloader|terminal_(input|output)|load_env|net_(bootp|dhcp))\s`,
      String.raw`if\s+\[.*\];\s*then`,
      String.raw`function\s+\w+\s*\{?\s*$`,
    ].join('|') +
    ')',
  'm',
);

/** True when a text reads as a GRUB script (a construct only GRUB has, in its first 16 KiB). */
export function looksLikeGrub(text: string): boolean {
  return GRUB_ONLY.test(text.slice(0, 16384));
}

/**
 * grub.cfg and its per-machine and template names anywhere but in pxelinux.cfg/ (PXELINUX's folder); other
 * `.cfg`/`.conf` files, and files whose name says grub (`pxegrub2_mac.erb`), when they read as GRUB.
 */
export const grubFiles: FileRecognizer = {
  byName: () => false,
  byFolder: (name, parent) => parent !== 'pxelinux.cfg' && GRUB_NAME.test(name),
  byContent: (text, name, parent) =>
    parent !== 'pxelinux.cfg' && (CONFIG_EXTENSION.test(name) || name.includes('grub')) && looksLikeGrub(text),
  // GRUB's own binaries (images, modules, fonts, lists) sit beside its configs under names with `grub` in them.
  readsByName: (name) => CONFIG_EXTENSION.test(name) || (name.includes('grub') && !BINARY.test(name)),
};
