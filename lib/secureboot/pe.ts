/**
 * A PE/COFF image as UEFI firmware and shim read it: machine, subsystem, sections, the attribute certificate
 * table (WIN_CERTIFICATE entries) and the Authenticode image digest. Headers and section tables are read by
 * pe-library's format classes; what it does not do (bounds, the COFF string table's long section names, the
 * certificate table walk, the digest) is here. Never throws on hostile bytes: every failure is a result.
 */
import { createHash } from 'node:crypto';
import { Format } from 'pe-library';
import { readCapped } from '../core';

/** Largest boot loader read (shim, GRUB, iPXE, syslinux.efi are all under 5 MiB; a netboot GRUB with every module ~40). */
export const MAX_LOADER_BYTES = 64 * 1024 * 1024;
/** Largest EFI image read at all: a kernel with its EFI stub (Debian's is 8 MiB, a unified kernel image ~100). */
export const MAX_KERNEL_BYTES = 256 * 1024 * 1024;
/** Certificate table entries read; shim carries two (Microsoft's 2011 and 2023 CAs), real files never more than a few. */
export const MAX_CERTIFICATE_ENTRIES = 64;

export type PeMachine = 'x64' | 'aa64' | 'ia32' | 'arm' | 'riscv64' | 'loongarch64' | 'other';
export type PeSubsystem = 'efiApplication' | 'efiBootDriver' | 'efiRuntimeDriver' | 'efiRom' | 'notEfi';
export type DigestAlgorithm = 'sha1' | 'sha256' | 'sha384' | 'sha512';

export interface PeSection {
  /** The name, long names (`/4`) resolved through the COFF string table (`.vendor_cert`). */
  name: string;
  virtualAddress: number;
  virtualSize: number;
  rawOffset: number;
  rawSize: number;
  /** NumberOfRelocations or PointerToRelocations set (shim refuses an .sbat section with relocations). */
  hasRelocations: boolean;
}

/** One WIN_CERTIFICATE: `type` 0x0002 is PKCS#7 SignedData (Authenticode), 0x0EF1 a UEFI GUID-typed one. */
export interface WinCertificate {
  offset: number;
  length: number;
  revision: number;
  type: number;
  /** bCertificate: the bytes after the 8-byte header. */
  content: Uint8Array;
}

export interface CertificateTable {
  offset: number;
  size: number;
  entries: WinCertificate[];
  /** The entries, each padded to 8 bytes, fill the table exactly (UEFI refuses the image otherwise). */
  intact: boolean;
  problem?: string;
}

export interface PeImage {
  ok: true;
  bytes: Uint8Array;
  machine: PeMachine;
  machineCode: number;
  subsystem: PeSubsystem;
  subsystemCode: number;
  pe32Plus: boolean;
  sections: PeSection[];
  /** Absent when the image has no certificate table (unsigned). */
  certificateTable?: CertificateTable;
  /** File ranges the Authenticode digest covers, in order; absent when the layout makes it impossible. */
  hashRanges?: Array<[number, number]>;
  hashProblem?: string;
}

/** `unreadable`: the file itself could not be read (missing, not a regular file, no permission). */
export type PeFailureReason = 'tooLarge' | 'notPe' | 'truncated' | 'malformed' | 'unreadable';
export interface PeFailure {
  ok: false;
  reason: PeFailureReason;
  message: string;
}
export type PeResult = PeImage | PeFailure;

const MACHINES: Record<number, PeMachine> = {
  0x8664: 'x64',
  0xaa64: 'aa64',
  0x014c: 'ia32',
  0x01c2: 'arm',
  0x01c4: 'arm',
  0x5064: 'riscv64',
  0x6264: 'loongarch64',
};
const SUBSYSTEMS: Record<number, PeSubsystem> = {
  10: 'efiApplication',
  11: 'efiBootDriver',
  12: 'efiRuntimeDriver',
  13: 'efiRom',
};

