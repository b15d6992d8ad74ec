import { describe, expect, it } from 'vitest';
import { applyFix, flagged, lintFixture } from '../../helpers/markers';

describe('ignition.schema', () => {
  const RULE = 'ignition.schema';
  const check = (text: string): string[] => flagged(RULE, 'config.ign', text);
  it('flags wrong types at the value and missing required fields at their object, per version', () => {
    expect(
      check('{ "ignition": { "version": "3.4.0" }, "storage": { "files": [{ "path": "/x", "mode": "0644" }] } }'),
    ).toEqual(['"0644"']);
    expect(check('{ "ignition": { "version": "3.4.0" }, "storage": { "files": [{ "mode": 420 }] } }')).toEqual(['{']);
    expect(check('{ "ignition": { "version": "3.0.0" }, "storage": { "links": [{ "path": "/x" }] } }')).toEqual(['{']);
    expect(check('{ "ignition": { "version": "3.3.0" }, "storage": { "links": [{ "path": "/x" }] } }')).toEqual([]);
    expect(
      check(
        '{ "ignition": { "version": "3.4.0" }, "storage": { "files": [{ "path": "/x", "mode": null, "contents": { "source": null } }] } }',
      ),
    ).toEqual([]);
    expect(check('{ "ignition": { "version": "9.9.9" }, "storage": 5 }')).toEqual([]);
    expect(
      lintFixture(
        'c.ign',
        '{ "ignition": { "version": "3.4.0" }, "storage": { "files": [{ "path": "/x", "mode": "0644" }] } }',
        RULE,
      ).findings[0]!.message,
    ).toBe('`storage.files[0].mode` must be a whole number, not a string.');
  });
});

describe('ignition.unknownKey', () => {
  const RULE = 'ignition.unknownKey';
  it('flags unused keys with a suggestion, and keys of a newer spec with the version they need', () => {
    expect(
      flagged(
        RULE,
        'c.ign',
        '{ "ignition": { "version": "3.4.0" }, "passwd": { "users": [{ "name": "core", "sshAuthorisedKeys": [] }] } }',
      ),
    ).toEqual(['"sshAuthorisedKeys"']);
    expect(
      flagged(RULE, 'c.ign', '{ "ignition": { "version": "3.3.0" }, "kernelArguments": { "shouldExist": ["quiet"] } }'),
    ).toEqual([]);
    const r = lintFixture('c.ign', '{ "ignition": { "version": "3.2.0" }, "kernelArguments": {} }', RULE);
    expect(r.findings[0]!.message).toContain('from spec 3.3.0 on');
    const typo = lintFixture('c.ign', '{ "ignition": { "version": "3.4.0" }, "sytemd": {} }', RULE);
    expect(applyFix(typo.text, typo.findings[0]!)).toContain('"systemd": {}');
  });
});
