import { describe, expect, it } from 'vitest';
import { applyFix, lintFixture } from '../../helpers/markers';
import { lintText } from '../../../lib/engine';
import { SPEC_VERSIONS } from '../../../lib/languages/ignition';

describe('ignition.unsupportedVersion', () => {
  const RULE = 'ignition.unsupportedVersion';
  it('explains a legacy 2.x config with one clear message: who refuses it, who still reads it', () => {
    const r = lintFixture(
      'config.ign',
      `{ "ignition": { "version": "2.1.0" }, "storage": {} }\n                           ^^^^^^^ ${RULE}\n`,
    );
    expect(r.actual).toEqual(r.expected);
    expect(r.findings.map((f) => f.severity)).toEqual(['warning']);
    expect(r.findings[0]!.message).toContain('legacy');
    expect(r.findings[0]!.message).toContain('Ignition 2.0.0 and later (Fedora CoreOS, RHEL CoreOS 4.6+) refuse it');
    expect(r.findings[0]!.message).toContain('Flatcar still reads it');
  });

  it('recognises spec 1 (`ignitionVersion`) instead of calling the version missing', () => {
    const r = lintFixture('config.ign', `{ "ignitionVersion": 1, "systemd": {} }\n                     ^ ${RULE}\n`);
    expect(r.actual).toEqual(r.expected);
    expect(r.findings[0]!.message).toContain('spec 1');
    // A spec 1 .json file is recognised by its content (poseidon/matchbox examples were skipped before).
    expect(
      lintText('network.json', '{"ignitionVersion":1,"systemd":{"units":[]}}').findings.map((f) => f.ruleId),
    ).toEqual([RULE]);
    expect(lintText('other.json', '{"ignitionVersion":"yes"}').language).toBeUndefined();
  });
});

describe('ignition.invalidVersion', () => {
  const RULE = 'ignition.invalidVersion';
  it('refuses a version without its patch number, and the fix completes it', () => {
    const r = lintFixture(
      'config.ign',
      `{ "ignition": { "version": "3.4" } }\n                           ^^^^^ ${RULE}\n`,
    );
    expect(r.actual).toEqual(r.expected);
    expect(r.findings[0]!.message).toContain('"3.4.0"');
    expect(JSON.parse(applyFix(r.text, r.findings[0]!)).ignition.version).toBe('3.4.0');
  });

  it('accepts every 3.x spec and offers the latest for an unknown one', () => {
    for (const v of SPEC_VERSIONS)
      expect(lintFixture('config.ign', `{ "ignition": { "version": "${v}" } }`, RULE).actual).toEqual([]);
    const r = lintFixture('config.ign', '{ "ignition": { "version": "3.9.0" } }', RULE);
    expect(r.actual).toHaveLength(1);
    expect(lintFixture('config.ign', applyFix(r.text, r.findings[0]!), RULE).actual).toEqual([]);
  });

  it('checks .json files only when they are Ignition configs', () => {
    expect(lintText('config.json', '{ "ignition": { "version": "2.2.0" } }').findings.map((f) => f.ruleId)).toEqual([
      'ignition.unsupportedVersion',
    ]);
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