const PE32_MAGIC = Format.ImageOptionalHeader.DEFAULT_MAGIC;
const PE32_PLUS_MAGIC = Format.ImageOptionalHeader64.DEFAULT_MAGIC;
const NT_SIGNATURE_AND_FILE_HEADER = 4 + Format.ImageFileHeader.size;
/** CheckSum sits at the same place in both optional headers. */
const CHECKSUM_OFFSET = 64;
const DIRECTORY_ENTRY = Format.ImageDataDirectoryArray.itemSize;
const SECTION_HEADER = Format.ImageSectionHeaderArray.itemSize;
const CERTIFICATE = Format.ImageDirectoryEntry.Certificate;
const COFF_SYMBOL = 18;
const WIN_CERTIFICATE_HEADER = 8;

const fail = (reason: PeFailureReason, message: string): PeFailure => ({ ok: false, reason, message });
const mib = (n: number): string => `${Math.round(n / 1048576)} MiB`;

/** Reads a PE/COFF image from bytes; `maxBytes` bounds the work a digest will do. */
export function parsePe(bytes: Uint8Array, maxBytes = MAX_KERNEL_BYTES): PeResult {
  if (bytes.length > maxBytes) {
    return fail('tooLarge', `larger than ${mib(maxBytes)}, not read: no EFI boot file is this large.`);
  }
  try {
    return parseHeaders(bytes);
  } catch (error) {
    // pe-library reads through DataViews; anything the bounds below missed lands here as a result.
    return fail('malformed', `its PE headers cannot be read (${(error as Error).message}).`);
  }
}

/** Reads a file (regular, capped) and parses it. */
export function readPe(path: string, maxBytes = MAX_LOADER_BYTES): PeResult {
  const read = readCapped(path, maxBytes);
  if (!read.ok) return fail(read.reason === 'tooLarge' ? 'tooLarge' : 'unreadable', read.why);
  return parsePe(read.bytes, maxBytes);
}

// eslint-disable-next-line max-lines-per-function -- one pass over the headers, each bound checked where it is read
function parseHeaders(bytes: Uint8Array): PeResult {
  if (bytes.length < 2 || bytes[0] !== 0x4d || bytes[1] !== 0x5a)
    return fail('notPe', 'not a PE image (no MZ header).');
  if (bytes.length < Format.ImageDosHeader.size) return fail('truncated', 'truncated inside its DOS header.');
  const nt = Format.ImageDosHeader.from(bytes).newHeaderAddress;
  if (nt + NT_SIGNATURE_AND_FILE_HEADER + 2 > bytes.length) return fail('truncated', 'truncated before its PE header.');
  const magic = bytes[nt + NT_SIGNATURE_AND_FILE_HEADER]! | (bytes[nt + NT_SIGNATURE_AND_FILE_HEADER + 1]! << 8);
  const optionalSize = magic === PE32_PLUS_MAGIC ? Format.ImageOptionalHeader64.size : Format.ImageOptionalHeader.size;
  const headersEnd = nt + NT_SIGNATURE_AND_FILE_HEADER + optionalSize + Format.ImageDataDirectoryArray.size;
  if (headersEnd > bytes.length) return fail('truncated', 'truncated inside its PE header.');
  const headers = Format.ImageNtHeaders.from(bytes, nt);
  if (!headers.isValid()) return fail('notPe', 'not a PE image (an MZ header without a PE signature).');
  if (magic !== PE32_MAGIC && magic !== PE32_PLUS_MAGIC) {
    return fail('malformed', `its optional header has an unknown magic 0x${magic.toString(16)}.`);
  }
  const file = headers.fileHeader;
  const optional = headers.optionalHeader;
  const rvaCount = optional.numberOfRvaAndSizes;
  if (file.sizeOfOptionalHeader < optionalSize + Math.min(rvaCount, 16) * DIRECTORY_ENTRY) {
    return fail('malformed', 'its optional header is smaller than its own data directories.');
  }
  const sectionTable = nt + NT_SIGNATURE_AND_FILE_HEADER + file.sizeOfOptionalHeader;
  if (sectionTable + file.numberOfSections * SECTION_HEADER > bytes.length) {
    return fail('truncated', 'truncated inside its section table.');
  }
  const table = Format.ImageSectionHeaderArray.from(
    bytes.buffer as ArrayBuffer,
    file.numberOfSections,
    bytes.byteOffset + sectionTable,
  );
  const symbols = file.pointerToSymbolTable === 0 ? -1 : file.pointerToSymbolTable + file.numberOfSymbols * COFF_SYMBOL;
  const sections: PeSection[] = [];
  table.forEach((s) =>
    sections.push({
      name: longName(bytes, s.name, symbols),
      virtualAddress: s.virtualAddress,
      virtualSize: s.virtualSize,
      rawOffset: s.pointerToRawData,
      rawSize: s.sizeOfRawData,
      hasRelocations: s.numberOfRelocations !== 0 || s.pointerToRelocations !== 0,
    }),
  );
  const certificateDir = rvaCount > CERTIFICATE ? headers.optionalHeaderDataDirectory.get(CERTIFICATE) : undefined;
  const layout = hashLayout(bytes.length, {
    checksumAt: nt + NT_SIGNATURE_AND_FILE_HEADER + CHECKSUM_OFFSET,
    certificateDirAt:
      rvaCount > CERTIFICATE
        ? nt + NT_SIGNATURE_AND_FILE_HEADER + optionalSize + CERTIFICATE * DIRECTORY_ENTRY
        : undefined,
    sizeOfHeaders: optional.sizeOfHeaders,
    sections,
    certificateSize: certificateDir?.size ?? 0,
  });
  return {
    ok: true,
    bytes,
    machine: MACHINES[file.machine] ?? 'other',
    machineCode: file.machine,
    subsystem: SUBSYSTEMS[optional.subsystem] ?? 'notEfi',
    subsystemCode: optional.subsystem,
    pe32Plus: magic === PE32_PLUS_MAGIC,
    sections,
    ...(certificateDir && certificateDir.size > 0
      ? { certificateTable: readCertificateTable(bytes, certificateDir.virtualAddress, certificateDir.size) }
      : {}),
    ...layout,
  };
}

