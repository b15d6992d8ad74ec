/**
 * The PE reader on the real files: what they are, their certificate tables, and the Authenticode digest,
 * which must equal osslsigncode's and the one each signature carries. Then each guard, on a file made to
 * need it.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  authenticodeDigest,
  MAX_CERTIFICATE_ENTRIES,
  MAX_KERNEL_BYTES,
  parsePe,
  readPe,
  type PeImage,
  type PeResult,
} from '../../../lib/secureboot';
import { FILES, osslDigests, read, signCopy, makePki, workDir } from './files';

function ok(result: PeResult): PeImage {
  if (!result.ok) throw new Error(result.message);
  return result;
}

const view = (bytes: Uint8Array): DataView => new DataView(bytes.buffer, bytes.byteOffset, bytes.length);
const ntOf = (bytes: Uint8Array): number => view(bytes).getUint32(0x3c, true);
/** The certificate table's data directory entry of a PE32+ image. */
const certificateDirAt = (bytes: Uint8Array): number => ntOf(bytes) + 24 + 112 + 4 * 8;

describe('reading the real EFI files', () => {
  it('knows what each file is, with shim’s long section names resolved', () => {
    const shim = ok(readPe(FILES.shim()));
    expect(shim.machine).toBe('x64');
    expect(shim.subsystem).toBe('efiApplication');
    expect(shim.pe32Plus).toBe(true);
    expect(shim.sections.map((s) => s.name)).toEqual(
      expect.arrayContaining(['.text', '.sbat', '.sbatlevel', '.vendor_cert', '.data.ident']),
    );
    for (const path of [FILES.grub(), FILES.ipxe(), FILES.syslinux()]) {
      const image = ok(readPe(path));
      expect([image.machine, image.subsystem], path).toEqual(['x64', 'efiApplication']);
    }
    // The kernel's optional header has 6 data directories, not 16: its sections start earlier.
    const kernel = ok(readPe(FILES.kernel(), MAX_KERNEL_BYTES));
    expect(kernel.sections.map((s) => s.name)).toContain('.text');
  });

  it('reads every WIN_CERTIFICATE of shim’s table (two, 8-byte aligned), one of GRUB’s, none of iPXE’s', () => {
    const table = ok(readPe(FILES.shim())).certificateTable!;
    expect(table.intact).toBe(true);
    expect(table.entries.map((e) => [e.type, e.revision])).toEqual([
      [2, 0x200],
      [2, 0x200],
    ]);
    expect(table.entries[1]!.offset - table.entries[0]!.offset).toBe(Math.ceil(table.entries[0]!.length / 8) * 8);
    expect(ok(readPe(FILES.grub())).certificateTable?.entries).toHaveLength(1);
    expect(ok(readPe(FILES.ipxe())).certificateTable).toBeUndefined();
    expect(ok(readPe(FILES.syslinux())).certificateTable).toBeUndefined();
  });

  it('computes the Authenticode digest osslsigncode computes for Debian’s GRUB and kernel', () => {
    for (const path of [FILES.grub(), FILES.kernel()]) {
      const ossl = osslDigests(path);
      expect(ossl.current, path).toMatch(/^[0-9a-f]{64}$/);
      expect(authenticodeDigest(ok(readPe(path, MAX_KERNEL_BYTES))), path).toBe(ossl.current);
      expect(ossl.calculated).toBe(ossl.current);
    }
  });

  it('computes shim’s digest past its two-entry table (osslsigncode reads a copy holding the first entry)', () => {
    const bytes = read(FILES.shim());
    const table = ok(parsePe(bytes)).certificateTable!;
    const first = table.entries[0]!;
    // osslsigncode refuses a table of more than one entry ("Corrupted attribute certificate table").
    const single = new Uint8Array(bytes.subarray(0, first.offset + first.length));
    view(single).setUint32(certificateDirAt(single) + 4, first.length, true);
    const path = join(workDir(), 'shim-first-signature.efi');
    writeFileSync(path, single);
    const ossl = osslDigests(path);
    expect(ossl.current).toMatch(/^[0-9a-f]{64}$/);
    expect(authenticodeDigest(ok(parsePe(bytes)))).toBe(ossl.current);
    expect(authenticodeDigest(ok(parsePe(single)))).toBe(ossl.current);
  });

  it('digests an unsigned file as the signature osslsigncode then adds says (iPXE, syslinux.efi)', () => {
    const pki = makePki();
    for (const path of [FILES.ipxe(), FILES.syslinux()]) {
      const signed = signCopy(path, pki);
      expect(authenticodeDigest(ok(readPe(path))), path).toBe(osslDigests(signed.path).current);
      expect(authenticodeDigest(ok(parsePe(signed.bytes)))).toBe(authenticodeDigest(ok(readPe(path))));
    }
  });

  it('computes SHA-1 too, for signatures that use it', () => {
    expect(authenticodeDigest(ok(readPe(FILES.grub())), 'sha1')).toMatch(/^[0-9a-f]{40}$/);
  });
});

