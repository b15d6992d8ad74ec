/** The boot chain of a site: what each kind of machine fetches, hop by hop, and where each hop is named. */
import type { FileView, SiteView } from '../core/ruleContext';
import type { Problem } from '../core/problem';

export type Firmware = 'bios' | 'uefi';
export const FIRMWARES: readonly Firmware[] = ['bios', 'uefi'];

/**
 * ok: found; missing: the machine would stop here; warning: it goes on but something is off; info: an
 * artifact the image updater downloads is absent (a fresh clone); unknown: only known at boot time.
 */
export type HopStatus = 'ok' | 'missing' | 'warning' | 'info' | 'unknown';

export type HopKind =
  'dhcp' | 'loader' | 'module' | 'config' | 'label' | 'script' | 'kernel' | 'initrd' | 'rootfs' | 'ignition' | 'local';

/** A place in a workspace file (offsets into its text). */
export interface Place {
  file: string;
  start: number;
  end: number;
}

export interface Hop {
  kind: HopKind;
  /** Short name shown in the tree: a file name, a label, `DHCP`. */
  label: string;
  /** How it is fetched and from where, e.g. `TFTP 192.168.255.2` or the URL. */
  detail?: string;
  via?: 'tftp' | 'http';
  url?: string;
  /** The workspace file it resolves to. */
  path?: string;
  /** The Butane config behind it (the `.bu` that `path` is translated from, or `path` itself when served as it is). */
  source?: string;
  /** Where it is named (the option, the KERNEL line, the URL in a script). */
  at?: Place;
  status: HopStatus;
  /** Why it is not ok, in words that say what to do. */
  message?: string;
  children: Hop[];
}

/** One kind of machine: a firmware, with or without a static lease. */
export interface Client {
  /** Stable id, e.g. `bios`, `uefi/52:54:00:12:34:56`. */
  id: string;
  firmware: Firmware;
  /** `Any BIOS machine`, or the lease's name. */
  name: string;
  mac?: string;
  ip?: string;
  hostname?: string;
  /** UEFI Secure Boot on (true) or off (false) as the site says; absent when it does not (BIOS: always absent). */
  secureBoot?: boolean;
  root: Hop;
}

export interface Chain {
  site: SiteView;
  clients: Client[];
  /** Cross-file findings by file (absolute path), each on the file where the fix belongs. */
  problems: Map<string, Problem[]>;
  /** Every workspace file the chain read or looked for (the server re-checks on any file event, not just these). */
  files: Set<string>;
  /** Texts of the files it read (for positions of related information). */
  texts: Map<string, string>;
  /** Facts about the model itself (e.g. no router config), shown above the hops. */
  notes: string[];
  /** Set while a reader the chain needs is loading (lib/secureboot): build again when it resolves. */
  pending?: Promise<void>;
}

/** What building a chain reads: the site, the file system, and file texts (open editors win over disk). */
export interface ChainInputs {
  site: SiteView;
  files: FileView;
  read(path: string): string | undefined;
  /** Follow only this machine (its lease when it has one, else as any machine with this MAC) or firmware. */
  machine?: { mac?: string; firmware?: Firmware };
  /**
   * What earlier builds parsed, by file: a file whose text is unchanged is not parsed again, so a rebuild
   * after an edit parses only the edited file. The builder keeps it up to date.
   */
  parsed?: ParsedFiles;
  /**
   * The chain before the `changed` files were edited: its machines whose hops read none of them are kept
   * as they were (with their findings), and only the others are followed again.
   */
  previous?: { chain: Chain; changed: Set<string> };
}

/** Parsed files kept across chain builds: the text each was parsed from, the reader, the result. */
export type ParsedFiles = Map<string, { text: string; kind: string; value: unknown }>;

/** True when a machine would stop somewhere in this hop's subtree. */
export function isBroken(hop: Hop): boolean {
  return hop.status === 'missing' || hop.children.some(isBroken);
}

/** The worst status in a subtree, for one icon per client. */
export function worst(hop: Hop): HopStatus {
  const order: HopStatus[] = ['ok', 'unknown', 'info', 'warning', 'missing'];
  return hop.children.map(worst).reduce((a, b) => (order.indexOf(b) > order.indexOf(a) ? b : a), hop.status);
}
