/** What hops are made of: loaders by name, URL names, and what a machine knows at boot time. */
import { basename } from 'node:path';
import type { OptionFact } from './offer';
import type { Client, Firmware, Place } from './model';

export type Loader = { family: 'pxelinux' | 'ipxe' | 'other'; firmware?: Firmware };

/** What a boot file is, by its name. */
export function loaderOf(name: string): Loader {
  const file = basename(name).toLowerCase();
  if (/^(l|g)?pxelinux\.0$/.test(file)) return { family: 'pxelinux', firmware: 'bios' };
  if (/^syslinux(64)?\.efi$/.test(file)) return { family: 'pxelinux', firmware: 'uefi' };
  if (/\.(kpxe|kkpxe|kkkpxe|pxe)$/.test(file) || /^undionly/.test(file)) return { family: 'ipxe', firmware: 'bios' };
  if (/(ipxe|snponly|snp)[\w.-]*\.efi$/.test(file)) return { family: 'ipxe', firmware: 'uefi' };
  if (/\.efi$/.test(file)) return { family: 'other', firmware: 'uefi' };
  if (/\.0$/.test(file)) return { family: 'other', firmware: 'bios' };
  return { family: 'other' };
}

/** The last path segment of a URL, keeping `${scope/name}` settings whole. */
export function urlName(url: string): string {
  const settings: string[] = [];
  const masked = (url.split(/[?#]/)[0] as string).replace(
    /\$\{[^}]*\}/g,
    (m) => `\u{e000}${settings.push(m) - 1}\u{e001}`,
  );
  const name = masked
    .slice(masked.lastIndexOf('/') + 1)
    .replace(/\u{e000}(\d+)\u{e001}/gu, (_, i: string) => settings[Number(i)] ?? '');
  return name || url;
}

export const FIRMWARE_NAME: Record<Firmware, string> = { bios: 'BIOS', uefi: 'UEFI' };

/** What iPXE knows about the machine at boot time (`${net0/mac}`, `${ip}`, …). */
export interface Env {
  client: Client;
  tftpServer?: string;
  tftpServerAt?: Place;
  rootPath?: OptionFact;
  bootFile?: string;
  /** The loader that reads the current config (for syslinux.efi's HTTP quirk). */
  loader?: Loader;
}

export const URL_SCHEME = /^([a-z][a-z0-9+.-]*):\/\//i;
