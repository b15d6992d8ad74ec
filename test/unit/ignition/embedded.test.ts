import { gzipSync } from 'node:zlib';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeDataUrl, encodeDataUrl } from '../../../lib/languages/ignition/dataUrl';
import { readEmbedded, writeEmbedded } from '../../../lib/languages/ignition/embedded';

const config = (source: string, compression?: string): string =>
  `{\n  "ignition": { "version": "3.4.0" },\n  "storage": { "files": [{ "path": "/etc/motd", "contents": { ` +
  `${compression ? `"compression": "${compression}", ` : ''}"source": ${JSON.stringify(source)} } ` +
  `}] }\n}\n`;
const PATH = ['storage', 'files', 0, 'contents', 'source'];

describe('data: URLs', () => {
  it('decode percent-encoded and base64 data, and reject broken ones', () => {
    expect(decodeDataUrl('data:,hello%20world%0A').bytes.toString()).toBe('hello world\n');
    expect(decodeDataUrl('data:text/plain;base64,aGk=').bytes.toString()).toBe('hi');
    expect(() => decodeDataUrl('data:,100%')).toThrow(/percent escape/);
    expect(() => decodeDataUrl('data:;base64,a')).toThrow(/base64/);
    expect(() => decodeDataUrl('data:nocomma')).toThrow(/comma/);
  });

  it('encode and decode back to the same bytes, either way (property)', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 200 }), fc.boolean(), (data, base64) => {
        const bytes = Buffer.from(data);
        expect(decodeDataUrl(encodeDataUrl(bytes, { base64 })).bytes.equals(bytes)).toBe(true);
      }),
      { numRuns: 500, seed: 3 },
    );
  });
});

describe('editing an embedded file', () => {
  it('round-trips byte for byte when nothing was edited, in every form (property)', () => {
    const source = fc.oneof(
      fc.string({ maxLength: 80 }).map((s) => encodeDataUrl(Buffer.from(s), { base64: false })),
      fc.string({ maxLength: 80 }).map((s) => encodeDataUrl(Buffer.from(s), { base64: true, mediaType: 'text/plain' })),
      // Hand-written forms we would not produce ourselves: lower-case escapes, needless escapes.
      fc
        .string({ maxLength: 40 })
        .map((s) => `data:,${[...Buffer.from(s)].map((b) => `%${b.toString(16).padStart(2, '0')}`).join('')}`),
    );
    fc.assert(
      fc.property(source, fc.boolean(), (url, gzip) => {
        const text = gzip
          ? config(encodeDataUrl(gzipSync(decodeDataUrl(url).bytes), { base64: true }), 'gzip')
          : config(url);
        const { bytes } = readEmbedded(text, PATH);
        expect(writeEmbedded(text, PATH, bytes)).toBe(text);
      }),
      { numRuns: 300, seed: 11 },
    );
  });

  it('keeps the form when the text changes: percent stays percent, base64 stays base64, gzip stays gzip', () => {
    const percent = writeEmbedded(config('data:,old'), PATH, Buffer.from('new text\n'));
    expect(percent).toContain('"source": "data:,new%20text%0A"');
    const base64 = writeEmbedded(config('data:;base64,b2xk'), PATH, Buffer.from('new'));
    expect(base64).toContain('"source": "data:;base64,bmV3"');
    const gz = config(encodeDataUrl(gzipSync(Buffer.from('old')), { base64: true }), 'gzip');
    const edited = writeEmbedded(gz, PATH, Buffer.from('new'));
    expect(readEmbedded(edited, PATH)).toMatchObject({ gzip: true, base64: true });
    expect(readEmbedded(edited, PATH).bytes.toString()).toBe('new');
  });

  it('explains when the config changed under the view', () => {
    expect(() => readEmbedded('{}', PATH)).toThrow(/No data: URL/);
  });
});
