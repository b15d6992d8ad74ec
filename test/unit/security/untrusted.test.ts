import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import {
  confine,
  escapeControl,
  gunzipCapped,
  jsonDepthExceeded,
  parseJsonCapped,
  readCapped,
  readCappedAsync,
  UntrustedInputError,
} from '../../../lib/core/untrusted';
import { diskFiles } from '../../../lib/site/disk';

const dir = (): string => mkdtempSync(join(tmpdir(), 'pxe-untrusted-'));

describe('readCapped: regular files only, with a cap', () => {
  it('reads a small regular file', () => {
    const d = dir();
    writeFileSync(join(d, 'a.ipxe'), '#!ipxe\n');
    const read = readCapped(join(d, 'a.ipxe'));
    expect(read.ok && read.bytes.toString()).toBe('#!ipxe\n');
  });

  it('reads a file to its end, whatever its size, and one whose size the system does not give (/proc)', async () => {
    const d = dir();
    for (const size of [0, 1, 4095, 4096, 8193, 70_000, 300_000]) {
      const text = 'x'.repeat(size);
      writeFileSync(join(d, 'f'), text);
      const read = readCapped(join(d, 'f'));
      expect(read.ok && read.bytes.toString(), String(size)).toBe(text);
      const asyncRead = await readCappedAsync(join(d, 'f'));
      expect(asyncRead.ok && asyncRead.bytes.toString(), String(size)).toBe(text);
    }
    const status = readCapped('/proc/self/status');
    expect(status.ok && status.bytes.toString()).toMatch(/^Name:[\s\S]*VmRSS:/);
  });

  it('refuses a FIFO without blocking (a plain open would wait for a writer forever)', async () => {
    const d = dir();
    execFileSync('mkfifo', [join(d, 'pipe')]);
    expect(readCapped(join(d, 'pipe'))).toMatchObject({
      ok: false,
      reason: 'notFile',
      message: expect.stringContaining('named pipe'),
    });
    expect(await readCappedAsync(join(d, 'pipe'))).toMatchObject({ ok: false, reason: 'notFile' });
  });

  it('refuses a device, also behind a symbolic link (/dev/zero never ends)', () => {
    const d = dir();
    symlinkSync('/dev/zero', join(d, 'router.rsc'));
    expect(readCapped(join(d, 'router.rsc'))).toMatchObject({
      ok: false,
      reason: 'notFile',
      message: expect.stringContaining('device'),
    });
  });

  it('refuses a file over the cap with a message that names the cap', () => {
    const d = dir();
    writeFileSync(join(d, 'big.ipxe'), Buffer.alloc(2048, 0x61));
    expect(readCapped(join(d, 'big.ipxe'), 1024)).toMatchObject({
      ok: false,
      reason: 'tooLarge',
      message: expect.stringContaining('larger than'),
    });
    expect(readCapped(join(d, 'big.ipxe'), 4096).ok).toBe(true);
  });

  it('says missing for a path that is not there', () => {
    expect(readCapped(join(dir(), 'nope'))).toMatchObject({ ok: false, reason: 'missing' });
  });
});

describe('parse limits', () => {
  it('finds where JSON nests past the cap, ignoring brackets in strings, without recursion', () => {
    expect(jsonDepthExceeded('{"a":[1,2,{"b":"[[[[[["}]}', 3)).toBe(-1);
    expect(jsonDepthExceeded('[[[[1]]]]', 3)).toBe(3);
    expect(jsonDepthExceeded('"\\"[[[["', 1)).toBe(-1);
    const deep = '['.repeat(1_000_000) + ']'.repeat(1_000_000);
    expect(jsonDepthExceeded(deep)).toBe(256);
    expect(() => parseJsonCapped(deep, 'tree.json')).toThrow(UntrustedInputError);
  });

  it('inflates gzip only up to the output cap (a bomb is refused, not decompressed)', () => {
    const bomb = gzipSync(Buffer.alloc(32 * 1024 * 1024), { level: 9 });
    expect(bomb.length).toBeLessThan(64 * 1024);
    expect(gunzipCapped(bomb, 1024 * 1024)).toMatchObject({ ok: false, reason: 'tooLarge' });
    const ok = gunzipCapped(gzipSync(Buffer.from('hello')), 1024);
    expect(ok.ok && ok.bytes.toString()).toBe('hello');
    expect(gunzipCapped(Buffer.from('not gzip'))).toMatchObject({ ok: false, reason: 'corrupt' });
  });
});

