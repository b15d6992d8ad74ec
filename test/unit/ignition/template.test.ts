import { describe, expect, it } from 'vitest';
import { lintText } from '../../../lib/engine';
import { lintFixture } from '../../helpers/markers';

const RULE = 'ignition.template';

describe(RULE, () => {
  it('reports a Go template once, at its first markup outside a string, and checks nothing else', () => {
    const text =
      '{\n  "ignition": { "version": "3.2.0", "config": { "merge": [{ "source": "{{.SOURCE}}"{{if .H}}, "httpHeaders": ' +
      '[]{{end}} }] } }\n}\n';
    const r = lintText('node.ign', text);
    expect(r.findings.map((f) => `${f.severity} ${f.ruleId} ${text.slice(f.start, f.end)}`)).toEqual([
      `info ${RULE} {{`,
    ]);
    expect(r.findings[0]!.message).toContain('Go text/template');
  });

  it('reports a Terraform template once', () => {
    const r = lintFixture(
      'u.json',
      `{ "ignition": { "version": "3.4.0" }, "passwd": { "users": [{ "name": "core", "sshAuthorizedKeys": ` +
        `\${jsonencode(keys)} }] } }\n                                                                   ` +
        `                                ^^ ${RULE}\n`,
    );
    expect(r.actual).toEqual(r.expected);
  });

  it('leaves markup inside strings alone: a valid config with ${VAR} in a unit is checked as usual', () => {
    const text =
      '{ "ignition": { "version": "3.4.0" }, "systemd": { "units": [{ "name": "a.service", "contents": ' +
      '"[Service]\\nExecStart=/bin/echo ${HOME} {{x}}" }] } }';
    expect(lintText('c.ign', text).findings.filter((f) => f.ruleId === RULE || f.severity === 'error')).toEqual([]);
  });

  it('does not hide a real syntax error in a file without template markup', () => {
    expect(
      lintText('c.ign', '{ "ignition": { "version": "3.4.0" } "passwd": {} }').findings.map((f) => f.ruleId),
    ).toContain('ignition.jsonSyntax');
  });

  it('does not check values a template fills (sources, paths, keys)', () => {
    const text =
      '{ "ignition": { "version": "3.4.0" }, "storage": { "files": [{ "path": "__PATH__", "contents": { "source": ' +
      '"{{.URL}}" } }] }, "passwd": { "users": [{ "name": "core", "sshAuthorizedKeys": ["__SSH_KEY__"] ' +
      '}] } }';
    expect(lintText('c.ign', text).findings.filter((f) => f.severity === 'error' || f.severity === 'warning')).toEqual(
      [],
    );
  });
});