/** `/37` → the name at offset 37 of the COFF string table, which follows the symbol table. */
function longName(bytes: Uint8Array, name: string, stringTable: number): string {
  const match = /^\/(\d{1,7})$/.exec(name);
  if (!match || stringTable < 0) return name;
  const start = stringTable + Number(match[1]);
  if (start >= bytes.length) return name;
  const end = bytes.subarray(start, Math.min(bytes.length, start + 256)).indexOf(0);
  if (end <= 0) return name;
  return Buffer.from(bytes.buffer, bytes.byteOffset + start, end).toString('latin1');
}

interface LayoutInput {
  checksumAt: number;
  certificateDirAt: number | undefined;
  sizeOfHeaders: number;
  sections: PeSection[];
  certificateSize: number;
}

/**
 * The Authenticode ranges, as EDK2's DxeImageVerificationLib (HashPeImage) and shim hash them: the headers
 * up to SizeOfHeaders without the CheckSum and the certificate table's directory entry, every section with
 * raw data in file order, then what follows SumOfBytesHashed up to the certificate table at the end.
 */
function hashLayout(length: number, input: LayoutInput): Pick<PeImage, 'hashRanges' | 'hashProblem'> {
  const { checksumAt, certificateDirAt, sizeOfHeaders } = input;
  const headersNeeded = (certificateDirAt ?? checksumAt - 4) + 8;
  if (sizeOfHeaders > length) return { hashProblem: 'its SizeOfHeaders is larger than the file' };
  if (sizeOfHeaders < headersNeeded) return { hashProblem: 'its SizeOfHeaders ends inside its own headers' };
  const ranges: Array<[number, number]> = [[0, checksumAt]];
  if (certificateDirAt === undefined) ranges.push([checksumAt + 4, sizeOfHeaders]);
  else ranges.push([checksumAt + 4, certificateDirAt], [certificateDirAt + 8, sizeOfHeaders]);
  // A stable sort by file offset: EDK2's insertion sort keeps equal offsets in table order.
  const sections = input.sections.filter((s) => s.rawSize > 0).sort((a, b) => a.rawOffset - b.rawOffset);
  let sum = sizeOfHeaders;
  for (const s of sections) {
    if (s.rawOffset + s.rawSize > length)
      return { hashProblem: `its section ${s.name} extends past the end of the file` };
    sum += s.rawSize;
    // Sections overlap when their raw sizes add up to more than the file: refused, and never hashed twice over.
    if (sum - sizeOfHeaders > length) return { hashProblem: 'its sections overlap each other in the file' };
    ranges.push([s.rawOffset, s.rawOffset + s.rawSize]);
  }
  if (length > sum) {
    if (length > sum + input.certificateSize) ranges.push([sum, length - input.certificateSize]);
    else if (length < sum + input.certificateSize) {
      return { hashProblem: 'its certificate table overlaps the sections' };
    }
  }
  return { hashRanges: ranges };
}

