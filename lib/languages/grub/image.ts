/**
 * What a GRUB EFI image carries (grub-mkimage's `mods` section, include/grub/kernel.h): its built-in modules,
 * the prefix, the embedded config and the grub.cfg of its memdisk; and its SBAT line (which build it is).
 * The bytes are untrusted: every read is bounds-checked and capped, nothing here throws.
 */

export interface GrubImage {
  /** EFI platform, from the PE machine type (`x86_64-efi`, `arm64-efi`, …). */
  platform?: string;
  /** The embedded prefix (`/grub`, `(tftp)/boot/grub`, …). */
  prefix?: string;
  /** The embedded config (what GRUB runs before normal mode). */
  embeddedConfig?: string;
  /** grub.cfg of the memdisk (FAT or tar), when the image has one. */
  memdiskConfig?: string;
  /** Names of the built-in modules (from each ELF object's .modname). */
  modules: string[];
  /** SBAT: upstream GRUB version and the distribution's own line (`grub.debian`, `grub.rh`, …). */
  sbat?: { version?: string; vendor?: string; vendorVersion?: string };
  /** A certificate table is present (the image is signed). */
  signed: boolean;
}

/** Only this much of an image is read (Debian's signed images are about 4 MiB). */
export const IMAGE_READ_CAP = 16 * 1024 * 1024;
const MAX_SECTIONS = 96;
const MAX_OBJECTS = 4096;
const MAX_CONFIG = 64 * 1024;
const MODULE_MAGIC = 0x676d696d; // "mimg"
const OBJ_ELF = 0;
const OBJ_MEMDISK = 1;
const OBJ_CONFIG = 2;
const OBJ_PREFIX = 3;

const MACHINES: Record<number, string> = {
  0x8664: 'x86_64-efi',
  0x14c: 'i386-efi',
  0xaa64: 'arm64-efi',
  0x1c2: 'arm-efi',
  0x5064: 'riscv64-efi',
  0x6264: 'loongarch64-efi',
};

/** Bounds-checked little-endian reads: undefined past the end. */
class Bytes {
  constructor(readonly b: Uint8Array) {}
  get length(): number {
    return this.b.length;
  }
  u8(o: number): number | undefined {
    return o >= 0 && o < this.b.length ? this.b[o] : undefined;
  }
  u16(o: number): number | undefined {
    return o >= 0 && o + 2 <= this.b.length ? (this.b[o] as number) | ((this.b[o + 1] as number) << 8) : undefined;
  }
  u32(o: number): number | undefined {
    const lo = this.u16(o);
    const hi = this.u16(o + 2);
    return lo === undefined || hi === undefined ? undefined : lo + hi * 0x10000;
  }
  /** A 64-bit value when it fits a safe integer. */
  u64(o: number): number | undefined {
    const lo = this.u32(o);
    const hi = this.u32(o + 4);
    return lo === undefined || hi === undefined || hi > 0x1fffff ? undefined : lo + hi * 0x100000000;
  }
  slice(o: number, n: number): Uint8Array {
    return o < 0 || n <= 0 || o >= this.b.length
      ? new Uint8Array()
      : this.b.subarray(o, Math.min(this.b.length, o + n));
  }
  text(o: number, n: number): string {
    return Buffer.from(this.slice(o, n))
      .toString('latin1')
      .replace(/\0[\s\S]*$/, '');
  }
}

interface Section {
  name: string;
  offset: number;
  size: number;
}

function sections(pe: Bytes, at: number, count: number): Section[] {
  const out: Section[] = [];
  for (let k = 0; k < Math.min(count, MAX_SECTIONS); k++) {
    const h = at + 40 * k;
    const virtualSize = pe.u32(h + 8);
    const rawSize = pe.u32(h + 16);
    const rawOffset = pe.u32(h + 20);
    if (virtualSize === undefined || rawSize === undefined || rawOffset === undefined) break;
    out.push({ name: pe.text(h, 8), offset: rawOffset, size: Math.min(rawSize, virtualSize || rawSize) });
  }
  return out;
}

