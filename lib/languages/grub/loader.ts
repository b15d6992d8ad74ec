/** What the TFTP root says about the GRUB that reads a config: its images (read with image.ts), shim, BIOS GRUB. */
import { join } from 'node:path';
import { stampedFacts } from '../../core/stamped';
import type { FileView, RuleContext } from '../../core/ruleContext';
import { IMAGE_READ_CAP, readGrubImage, type GrubImage } from './image';
import { loaderRootOf, tftpRootOf } from './paths';

export interface GrubLoaders {
  root: string;
  /** GRUB EFI images found in the root (and under grub/ or boot/grub/<platform>/). */
  images: { path: string; image: GrubImage }[];
  /** shim sits in the root: machines boot GRUB under Secure Boot there (only built-in modules load). */
  shim: boolean;
  /** A BIOS GRUB (core.0, *.pxe, an i386-pc folder) is there too. */
  bios: boolean;
}

const EFI = /\.efi(\.signed)?$/i;
const SHIM_NAME = /^(shim|bootnet|boot|mm)(x64|aa64|ia32)?\.efi(\.signed)?$/i;
const BIOS = /^(core\.0|pxegrub2?\.0|grub\w*\.(0|pxe))$/i;
/** At most this many EFI files are opened per root. */
const MAX_IMAGES = 8;

const cache = new WeakMap<FileView, Map<string, GrubLoaders | undefined>>();
/** Images read, by path and stamp (size, time): a 4 MiB image is read once, not on every lint run. */
const images = stampedFacts(32);

/** The GRUB image at `path` (undefined when it is none), read at most once per version of the file. */
export function grubImageAt(files: FileView, path: string): GrubImage | undefined {
  return images(files, path, 'grub-image', () => {
    const head = files.head?.(path, IMAGE_READ_CAP);
    return head ? readGrubImage(head) : undefined;
  });
}

/** The GRUB loaders of the config's TFTP root, read once per lint run. */
export function grubLoaders(context: RuleContext): GrubLoaders | undefined {
  const root = tftpRootOf(context);
  const files = context.files;
  if (!root || !files) return undefined;
  const seen = cache.get(files) ?? new Map<string, GrubLoaders | undefined>();
  cache.set(files, seen);
  if (!seen.has(root)) seen.set(root, readLoaders(files, root));
  return seen.get(root);
}

function readLoaders(files: FileView, root: string): GrubLoaders | undefined {
  const names = files.list(root);
  if (!names) return undefined;
  const candidates = names.filter((n) => EFI.test(n)).map((n) => join(root, n));
  for (const dir of ['grub', 'boot/grub', 'grub2', 'boot/grub2']) {
    for (const platform of ['x86_64-efi', 'arm64-efi', 'i386-efi']) {
      const folder = join(root, ...dir.split('/'), platform);
      if (files.exists(join(folder, 'core.efi'))) candidates.push(join(folder, 'core.efi'));
    }
  }
  const images: GrubLoaders['images'] = [];
  let shim = false;
  for (const path of candidates.slice(0, MAX_IMAGES)) {
    const image = grubImageAt(files, path);
    if (image) images.push({ path, image });
    else if (SHIM_NAME.test(path.split(/[\\/]/).pop() ?? '')) shim = true;
  }
  const bios =
    names.some((n) => BIOS.test(n)) ||
    ['grub', 'boot/grub', 'grub2', 'boot/grub2'].some((d) => files.list(join(root, ...d.split('/'), 'i386-pc')));
  return { root, images, shim, bios };
}

/** The GRUB EFI images in a TFTP root (and under its grub/ or boot/grub/<platform>/), for the lookup explanation. */
export function grubImagesIn(files: FileView, root: string): GrubLoaders['images'] {
  return readLoaders(files, root)?.images ?? [];
}

/**
 * True when the linter may say a file is missing: the site names this TFTP root, or a network loader sits in
 * it (the folder is a TFTP root, not a repository of configs whose kernels come later).
 */
export function tftpRootKnown(context: RuleContext): boolean {
  const root = tftpRootOf(context);
  if (!root) return false;
  return context.site?.tftpRoot === root || loaderRootOf(context) === root;
}

/** The folder GRUB loads module files from: `<prefix>/<platform>/` under the root, per the image's prefix. */
export function moduleFolder(loaders: GrubLoaders, image: GrubImage): string | undefined {
  if (image.prefix === undefined || !image.platform) return undefined;
  const device = /^\(([^)]*)\)(.*)$/.exec(image.prefix);
  if (device && !/^(tftp|pxe)/.test(device[1] as string)) return undefined;
  const path = (device ? (device[2] as string) : image.prefix).split('/').filter(Boolean);
  return join(loaders.root, ...path, image.platform);
}
