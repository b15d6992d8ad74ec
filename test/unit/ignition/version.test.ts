import { describe, expect, it } from 'vitest';
import { applyFix, lintFixture } from '../../helpers/markers';
import { lintText } from '../../../server/src/engine';
import { SPEC_VERSIONS } from '../../../server/src/languages/ignition';

describe('ignition.unsupportedVersion', () => {
  const RULE = 'ignition.unsupportedVersion';
  it('explains a legacy 2.x config with one clear message', () => {
    const r = lintFixture('config.ign', `{ "ignition": { "version": "2.1.0" }, "storage": {} }\n                           ^^^^^^^ ${RULE}\n`);
    expect(r.actual).toEqual(r.expected);
    expect(r.findings[0]!.message).toContain('legacy');
  });

  it('accepts every 3.x spec and offers the latest for an unknown one', () => {
    for (const v of SPEC_VERSIONS) expect(lintFixture('config.ign', `{ "ignition": { "version": "${v}" } }`, RULE).actual).toEqual([]);
    const r = lintFixture('config.ign', '{ "ignition": { "version": "3.9.0" } }', RULE);
    expect(r.actual).toHaveLength(1);
    expect(lintFixture('config.ign', applyFix(r.text, r.findings[0]!), RULE).actual).toEqual([]);
  });

  it('checks .json files only when they are Ignition configs', () => {
    expect(lintText('config.json', '{ "ignition": { "version": "2.2.0" } }').findings.map((f) => f.ruleId)).toEqual([RULE]);
    expect(lintText('package.json', '{ "name": "x", "version": "2.2.0" }').language).toBeUndefined();
    expect(lintText('odd.json', '{ "x": { "ignition": { "version": "2.2.0" } } }').language).toBeUndefined();
  });
});

describe('ignition.missingVersion', () => {
  const RULE = 'ignition.missingVersion';
  it('fires on a config without ignition.version and the fix adds it', () => {
    const r = lintFixture('config.ign', `{\n^ ${RULE}\n  "passwd": {}\n}\n`);
    expect(r.actual).toEqual(r.expected);
    const fixed = applyFix(r.text, r.findings[0]!);
    expect(JSON.parse(fixed).ignition.version).toMatch(/^3\./);
    expect(lintFixture('config.ign', fixed).actual).toEqual([]);
  });

  it('fires on a top-level value that is not an object', () => {
    expect(lintFixture('config.ign', '[]', RULE).actual).toHaveLength(1);
  });
});
