import data from '../../data/pxelinux-keywords.json';

export interface KeywordSpec {
  /** What the argument is: commandline, file, tenths, boolean, label, … */
  argument: string;
  /** Where it belongs: before the first LABEL (`global`), inside one (`label`), or `any`. */
  where: 'global' | 'label' | 'any';
  summary: string;
  /** The first SYSLINUX version that reads it (older ones ignore the line). */
  since?: string;
}

export const KEYWORDS: ReadonlyMap<string, KeywordSpec> = new Map(
  Object.entries(data.keywords as Record<string, KeywordSpec>),
);
export const MENU_KEYWORDS: ReadonlyMap<string, KeywordSpec> = new Map(
  Object.entries(data.menu as Record<string, KeywordSpec>),
);
/** Keywords only U-Boot's reader of extlinux.conf and pxelinux.cfg/ files knows (device trees, FIT). */
export const UBOOT_KEYWORDS: ReadonlyMap<string, KeywordSpec> = new Map(
  Object.entries(data.uboot as Record<string, KeywordSpec>),
);

/** SYSAPPEND/IPAPPEND bits and what each adds to the kernel command line. */
export const APPEND_BITS: [number, string][] = [
  [0x1, 'ip=<client>:<server>:<gateway>:<netmask>'],
  [0x2, 'BOOTIF=01-<mac> (the MAC address the machine booted from)'],
  [0x4, 'SYSUUID=<system uuid>'],
  [0x8, 'CPU=<family and flags>'],
  [0x10, 'SYSVENDOR='],
  [0x20, 'SYSPRODUCT='],
  [0x40, 'SYSVERSION='],
  [0x80, 'SYSSERIAL='],
  [0x100, 'SYSSKU='],
  [0x200, 'SYSFAMILY='],
  [0x400, 'MBVENDOR='],
  [0x800, 'MBPRODUCT='],
  [0x1000, 'MBVERSION='],
  [0x2000, 'MBSERIAL='],
  [0x4000, 'MBASSET='],
  [0x8000, 'BIOSVENDOR='],
  [0x10000, 'BIOSVERSION='],
  [0x20000, 'SYSFF='],
  [0x40000, 'FSUUID='],
];