describe('guards on hostile bytes', () => {
  it('refuses a file over the size cap without reading it', () => {
    const shim = read(FILES.shim());
    expect(parsePe(shim, 4096)).toMatchObject({ ok: false, reason: 'tooLarge' });
    expect(readPe(FILES.shim(), 4096)).toMatchObject({ ok: false, reason: 'tooLarge' });
    expect(parsePe(shim).ok).toBe(true);
  });

  it('says why a path cannot be read', () => {
    expect(readPe(join(workDir(), 'no-such.efi'))).toMatchObject({ ok: false, reason: 'unreadable' });
    expect(readPe(workDir())).toMatchObject({ ok: false, reason: 'unreadable', message: /a folder/ });
  });

  it('says "not a PE image" and "truncated" instead of throwing', () => {
    expect(parsePe(new TextEncoder().encode('#!ipxe\nchain http://x/\n'))).toMatchObject({ reason: 'notPe' });
    expect(parsePe(new Uint8Array())).toMatchObject({ reason: 'notPe' });
    const shim = read(FILES.shim());
    expect(parsePe(shim.subarray(0, 40))).toMatchObject({ reason: 'truncated' });
    expect(parsePe(shim.subarray(0, 140))).toMatchObject({ reason: 'truncated', message: /before its PE header/ });
    expect(parsePe(shim.subarray(0, 300))).toMatchObject({ reason: 'truncated', message: /inside its PE header/ });
    expect(parsePe(shim.subarray(0, 500))).toMatchObject({ reason: 'truncated', message: /section table/ });
    const farHeader = new Uint8Array(shim.subarray(0, 4096));
    view(farHeader).setUint32(0x3c, 0xfffffff0, true);
    expect(parsePe(farHeader)).toMatchObject({ reason: 'truncated' });
  });

  it('reads a file cut inside its sections, but cannot digest it', () => {
    const cut = ok(parsePe(read(FILES.shim()).subarray(0, 600_000)));
    expect(cut.hashProblem).toMatch(/extends past the end/);
    expect(authenticodeDigest(cut)).toBeUndefined();
    expect(cut.certificateTable?.problem).toMatch(/past the end of the file/);
  });

  it('does not follow a certificate table that points past the end of the file', () => {
    const bytes = new Uint8Array(read(FILES.grub()));
    view(bytes).setUint32(certificateDirAt(bytes), bytes.length - 8, true);
    view(bytes).setUint32(certificateDirAt(bytes) + 4, 1 << 30, true);
    const table = ok(parsePe(bytes)).certificateTable!;
    expect(table).toMatchObject({ intact: false, entries: [] });
    expect(table.problem).toMatch(/past the end/);
  });

  it('reads at most MAX_CERTIFICATE_ENTRIES entries of a table of thousands', () => {
    const ipxe = read(FILES.ipxe());
    const count = 5000;
    const table = new Uint8Array(count * 16);
    for (let i = 0; i < count; i++) {
      view(table).setUint32(i * 16, 16, true);
      view(table).setUint16(i * 16 + 4, 0x200, true);
      view(table).setUint16(i * 16 + 6, 2, true);
    }
    const bytes = new Uint8Array(ipxe.length + table.length);
    bytes.set(ipxe);
    bytes.set(table, ipxe.length);
    view(bytes).setUint32(certificateDirAt(bytes), ipxe.length, true);
    view(bytes).setUint32(certificateDirAt(bytes) + 4, table.length, true);
    const read_ = ok(parsePe(bytes)).certificateTable!;
    expect(read_.entries).toHaveLength(MAX_CERTIFICATE_ENTRIES);
    expect(read_.problem).toMatch(/more than 64 entries/);
  });

  it('refuses sections that overlap instead of hashing the file over and over', () => {
    const bytes = new Uint8Array(read(FILES.ipxe()));
    const nt = ntOf(bytes);
    const sections = 400;
    view(bytes).setUint16(nt + 6, sections, true);
    const table = nt + 24 + view(bytes).getUint16(nt + 20, true);
    for (let i = 0; i < sections; i++) {
      view(bytes).setUint32(table + i * 40 + 16, bytes.length, true); // SizeOfRawData: the whole file
      view(bytes).setUint32(table + i * 40 + 20, 0, true); // PointerToRawData: its start
    }
    const started = performance.now();
    const image = ok(parsePe(bytes));
    expect(image.hashProblem).toMatch(/overlap/);
    expect(authenticodeDigest(image)).toBeUndefined();
    expect(performance.now() - started).toBeLessThan(500);
  });

  it('keeps a long section name when the string table is out of the file', () => {
    const bytes = new Uint8Array(read(FILES.shim()));
    view(bytes).setUint32(ntOf(bytes) + 4 + 8, 0x7ffffff0, true); // PointerToSymbolTable
    const names = ok(parsePe(bytes)).sections.map((s) => s.name);
    expect(names).toContain('/37');
    expect(names).not.toContain('.vendor_cert');
  });

  it('refuses an optional header smaller than its own data directories', () => {
    const bytes = new Uint8Array(read(FILES.grub()));
    view(bytes).setUint16(ntOf(bytes) + 4 + 16, 112, true); // SizeOfOptionalHeader without the 16 directories
    expect(parsePe(bytes)).toMatchObject({ ok: false, reason: 'malformed' });
  });
});
