/**
 * `pxe-workbench pxelinux-lookup` and `grub-lookup`: the config files PXELINUX or a network-booted GRUB reads
 * for a machine, in order, and which one wins.
 */
import { relative, resolve, sep } from 'node:path';
import {
  explainGrubLookup,
  explainLookup,
  formatGrubLookup,
  formatLookup,
  grubImagesIn,
  IMAGE_READ_CAP,
  LookupError,
  readGrubImage,
  type GrubImage,
} from '../../lib/languages';
import { diskFiles, loadSiteView, siteOf } from '../../lib/site';
import { InputError } from '../../lib/engine';
import { EXIT } from './exit';

type FileView = ReturnType<typeof diskFiles>;

export interface LookupOptions {
  mac: string;
  ip: string;
  uuid?: string;
  tftp?: string;
}

export interface GrubLookupOptions extends LookupOptions {
  /** The GRUB EFI image the machines boot (default: the one in the TFTP root). */
  image?: string;
  /** Its path relative to the TFTP root, as DHCP names it (default: where the image is). */
  bootFile?: string;
}

function tftpRoot(options: LookupOptions, files: FileView): string {
  if (options.tftp) return resolve(options.tftp);
  const siteFile = siteOf(process.cwd(), files);
  return (siteFile && loadSiteView(siteFile).tftpRoot) ?? process.cwd();
}

function inputOf(options: LookupOptions): { mac: string; ip: string; uuid?: string } {
  return { mac: options.mac, ip: options.ip, ...(options.uuid ? { uuid: options.uuid } : {}) };
}

export function lookupCommand(options: LookupOptions): number {
  const files = diskFiles();
  const root = tftpRoot(options, files);
  try {
    const result = explainLookup(inputOf(options), root, files);
    process.stdout.write(`TFTP root: ${root}\n${formatLookup(result)}\n`);
    return EXIT.ok;
  } catch (error) {
    if (error instanceof LookupError) throw new InputError(error.message);
    throw error;
  }
}

/** The image named on the command line, or the GRUB images found in the TFTP root (the first is explained). */
function imageFor(
  options: GrubLookupOptions,
  root: string,
  files: FileView,
): { path?: string; image?: GrubImage; others: string[] } {
  if (options.image) {
    const path = resolve(options.image);
    const bytes = files.head?.(path, IMAGE_READ_CAP);
    if (!bytes) throw new InputError(`${options.image}: cannot read it. Give the GRUB EFI image the machines boot.`);
    const image = readGrubImage(bytes);
    if (!image)
      throw new InputError(
        `${options.image} is not a GRUB EFI image (no GRUB module section): give grubx64.efi or grubnetx64.efi, ` +
          'not shim or iPXE.',
      );
    return { path, image, others: [] };
  }
  const [first, ...rest] = grubImagesIn(files, root);
  return first
    ? { path: first.path, image: first.image, others: rest.map((i) => relative(root, i.path)) }
    : { others: [] };
}

export function grubLookupCommand(options: GrubLookupOptions): number {
  const files = diskFiles();
  const root = tftpRoot(options, files);
  if (!files.list(root)) throw new InputError(`${root} is not a folder: give the TFTP root with --tftp.`);
  try {
    const { path, image, others } = imageFor(options, root, files);
    const inRoot = path && (path + sep).startsWith(root + sep) ? relative(root, path).split(sep).join('/') : undefined;
    const bootFile = options.bootFile ?? inRoot;
    const result = explainGrubLookup(inputOf(options), root, files, image, {
      ...(bootFile ? { bootFile } : {}),
      ...(path ? { imageName: inRoot ?? path } : {}),
    });
    const lines = [`TFTP root: ${root}`];
    if (others.length) lines.push(`Other GRUB images here: ${others.join(', ')} (explain one of them with --image).`);
    if (!image && !options.image)
      lines.push('No GRUB image in the TFTP root: give the one the machines boot with --image.');
    process.stdout.write(`${[...lines, formatGrubLookup(result)].join('\n')}\n`);
    return EXIT.ok;
  } catch (error) {
    if (error instanceof LookupError) throw new InputError(error.message);
    throw error;
  }
}
