import { describe, expect, it } from 'vitest';
import { flagged, lintFixture } from '../../helpers/markers';

const RULE = 'ignition.invalidEntry';
const wrap = (rest: string, version = '3.4.0'): string => `{ "ignition": { "version": "${version}" }, ${rest} }`;

describe(RULE, () => {
  it('flags "overwrite": true on a file without contents.source (append does not count)', () => {
    expect(
      flagged(
        RULE,
        'c.ign',
        wrap('"storage": { "files": [{ "path": "/a", "overwrite": true, "append": [{ "source": "data:,x" }] }] }'),
      ),
    ).toEqual(['true']);
    expect(
      flagged(
        RULE,
        'c.ign',
        wrap('"storage": { "files": [{ "path": "/a", "overwrite": true, "contents": null }] }', '3.0.0'),
      ),
    ).toEqual(['true']);
    expect(
      flagged(
        RULE,
        'c.ign',
        wrap(
          '"storage": { "files": [{ "path": "/a", "overwrite": true, "contents": { "source": "data:,x" } }, { "path": ' +
            '"/b", "overwrite": false }] }',
        ),
      ),
    ).toEqual([]);
  });

  it('flags a link without a target from spec 3.3.0 on (before, the schema requires it)', () => {
    const r = lintFixture(
      'c.ign',
      `${wrap('"storage": { "links": [{ "path": "/l" }] }')}\n                                                             ^ ${RULE}\n`,
    );
    expect(r.actual).toEqual(r.expected);
    expect(r.findings[0]!.message).toContain('link target is required');
    expect(flagged(RULE, 'c.ign', wrap('"storage": { "links": [{ "path": "/l", "target": "" }] }', '3.6.0'))).toEqual([
      '""',
    ]);
    expect(flagged(RULE, 'c.ign', wrap('"storage": { "links": [{ "path": "/l" }] }', '3.2.0'))).toEqual([]);
    expect(flagged(RULE, 'c.ign', wrap('"storage": { "links": [{ "path": "/l", "target": "/t" }] }'))).toEqual([]);
  });

  it('flags fields Ignition requires beyond the schema: merge and CA source, RAID level, LUKS device', () => {
    expect(
      flagged(RULE, 'c.ign', '{ "ignition": { "version": "3.4.0", "config": { "merge": [{ "source": "" }] } } }'),
    ).toEqual(['""']);
    expect(
      flagged(
        RULE,
        'c.ign',
        '{ "ignition": { "version": "3.4.0", "security": { "tls": { "certificateAuthorities": [{ "source": null }] } } } }',
      ),
    ).toEqual(['{']);
    expect(
      flagged(
        RULE,
        'c.ign',
        wrap('"storage": { "raid": [{ "name": "md", "devices": ["/dev/a"] }], "luks": [{ "name": "x" }] }'),
      ),
    ).toEqual(['{', '{']);
    expect(
      flagged(
        RULE,
        'c.ign',
        wrap(
          '"storage": { "raid": [{ "name": "md", "level": "raid1", "devices": ["/dev/a"] }], "luks": [{ "name": "x", ' +
            '"device": "/dev/b" }] }',
        ),
      ),
    ).toEqual([]);
  });

  it('flags a replace verification without source, a partition without number or label, a labelled filesystem without format', () => {
    expect(
      flagged(
        RULE,
        'c.ign',
        `{ "ignition": { "version": "3.4.0", "config": { "replace": { "verification": { "hash": "sha512-${'a'.repeat(128)}" } } } } }`,
      ),
    ).toEqual(['"verification"']);
    expect(
      flagged(
        RULE,
        'c.ign',
        wrap(
          '"storage": { "disks": [{ "device": "/dev/a", "partitions": [{ "number": 0, "sizeMiB": 10 }, { "sizeMiB": 10 ' +
            '}, { "label": "x" }, { "number": 2 }] }] }',
        ),
      ),
    ).toEqual(['0', '{']);
    expect(
      flagged(
        RULE,
        'c.ign',
        wrap(
          '"storage": { "filesystems": [{ "device": "/dev/a", "label": "data" }, { "device": "/dev/b" }, { "device": ' +
            '"/dev/c", "path": "/var", "format": "xfs" }] }',
        ),
      ),
    ).toEqual(['"label"']);
  });
});
