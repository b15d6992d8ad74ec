import { describe, expect, it } from 'vitest';
import { flagged, lintFixture } from '../../helpers/markers';

const RULE = 'ignition.invalidEntry';
const wrap = (rest: string, version = '3.4.0'): string => `{ "ignition": { "version": "${version}" }, ${rest} }`;

describe(RULE, () => {
  it('flags "overwrite": true on a file without contents.source (append does not count)', () => {
    expect(flagged(RULE, 'c.ign', wrap('"storage": { "files": [{ "path": "/a", "overwrite": true, "append": [{ "source": "data:,x" }] }] }'))).toEqual(['true']);
    expect(flagged(RULE, 'c.ign', wrap('"storage": { "files": [{ "path": "/a", "overwrite": true, "contents": null }] }', '3.0.0'))).toEqual(['true']);
    expect(flagged(RULE, 'c.ign', wrap('"storage": { "files": [{ "path": "/a", "overwrite": true, "contents": { "source": "data:,x" } }, { "path": "/b", "overwrite": false }] }'))).toEqual([]);
  });

  it('flags a link without a target from spec 3.3.0 on (before, the schema requires it)', () => {
    const r = lintFixture('c.ign', `${wrap('"storage": { "links": [{ "path": "/l" }] }')}\n                                                               ^^^^^^ ${RULE}\n`);
    expect(r.actual).toEqual(r.expected);
    expect(r.findings[0]!.message).toContain('link target is required');
    expect(flagged(RULE, 'c.ign', wrap('"storage": { "links": [{ "path": "/l", "target": "" }] }', '3.6.0'))).toEqual(['""']);
    expect(flagged(RULE, 'c.ign', wrap('"storage": { "links": [{ "path": "/l" }] }', '3.2.0'))).toEqual([]);
    expect(flagged(RULE, 'c.ign', wrap('"storage": { "links": [{ "path": "/l", "target": "/t" }] }'))).toEqual([]);
  });
});