/** Reads a GRUB EFI image; undefined when the bytes are not a PE image with GRUB's module section. */
export function readGrubImage(bytes: Uint8Array): GrubImage | undefined {
  const pe = new Bytes(bytes.subarray(0, IMAGE_READ_CAP));
  if (pe.u16(0) !== 0x5a4d) return undefined; // "MZ"
  const header = pe.u32(0x3c);
  if (header === undefined || pe.u32(header) !== 0x4550) return undefined; // "PE\0\0"
  const machine = pe.u16(header + 4);
  const count = pe.u16(header + 6) ?? 0;
  const optionalSize = pe.u16(header + 20) ?? 0;
  const magic = pe.u16(header + 24);
  const wide = magic === 0x20b;
  const directories = header + 24 + (wide ? 112 : 96);
  const certificates = pe.u32(directories + 4 * 8 + 4) ?? 0;
  const all = sections(pe, header + 24 + optionalSize, count);
  const mods = all.find((s) => s.name === 'mods');
  if (!mods) return undefined;
  const image: GrubImage = {
    ...(machine !== undefined && MACHINES[machine] ? { platform: MACHINES[machine] } : {}),
    modules: [],
    signed: certificates > 0,
  };
  readModules(new Bytes(pe.slice(mods.offset, mods.size)), wide, image);
  const sbat = all.find((s) => s.name === '.sbat');
  if (sbat) {
    const parsed = parseSbat(pe.text(sbat.offset, Math.min(sbat.size, 4096)));
    if (parsed) image.sbat = parsed;
  }
  return image;
}

function readModules(m: Bytes, wide: boolean, image: GrubImage): void {
  if (m.u32(0) !== MODULE_MAGIC) return;
  const offset = wide ? m.u64(8) : m.u32(4);
  const size = wide ? m.u64(16) : m.u32(8);
  if (offset === undefined || size === undefined) return;
  const end = Math.min(size, m.length);
  const align = wide ? 8 : 4;
  let at = offset;
  for (let k = 0; k < MAX_OBJECTS && at + 8 <= end; k++) {
    const type = m.u32(at);
    const objectSize = m.u32(at + 4);
    if (type === undefined || objectSize === undefined || objectSize < 8) return;
    const body = new Bytes(m.slice(at + 8, Math.min(objectSize, end - at) - 8));
    if (type === OBJ_ELF) {
      const name = moduleName(body);
      if (name) image.modules.push(name);
    } else if (type === OBJ_MEMDISK) {
      const config = memdiskConfig(body);
      if (config !== undefined) image.memdiskConfig = config;
    } else if (type === OBJ_CONFIG) {
      image.embeddedConfig = body.text(0, MAX_CONFIG);
    } else if (type === OBJ_PREFIX) {
      image.prefix = body.text(0, 1024);
    }
    at += Math.ceil(objectSize / align) * align;
  }
}

/** The `.modname` of an ELF module. */
function moduleName(elf: Bytes): string | undefined {
  if (elf.u32(0) !== 0x464c457f) return undefined; // "\x7fELF"
  const is64 = elf.u8(4) === 2;
  const shoff = is64 ? elf.u64(0x28) : elf.u32(0x20);
  const shentsize = elf.u16(is64 ? 0x3a : 0x2e);
  const shnum = elf.u16(is64 ? 0x3c : 0x30);
  const shstrndx = elf.u16(is64 ? 0x3e : 0x32);
  if (shoff === undefined || !shentsize || !shnum || shstrndx === undefined || shnum > 512) return undefined;
  const sectionAt = (i: number): { name: number; offset: number; size: number } | undefined => {
    const h = shoff + i * shentsize;
    const name = elf.u32(h);
    const offset = is64 ? elf.u64(h + 0x18) : elf.u32(h + 0x10);
    const size = is64 ? elf.u64(h + 0x20) : elf.u32(h + 0x14);
    return name === undefined || offset === undefined || size === undefined ? undefined : { name, offset, size };
  };
  const names = sectionAt(shstrndx);
  if (!names) return undefined;
  for (let i = 0; i < shnum; i++) {
    const s = sectionAt(i);
    if (s && elf.text(names.offset + s.name, 32) === '.modname')
      return elf.text(s.offset, Math.min(s.size, 64)) || undefined;
  }
  return undefined;
}

/** grub.cfg from a memdisk: a FAT12/16 file system (grub-mkimage -m) or a tar archive (grub-mkstandalone). */
function memdiskConfig(disk: Bytes): string | undefined {
  if (disk.text(257, 5) === 'ustar') return tarConfig(disk);
  return fatConfig(disk);
}

