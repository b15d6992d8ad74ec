import { describe, expect, it } from 'vitest';
import { applyFix, flagged, lintFixture } from '../../helpers/markers';

const RULE = 'ignition.malformedUrl';
const file = (source: string): string =>
  `{ "ignition": { "version": "3.3.0" }, "storage": { "files": [{ "path": "/k", "contents": { "source": "${source}" } }] } }`;

describe(RULE, () => {
  it('flags a URL with no host after its scheme (tchnmf/fcos-ops: "http:192.168.122.1/gpg/gpg.key")', () => {
    const r = lintFixture('c.ign', file('http:192.168.122.1/gpg/gpg.key'), RULE);
    expect(r.findings.map((f) => f.severity)).toEqual(['warning']);
    expect(applyFix(r.text, r.findings[0]!)).toContain('"http://192.168.122.1/gpg/gpg.key"');
    expect(flagged(RULE, 'c.ign', file('https:/nas/a'))).toEqual(['"https:/nas/a"']);
    expect(flagged(RULE, 'c.ign', file('tftp:///a'))).toEqual(['"tftp:///a"']);
  });

  it('leaves well-formed and host-less schemes alone', () => {
    for (const ok of [
      'http://10.0.0.1/a',
      'https://nas:8443/a?x=1',
      's3://bucket/key',
      'data:,hi',
      'tftp://10.0.0.1/a',
    ])
      expect(flagged(RULE, 'c.ign', file(ok))).toEqual([]);
  });
});
