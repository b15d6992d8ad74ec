/** What hops are made of: loaders by name, URL names, and what a machine knows at boot time. */
import { basename } from 'node:path';
import type { Fix, Related } from '../core/problem';
import type { RuleMeta } from '../core/rule';
import type { FileView, SiteView } from '../core/ruleContext';
import type { GrubImage } from '../languages/grub/image';
import type { OptionFact } from './offer';
import type { Client, Firmware, Hop, HopKind, Place } from './model';

export type Loader = { family: 'pxelinux' | 'ipxe' | 'shim' | 'grub' | 'other'; firmware?: Firmware };

/** What a boot file is, by its name (shim and GRUB by the names distributions ship them under). */
export function loaderOf(name: string): Loader {
  const file = basename(name).toLowerCase();
  if (/^shim(x64|aa64|ia32)?\.efi$/.test(file)) return { family: 'shim', firmware: 'uefi' };
  if (/^(grub(net)?(x64|aa64|ia32)?|core)\.efi$/.test(file)) return { family: 'grub', firmware: 'uefi' };
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
  /** Where DHCP names the boot file (findings about what the firmware loads first go there). */
  bootAt?: Place;
  /** The shim that loaded the current stage: its vendor certificates decide what GRUB may boot. */
  shim?: string;
  /** The GRUB image reading the current config (what it has built in). */
  grub?: string;
}

export const URL_SCHEME = /^([a-z][a-z0-9+.-]*):\/\//i;

/**
 * What the PXELINUX and script followers (pxelinux.ts, follow.ts) may ask of the chain being built: its reads,
 * its reports and its next hops. ChainBuilder implements it; the followers see only this, so they do not import
 * the builder that imports them.
 */
export interface HopBuilder {
  readonly site: SiteView;
  /** The file system as the chain sees it (binaries are read through it, capped). */
  readonly fileView: FileView;
  text(path: string): string | undefined;
  /**
   * The file parsed once per build; with a `kind` (a parser whose result depends on the text alone) also
   * kept across builds until the text changes.
   */
  parse<T>(path: string, parser: (text: string) => T, kind?: string): T | undefined;
  /** Part of the chain waits for this (a reader loaded on first use): the chain is pending until it resolves. */
  awaiting(work: Promise<void>): void;
  /** What iPXE runs after it starts: its embedded `dhcp && chain ${root-path}` (option 17), as a hop. */
  ipxeChildren(env: Env, hop: Hop): void;
  /** What a GRUB EFI image embeds (prefix, memdisk config), read once per build; undefined when unreadable. */
  grubImage(path: string): GrubImage | undefined;
  /** 'ok', 'missing', or 'dangling' (a symlink whose target is not there). */
  fileState(path: string): 'ok' | 'missing' | 'dangling';
  report(rule: Pick<RuleMeta, 'id'>, at: Place, message: string, related?: Related[], fixes?: Fix[]): void;
  relate(place: Place | undefined, message: string): Related[];
  /** A path relative to the site's folder, for messages. */
  rel(path: string): string;
  urlHop(
    env: Env,
    kind: HopKind,
    url: string,
    at: Place | undefined,
    from: Place | undefined,
    options: { covered: boolean; note?: string },
  ): Hop;
  checkFile(
    hop: Hop,
    kind: HopKind,
    path: string,
    at: Place | undefined,
    options: { covered: boolean; from?: Place },
  ): void;
}