/** The WIN_CERTIFICATE entries, walked as EDK2 walks them: each padded to 8 bytes, stopping at the first bad one. */
function readCertificateTable(bytes: Uint8Array, offset: number, size: number): CertificateTable {
  const table: CertificateTable = { offset, size, entries: [], intact: false };
  if (offset > bytes.length || size > bytes.length - offset) {
    return { ...table, problem: 'the certificate table points past the end of the file' };
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.length);
  const end = offset + size;
  let at = offset;
  while (at < end) {
    const left = end - at;
    if (left <= WIN_CERTIFICATE_HEADER) break;
    const length = view.getUint32(at, true);
    const padding = (8 - (length % 8)) % 8;
    if (left < length || left - length < padding || length <= WIN_CERTIFICATE_HEADER) break;
    if (table.entries.length === MAX_CERTIFICATE_ENTRIES) {
      return {
        ...table,
        problem: `more than ${MAX_CERTIFICATE_ENTRIES} entries in the certificate table; not read on`,
      };
    }
    table.entries.push({
      offset: at,
      length,
      revision: view.getUint16(at + 4, true),
      type: view.getUint16(at + 6, true),
      content: bytes.subarray(at + WIN_CERTIFICATE_HEADER, at + length),
    });
    at += length + padding;
  }
  if (at !== end) return { ...table, problem: 'the certificate table is corrupt (its entries do not fill it exactly)' };
  return { ...table, intact: true };
}

const digests = new WeakMap<PeImage, Map<DigestAlgorithm, string>>();

/** The Authenticode image digest (hex), or undefined when the layout cannot be hashed (`hashProblem` says why). */
export function authenticodeDigest(image: PeImage, algorithm: DigestAlgorithm = 'sha256'): string | undefined {
  if (!image.hashRanges) return undefined;
  let known = digests.get(image);
  if (!known) digests.set(image, (known = new Map()));
  const cached = known.get(algorithm);
  if (cached) return cached;
  const hash = createHash(algorithm);
  for (const [start, end] of image.hashRanges) hash.update(image.bytes.subarray(start, end));
  const hex = hash.digest('hex');
  known.set(algorithm, hex);
  return hex;
}

/** The raw bytes of the first section of that name, bounded by the file; undefined when absent. */
export function sectionData(image: PeImage, name: string): Uint8Array | undefined {
  const section = image.sections.find((s) => s.name === name);
  if (!section || section.rawSize === 0 || section.rawOffset >= image.bytes.length) return undefined;
  return image.bytes.subarray(section.rawOffset, Math.min(image.bytes.length, section.rawOffset + section.rawSize));
}

/** A Linux kernel's EFI stub: the boot protocol's "HdrS" magic at 0x202. */
export function isLinuxKernel(image: PeImage): boolean {
  const b = image.bytes;
  return b.length > 0x206 && b[0x202] === 0x48 && b[0x203] === 0x64 && b[0x204] === 0x72 && b[0x205] === 0x53;
}
