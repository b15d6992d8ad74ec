/**
 * data: URLs and gzip past our caps (issue #19, item 7): a URL over MAX_DATA_URL_CHARS is not decoded on
 * each validation, and gzip contents never inflate past MAX_INFLATE_BYTES (a small bomb cannot take memory).
 */
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { MAX_INFLATE_BYTES } from '../../../lib/core/untrusted';
import { lintText } from '../../../lib/engine';
import { ignition } from '../../../lib/languages/ignition';
import {
  DataUrlTooLargeError,
  decodeDataUrl,
  encodeDataUrl,
  MAX_DATA_URL_CHARS,
} from '../../../lib/languages/ignition/dataUrl';
import { EmbeddedError, readEmbedded } from '../../../lib/languages/ignition/embedded';
import { flagged } from '../../helpers/markers';

const MIB = 1024 * 1024;
const PATH = ['storage', 'files', 0, 'contents', 'source'];
const config = (source: string, gzip = false): string =>
  `{ "ignition": { "version": "3.4.0" }, "storage": { "files": [{ "path": "/var/x", "contents": { ` +
  `${gzip ? '"compression": "gzip", ' : ''}"source": ${JSON.stringify(source)} } }] } }`;

/** `mib` MiB of zeros as concatenated gzip members of 1 MiB each: about 1 KiB per MiB, built without the MiBs. */
function gzipBomb(mib: number, tail = Buffer.alloc(0)): Buffer {
  const member = gzipSync(Buffer.alloc(MIB), { level: 9 });
  return Buffer.concat([...Array.from({ length: mib }, () => member), gzipSync(tail)]);
}

function hoverAt(text: string, needle: string): string {
  const { ast } = ignition.parse(text);
  return ignition.hover?.(ast, text, text.indexOf(needle) + 1)?.markdown ?? '';
}

describe('ignition.dataUrlTooLarge', () => {
  const RULE = 'ignition.dataUrlTooLarge';
  // 50 MB of URL: once decoded through a number[] on every validation (16 s each).
  const huge = `data:;base64,${'A'.repeat(50_000_000)}`;

  it('says at the URL that a data: URL over the cap is not checked, as information', () => {
    const text = config(huge);
    const findings = lintText('c.ign', text).findings;
    expect(findings.map((f) => `${f.severity} ${f.ruleId} ${f.start}-${f.end}`)).toEqual([
      `info ${RULE} ${text.indexOf('"data:')}-${text.indexOf('"data:') + huge.length + 2}`,
    ]);
    expect(findings[0]?.message).toMatch(
      /47\.7 MiB long, more than the 8\.0 MiB .* not checked \(Ignition still reads it\)/,
    );
  });

  it('does not decode it: neither the rules, nor the hover, nor the actions', () => {
    expect(() => decodeDataUrl(huge)).toThrow(DataUrlTooLargeError);
    // Broken past the cap: Ignition would refuse it, but we do not look, and say so (the info above).
    const broken = config(`data:,${'a'.repeat(MAX_DATA_URL_CHARS)}%ZZ`);
    expect(lintText('c.ign', broken).findings.map((f) => f.ruleId)).toEqual([RULE]);
    const text = config(huge);
    expect(hoverAt(text, '"data:')).toMatch(/^data: URL too large to show: the data: URL is 47\.7 MiB long/);
    const at = text.indexOf('"data:') + 1;
    expect(ignition.actions?.(ignition.parse(text).ast, text, at, at)).toEqual([]);
  });

  it('stays quiet at the cap, and decodes long percent-encoded data into the same bytes', () => {
    const bytes = Buffer.from(Array.from({ length: 3 * MIB }, (_, i) => (i * 7) & 0xff));
    const url = encodeDataUrl(bytes, { base64: false });
    expect(url.length).toBeLessThanOrEqual(MAX_DATA_URL_CHARS);
    expect(decodeDataUrl(url).bytes.equals(bytes)).toBe(true);
    expect(flagged(RULE, 'c.ign', config(url))).toEqual([]);
    expect(flagged(RULE, 'c.ign', config(`data:,${'a'.repeat(MAX_DATA_URL_CHARS - 6)}`))).toEqual([]);
  });
});

describe('gzip contents past the inflate cap', () => {
  const bomb = config(`data:;base64,${gzipBomb(MAX_INFLATE_BYTES / MIB + 16).toString('base64')}`, true);

  it('hover says the contents are too large to show', () => {
    expect(hoverAt(bomb, '"data:')).toBe(
      'data: URL too large to show: the gzip data inflates to more than 64 MiB; not decompressed. Check that it is the file you meant.',
    );
  });

  it('the decoded view and `ignition decode` refuse it with the reason', () => {
    expect(() => readEmbedded(bomb, PATH)).toThrow(EmbeddedError);
    expect(() => readEmbedded(bomb, PATH)).toThrow(/too large to open: the gzip data inflates to more than 64 MiB/);
    expect(() => readEmbedded(bomb, PATH, { maxInflateBytes: 2 * MIB })).toThrow(/more than 2 MiB/);
  });

  it('rules read gzip contents up to the cap and no further', () => {
    const line = 'ExecStart=-/sbin/agetty --autologin core\n';
    const gz = (bytes: Buffer): string => config(`data:;base64,${bytes.toString('base64')}`, true);
    expect(flagged('ignition.autologin', 'c.ign', gz(gzipSync(Buffer.from(line))))).toHaveLength(1);
    expect(flagged('ignition.autologin', 'c.ign', gz(gzipBomb(8, Buffer.from(line))))).toHaveLength(1);
    // Past the cap the contents are not read at all (so not checked), and nothing fails.
    const findings = lintText('c.ign', gz(gzipBomb(MAX_INFLATE_BYTES / MIB + 16, Buffer.from(line)))).findings;
    expect(findings.map((f) => f.ruleId)).toEqual([]);
  });

  it('a corrupt gzip is said, not thrown', () => {
    const corrupt = config(`data:;base64,${Buffer.from('not gzip at all').toString('base64')}`, true);
    expect(hoverAt(corrupt, '"data:')).toMatch(/^data: URL marked gzip, but the gzip data is corrupt/);
    expect(() => readEmbedded(corrupt, PATH)).toThrow(/say gzip but do not decompress/);
  });
});