describe('confinement', () => {
  it('follows links for real: a chain of links that climbs out is outside, a link that stays in is inside', () => {
    const d = dir();
    const root = join(d, 'tftp');
    mkdirSync(join(root, 'd1/d2/d3/d4'), { recursive: true });
    symlinkSync('../../../..', join(root, 'd1/d2/d3/d4/x'));
    symlinkSync('d1/d2/d3/d4/x/../../../../etc', join(root, 'y'));
    symlinkSync('d1', join(root, 'inside'));
    expect(confine(root, 'y/passwd')).toBeUndefined();
    expect(confine(root, '../etc')).toBeUndefined();
    expect(confine(root, 'inside/d2')).toBe(join(root, 'd1/d2'));
    expect(confine(root, 'new/file')).toBe(join(root, 'new/file'));
    // A dangling link is judged by where a write through it would land.
    symlinkSync(join(d, 'outside-not-yet'), join(root, 'dangling'));
    expect(confine(root, 'dangling')).toBeUndefined();
  });
});

describe('names shown to the user', () => {
  it('escapes control characters and bidi overrides, keeps ordinary text', () => {
    expect(escapeControl('a\n+ upload /etc/passwd')).toBe('a\\n+ upload /etc/passwd');
    expect(escapeControl('\u001b[2Kx\u0007')).toBe('\\x1b[2Kx\\x07');
    expect(escapeControl('evil\u202etxt.exe')).toBe('evil\\u202etxt.exe');
    expect(escapeControl('grüße/boot.ipxe')).toBe('grüße/boot.ipxe');
  });
});

describe('binary detection', () => {
  it('NUL or invalid UTF-8 in the first 8 KiB is binary; UTF-8 cut at the edge is not', async () => {
    const { isBinary, textLooksBinary } = await import('../../../lib/core/untrusted');
    expect(isBinary(Buffer.from('DEFAULT menu.c32\n'))).toBe(false);
    expect(isBinary(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0]))).toBe(true);
    expect(isBinary(Buffer.from('caf\xe9', 'latin1'))).toBe(true);
    const edge = Buffer.concat([Buffer.alloc(8191, 0x61), Buffer.from('ü')]);
    expect(isBinary(edge)).toBe(false);
    expect(isBinary(Buffer.concat([Buffer.alloc(9000, 0x61), Buffer.from([0])]))).toBe(false);
    expect(textLooksBinary('a\u0000b')).toBe(true);
    expect(textLooksBinary('grüße')).toBe(false);
  });
});

describe('the disk view reads heads of regular files only', () => {
  it('a FIFO named like a loader is not read (no hang), a file is read up to the cap and no further', () => {
    const d = dir();
    execFileSync('mkfifo', [join(d, 'shimx64.efi')]);
    writeFileSync(join(d, 'grubx64.efi'), Buffer.alloc(1000, 7));
    const files = diskFiles();
    expect(files.head?.(join(d, 'shimx64.efi'), 4096)).toBeUndefined();
    expect(files.stamp?.(join(d, 'shimx64.efi'))).toBeUndefined();
    expect(files.head?.(join(d, 'grubx64.efi'), 100)?.length).toBe(100);
    expect(files.head?.(join(d, 'grubx64.efi'), 1 << 20)?.length).toBe(1000);
    expect(files.stamp?.(join(d, 'grubx64.efi'))).toMatch(/^1000:/);
  });
});