function tarConfig(tar: Bytes): string | undefined {
  let at = 0;
  for (let k = 0; k < MAX_OBJECTS && at + 512 <= tar.length; k++) {
    const name = tar.text(at, 100);
    if (!name) return undefined;
    const size = Number.parseInt(tar.text(at + 124, 12).trim() || '0', 8);
    if (!Number.isFinite(size) || size < 0) return undefined;
    if (/(^|\/)grub\.cfg$/.test(name)) return tar.text(at + 512, Math.min(size, MAX_CONFIG));
    at += 512 + Math.ceil(size / 512) * 512;
  }
  return undefined;
}

/** A FAT12/16 file system's `GRUB.CFG`, in the root folder or under BOOT/GRUB. */
function fatConfig(fat: Bytes): string | undefined {
  const bytesPerSector = fat.u16(11);
  const perCluster = fat.u8(13);
  const reserved = fat.u16(14);
  const fats = fat.u8(16);
  const rootEntries = fat.u16(17);
  const fatSectors = fat.u16(22);
  const total = fat.u16(19) || fat.u32(32);
  if (!bytesPerSector || ![512, 1024, 2048, 4096].includes(bytesPerSector) || !perCluster || !reserved || !fats)
    return undefined;
  if (!rootEntries || !fatSectors || !total) return undefined;
  const rootAt = (reserved + fats * fatSectors) * bytesPerSector;
  const dataAt = rootAt + rootEntries * 32;
  const clusterBytes = perCluster * bytesPerSector;
  const clusters = Math.floor((total * bytesPerSector - dataAt) / clusterBytes);
  const fat12 = clusters < 4085;
  const fatAt = reserved * bytesPerSector;
  const next = (cluster: number): number | undefined => {
    if (fat12) {
      const v = fat.u16(fatAt + Math.floor(cluster * 1.5));
      return v === undefined ? undefined : cluster % 2 ? v >> 4 : v & 0xfff;
    }
    return fat.u16(fatAt + cluster * 2);
  };
  const end = fat12 ? 0xff8 : 0xfff8;
  const read = (first: number, size: number): Uint8Array => {
    const parts: Uint8Array[] = [];
    let got = 0;
    for (let c: number | undefined = first, k = 0; c && c >= 2 && c < end && got < size && k < 4096; k++) {
      const part = fat.slice(dataAt + (c - 2) * clusterBytes, Math.min(clusterBytes, size - got));
      if (!part.length) break;
      parts.push(part);
      got += part.length;
      c = next(c);
    }
    return Buffer.concat(parts);
  };
  const find = (entries: Bytes, name: string): { cluster: number; size: number; dir: boolean } | undefined => {
    for (let at = 0; at + 32 <= entries.length; at += 32) {
      const first = entries.u8(at);
      if (first === 0) return undefined;
      const attributes = entries.u8(at + 11) ?? 0;
      if (first === 0xe5 || attributes === 0x0f) continue;
      if (entries.text(at, 11) === name)
        return { cluster: entries.u16(at + 26) ?? 0, size: entries.u32(at + 28) ?? 0, dir: (attributes & 0x10) !== 0 };
    }
    return undefined;
  };
  const root = new Bytes(fat.slice(rootAt, rootEntries * 32));
  let found = find(root, 'GRUB    CFG');
  if (!found) {
    const boot = find(root, 'BOOT       ');
    const bootDir = boot?.dir ? new Bytes(read(boot.cluster, 64 * 1024)) : undefined;
    const grub = bootDir && find(bootDir, 'GRUB       ');
    const grubDir = grub?.dir ? new Bytes(read(grub.cluster, 64 * 1024)) : undefined;
    found = grubDir && find(grubDir, 'GRUB    CFG');
  }
  if (!found || found.dir) return undefined;
  return Buffer.from(read(found.cluster, Math.min(found.size, MAX_CONFIG))).toString('utf8');
}

/** `grub,5,Free Software Foundation,grub,2.06,…` and the distribution's `grub.debian,…` line. */
function parseSbat(text: string): GrubImage['sbat'] | undefined {
  const rows = text.split('\n').map((l) => l.split(','));
  const upstream = rows.find((r) => r[0] === 'grub');
  const vendor = rows.find((r) => /^grub\.[a-z]+$/.test(r[0] ?? ''));
  if (!upstream && !vendor) return undefined;
  return {
    ...(upstream?.[4] ? { version: upstream[4] } : {}),
    ...(vendor?.[0] ? { vendor: (vendor[0] as string).slice('grub.'.length) } : {}),
    ...(vendor?.[4] ? { vendorVersion: vendor[4] } : {}),
  };
}
