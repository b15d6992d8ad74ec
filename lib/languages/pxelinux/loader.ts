import { dirname, join } from 'node:path';
import type { FileView, RuleContext } from '../../core/ruleContext';
import { tftpRootOf } from './paths';

/** Network loaders of the SYSLINUX family, as they sit in a TFTP root. */
const NETWORK_LOADERS = ['lpxelinux.0', 'pxelinux.0', 'gpxelinux.0', 'syslinux.efi'] as const;

/** What the TFTP root (or, for ISOLINUX, the config's own folder) says about the SYSLINUX a config runs under. */
export interface LoaderInfo {
  root: string;
  /** The loaders present in the root. */
  loaders: string[];
  /** Major version (3, 4, 5, 6) when a loader names it; 5 (meaning "5 or later") for lpxelinux.0 or syslinux.efi. */
  major?: number;
  /** As the loader prints it, e.g. `PXELINUX 6.03`; absent when no loader could be read. */
  version?: string;
  /** The version as a number (4.05), when a loader names it. */
  number?: number;
}

/** Enough of a loader to find its banner: the 6.x lpxelinux.0 is about 90 KiB. */
const HEAD_BYTES = 256 * 1024;

/** The version banner inside a loader binary (`PXELINUX 4.05`, `SYSLINUX 6.03`, …). */
export function versionIn(bytes: Uint8Array): { version: string; major: number; number: number } | undefined {
  const text = Buffer.from(bytes).toString('latin1');
  const m = /\b(PXELINUX|ISOLINUX|SYSLINUX|EXTLINUX) ([3-9])\.(\d\d)\b/.exec(text);
  return m ? { version: `${m[1]} ${m[2]}.${m[3]}`, major: Number(m[2]), number: Number(`${m[2]}.${m[3]}`) } : undefined;
}

/** Loader facts per file view and root (a view lives for one lint run, so a replaced loader is seen next run). */
const cache = new WeakMap<FileView, Map<string, LoaderInfo | undefined>>();

/**
 * The loaders beside `pxelinux.cfg/` (or in the site's TFTP root), or isolinux.bin beside an ISOLINUX
 * config, and the SYSLINUX version they carry. lpxelinux.0 exists only from 5.10 and syslinux.efi only
 * from 6.00, so either alone says 5+.
 */
export function loaderInfo(context: RuleContext): LoaderInfo | undefined {
  const root = tftpRootOf(context) ?? (context.path ? dirname(context.path) : undefined);
  const files = context.files;
  if (!root || !files) return undefined;
  // One look per root and file view (a view lives for one lint run): several rules ask for every config.
  const seen = cache.get(files) ?? new Map<string, LoaderInfo | undefined>();
  cache.set(files, seen);
  if (!seen.has(root)) seen.set(root, readLoaders(context, root));
  return seen.get(root);
}

function readLoaders(context: RuleContext, root: string): LoaderInfo | undefined {
  const names = context.files?.list(root);
  if (!names) return undefined;
  const pxe = tftpRootOf(context) !== undefined;
  const loaders: string[] = pxe
    ? NETWORK_LOADERS.filter((l) => names.includes(l))
    : names.filter((n) => n === 'isolinux.bin');
  const info: LoaderInfo = { root, loaders };
  for (const loader of loaders) {
    const head = context.files?.head?.(join(root, loader), HEAD_BYTES);
    const found = head && versionIn(head);
    if (found) return { ...info, ...found };
  }
  if (loaders.includes('lpxelinux.0') || loaders.includes('syslinux.efi')) info.major = 5;
  return info;
}

/**
 * True when the linter may say a file is missing: the site names this TFTP root, or a loader or its
 * modules sit in it (the folder is a TFTP root, not a repository of configs whose kernels come later).
 */
export function tftpRootKnown(context: RuleContext): boolean {
  const root = tftpRootOf(context);
  if (!root) return false;
  if (context.site?.tftpRoot === root) return true;
  const info = loaderInfo(context);
  return (info?.loaders.length ?? 0) > 0 || (context.files?.list(root) ?? []).some((name) => name.endsWith('.c32'));
}
