import { describe, expect, it } from 'vitest';
import { lintText } from '../../../lib/engine';
import { flagged, lintFixture } from '../../helpers/markers';

const wrap = (rest: string): string => `{ "ignition": { "version": "3.4.0" }, ${rest} }`;
const errors = (text: string): string[] =>
  lintText('c.ign', text)
    .findings.filter((f) => f.severity === 'error')
    .map((f) => `${f.ruleId}: ${f.message}`);

// Ignition decodes with Go's encoding/json, which leaves a field untouched for null: null is absent.
// ignition-validate accepts all of these (it only warns that its position tree does not match).
describe('null reads as absent (ignition.schema)', () => {
  it('accepts "contents": null and null for optional objects, lists and booleans', () => {
    expect(errors(wrap('"storage": { "files": [{ "path": "/a", "contents": null }] }'))).toEqual([]);
    expect(
      errors(
        wrap(
          '"storage": { "files": [{ "path": "/a", "mode": null, "overwrite": null, "user": null, "append": null }] }',
        ),
      ),
    ).toEqual([]);
    expect(
      errors(wrap('"storage": null, "passwd": { "users": [{ "name": "core", "sshAuthorizedKeys": null }] }')),
    ).toEqual([]);
    expect(
      errors(
        '{ "ignition": { "version": "3.4.0", "config": null }, "systemd": { "units": [{ "name": "a.service", "dropins": ' +
          'null, "enabled": null }] } }',
      ),
    ).toEqual([]);
  });

  it('still needs a required field that is null, and says null counts as absent', () => {
    expect(flagged('ignition.schema', 'c.ign', wrap('"storage": { "files": [{ "path": null }] }'))).toEqual(['{']);
    const r = lintFixture('c.ign', wrap('"passwd": { "users": [{ "name": null }] }'), 'ignition.schema');
    expect(r.findings[0]!.message).toBe(
      '`passwd.users[0]` needs `name` in spec 3.4.0 (a null value counts as absent).',
    );
  });

  it('still flags a wrong type that is not null', () => {
    expect(
      flagged('ignition.schema', 'c.ign', wrap('"storage": { "files": [{ "path": "/a", "contents": "hello" }] }')),
    ).toEqual(['"hello"']);
  });
});
