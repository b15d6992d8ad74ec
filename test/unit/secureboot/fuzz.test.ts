/**
 * Property tests: random bytes, and the real files cut short or with their headers, section table,
 * certificate table, `.vendor_cert` and SBAT fields overwritten (huge sizes and offsets among them), never
 * make the reader or a verdict throw, and each verdict comes back in bounded time.
 */
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  firmwareDb,
  firmwareVerdict,
  parsePe,
  shimVendorCert,
  shimVerdict,
  type PeImage,
  type ShimVendor,
} from '../../../lib/secureboot';
import { FILES, read } from './files';

/** Each verdict must come back well within this (the slowest real one takes a few tens of milliseconds). */
const BOUND_MS = 3000;
const SPECIAL = [0, 1, 7, 8, 9, 0x7fffffff, 0x80000000, 0xfffffff8, 0xffffffff];

let seeds: Array<{ name: string; bytes: Uint8Array; hot: Array<[number, number]> }>;
let debian: ShimVendor;

/** Where a change means something to the reader: PE header, section table, and the tables it follows. */
function hotRegions(image: PeImage): Array<[number, number]> {
  const nt = new DataView(image.bytes.buffer, image.bytes.byteOffset).getUint32(0x3c, true);
  const sectionTable = nt + 24 + new DataView(image.bytes.buffer, image.bytes.byteOffset).getUint16(nt + 20, true);
  const regions: Array<[number, number]> = [
    [nt + 4, sectionTable],
    [sectionTable, sectionTable + image.sections.length * 40],
  ];
  const table = image.certificateTable;
  // The certificate table and the vendor certificate whole: their DER is what pkijs reads.
  if (table) regions.push([table.offset, table.offset + Math.min(table.size, 4096)]);
  for (const [name, length] of [
    ['.vendor_cert', 1024],
    ['.sbat', 256],
    ['.sbatlevel', 128],
  ] as const) {
    const s = image.sections.find((section) => section.name === name);
    if (s) regions.push([s.rawOffset, s.rawOffset + length]);
  }
  return regions;
}

beforeAll(() => {
  seeds = (['shim', 'grub', 'ipxe', 'syslinux'] as const).map((name) => {
    const bytes = read(FILES[name]());
    const image = parsePe(bytes);
    if (!image.ok) throw new Error(image.message);
    return { name, bytes, hot: hotRegions(image) };
  });
  const vendor = shimVendorCert(seeds[0]!.bytes);
  if (!vendor.ok) throw new Error(vendor.message);
  debian = vendor;
});

async function judgeAll(bytes: Uint8Array): Promise<void> {
  const started = performance.now();
  const image = parsePe(bytes);
  shimVendorCert(image);
  firmwareVerdict(image, firmwareDb());
  shimVerdict(image, debian, firmwareDb());
  shimVerdict(image, debian, firmwareDb(), { stage: 'kernel' });
  expect(performance.now() - started).toBeLessThan(BOUND_MS);
}

const edit = fc.record({
  region: fc.nat(),
  at: fc.nat(),
  value: fc.oneof(fc.constantFrom(...SPECIAL), fc.integer({ min: 0, max: 0xffffffff })),
  width: fc.constantFrom(1, 2, 4),
});

describe('hostile EFI files', () => {
  it('never throws on random bytes, with or without an MZ/PE header in front', async () => {
    const header = fc.constantFrom(new Uint8Array(), new Uint8Array([0x4d, 0x5a]));
    await fc.assert(
      fc.asyncProperty(header, fc.uint8Array({ maxLength: 4096 }), async (head, body) => {
        const bytes = new Uint8Array(head.length + body.length);
        bytes.set(head);
        bytes.set(body, head.length);
        await judgeAll(bytes);
      }),
      { numRuns: 300 },
    );
  }, 60_000);

  it('never throws on real files with fields overwritten (huge sizes too) or cut short', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.nat(),
        fc.array(edit, { minLength: 1, maxLength: 3 }),
        fc.oneof(
          { weight: 4, arbitrary: fc.constant(null) },
          { weight: 1, arbitrary: fc.double({ min: 0, max: 1, noNaN: true }) },
        ),
        async (which, edits, cut) => {
          const seed = seeds[which % seeds.length]!;
          const bytes = new Uint8Array(seed.bytes);
          const view = new DataView(bytes.buffer);
          for (const e of edits) {
            const [start, end] = seed.hot[e.region % seed.hot.length]!;
            const at = Math.min(bytes.length - 4, start + (e.at % (end - start)));
            if (e.width === 1) view.setUint8(at, e.value & 0xff);
            else if (e.width === 2) view.setUint16(at, e.value & 0xffff, true);
            else view.setUint32(at, e.value >>> 0, true);
          }
          await judgeAll(cut === null ? bytes : bytes.subarray(0, Math.floor(bytes.length * cut)));
        },
      ),
      { numRuns: 150 },
    );
  }, 120_000);
});
