import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseButane } from '../../../lib/languages/butane/parser';
import { decimalMode } from '../../../lib/languages/butane/rules/decimalMode';
import { translatedIgnition } from '../../../lib/languages/butane/rules/translatedIgnition';
import { translateButane, translationOf } from '../../../lib/languages/butane/translate/index';
import { readUnit } from '../../../lib/languages/butane/translate/unitContent';

type Files = { path: string; mode?: number; contents?: { source?: string; compression?: string } }[];

const run = (yaml: string, version = '1.5.0', filesDir?: string) =>
  translateButane(parseButane(`variant: fcos\nversion: ${version}\n${yaml}`).ast, { filesDir });
const filesOf = (t: ReturnType<typeof run>) =>
  (t.ignition as { storage?: { files?: Files } } | undefined)?.storage?.files;
const said = (t: ReturnType<typeof run>) => t.reports.map((r) => `${r.level} ${r.rule} ${r.path.join('.')}`);

function decoded(source: string, compression?: string): string {
  const m = /^data:([^,]*),(.*)$/s.exec(source);
  if (!m) throw new Error(source);
  let bytes = m[1]?.endsWith(';base64')
    ? Buffer.from(m[2] ?? '', 'base64')
    : Buffer.from(decodeURIComponent(m[2] ?? ''));
  if (compression === 'gzip') bytes = gunzipSync(bytes);
  return bytes.toString('utf8');
}

let dir = '';
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'butane-translate-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('translateButane', () => {
  it('writes the Ignition version of the spec and maps it back to `version`', () => {
    const t = run('', '1.6.0');
    expect(t.spec).toMatchObject({ variant: 'fcos', version: '1.6.0', ignition: '3.5.0' });
    expect(t.ignition).toEqual({ ignition: { version: '3.5.0' } });
    expect(t.sourceOf(['ignition', 'version'])).toEqual(['version']);
  });

  it('refuses a missing variant, a bad version and an unknown spec', () => {
    expect(said(translateButane(parseButane('version: 1.5.0\n').ast))).toEqual(['error butane.version variant']);
    expect(said(run('', 'v1'))).toEqual(['error butane.version version']);
    expect(said(run('', '1.9.0'))).toEqual(['error butane.version version']);
  });

  it('embeds inline contents as Butane does: compression "" for short text, gzip when shorter, none in fcos 1.0.0', () => {
    const long = 'hello world '.repeat(40);
    const t = run(
      `storage:\n  files:\n    - path: /a\n      contents: {inline: hi}\n    - path: /b\n      contents: {inline: "${long}"}\n`,
    );
    const [a, b] = filesOf(t) ?? [];
    expect(a?.contents).toEqual({ compression: '', source: 'data:,hi' });
    expect(b?.contents?.compression).toBe('gzip');
    expect(decoded(b?.contents?.source ?? '', 'gzip')).toBe(long);
    expect(
      filesOf(run('storage:\n  files:\n    - path: /a\n      contents: {inline: hi}\n', '1.0.0'))?.[0]?.contents,
    ).toEqual({
      source: 'data:,hi',
    });
    expect(t.sourceOf(['storage', 'files', 0, 'contents', 'source'])).toEqual([
      'storage',
      'files',
      0,
      'contents',
      'inline',
    ]);
  });

  it('reads local files under the files dir, and refuses them without one', () => {
    writeFileSync(join(dir, 'motd'), 'welcome\n');
    mkdirSync(join(dir, 'keys'));
    writeFileSync(join(dir, 'keys', 'core.pub'), 'ssh-ed25519 AAAA one\r\n\nssh-ed25519 BBBB two\n');
    writeFileSync(join(dir, 'hello.service'), '[Service]\nExecStart=/bin/true\n');
    const yaml =
      'storage:\n  files:\n    - path: /etc/motd\n      contents: {local: motd}\n' +
      'passwd:\n  users:\n    - name: core\n      ssh_authorized_keys: [ssh-rsa X]\n      ssh_authorized_keys_local: [keys/core.pub]\n' +
      'systemd:\n  units:\n    - name: hello.service\n      contents_local: hello.service\n';
    const t = run(yaml, '1.5.0', dir);
    expect(said(t)).toEqual([]);
    const ign = t.ignition as {
      passwd: { users: { sshAuthorizedKeys: string[] }[] };
      systemd: { units: { contents: string }[] };
    };
    expect(decoded(filesOf(t)?.[0]?.contents?.source ?? '')).toBe('welcome\n');
    expect(ign.passwd.users[0]?.sshAuthorizedKeys).toEqual([
      'ssh-rsa X',
      'ssh-ed25519 AAAA one',
      'ssh-ed25519 BBBB two',
    ]);
    expect(ign.systemd.units[0]?.contents).toBe('[Service]\nExecStart=/bin/true\n');
    expect(t.sourceOf(['passwd', 'users', 0, 'sshAuthorizedKeys', 2])).toEqual([
      'passwd',
      'users',
      0,
      'ssh_authorized_keys_local',
      0,
    ]);
    expect(said(run(yaml, '1.5.0'))).toEqual([
      'error butane.localFile passwd.users.0.ssh_authorized_keys_local',
      'error butane.localFile storage.files.0.contents.local',
      'error butane.localFile systemd.units.0.contents_local',
    ]);
  });

  it("runs Butane's base checks: one source, one of contents/contents_local, decimal modes", () => {
    expect(said(run('storage:\n  files:\n    - path: /a\n      contents: {inline: x, source: "data:,y"}\n'))).toEqual([
      'error butane.tooManySources storage.files.0.contents.source',
    ]);
    expect(
      said(run('systemd:\n  units:\n    - name: a.service\n      contents: x\n      contents_local: y\n')),
    ).toEqual(['error butane.tooManySources systemd.units.0.contents_local']);
    const t = run(
      'storage:\n  files:\n    - path: /a\n      mode: 644\n  directories:\n    - path: /d\n      mode: 0755\n',
    );
    // 644 is 0o1204: a sticky bit too, which Ignition before 3.6.0 warns about.
    expect(said(t)).toEqual([
      'warning butane.decimalMode storage.files.0.mode',
      'warning butane.specialModeBits storage.files.0.mode',
    ]);
    expect(t.ignition).toBeDefined();
  });

  it('checks the output as Ignition does and reports at the Butane line that produced it', () => {
    const text = 'variant: fcos\nversion: 1.5.0\nstorage:\n  files:\n    - path: etc/motd\n';
    const t = translateButane(parseButane(text).ast);
    expect(t.ignition).toBeUndefined();
    const finding = t.reports.find((r) => r.rule === 'ignition.pathNotAbsolute');
    expect(finding?.path).toEqual(['storage', 'files', 0, 'path']);
    expect(text.slice(finding?.start, finding?.end)).toBe('etc/motd');
  });

  it("adds the checks of Ignition's validator that the Ignition rules lack", () => {
    const units =
      'systemd:\n  units:\n    - name: a.service\n      enabled: true\n      contents: "[Service]\\nExecStart=/bin/true\\n"\n' +
      '    - name: b.service\n      contents: "[Service]\\nnot an option\\n"\n';
    expect(said(run(units))).toEqual([
      'warning butane.unitWithoutInstall systemd.units.0.contents',
      'error ignition.invalidUnit systemd.units.1.contents',
    ]);
    const modes = 'storage:\n  files:\n    - path: /a\n      mode: 04755\n';
    expect(said(run(modes, '1.6.0'))).toEqual(['warning butane.specialModeBits storage.files.0.mode']);
    expect(said(run(modes, '1.7.0'))).toEqual([]);
  });

  it('checks an embedded Ignition config of the same version at its own paths, and warns about another version', () => {
    const inline = (version: string) =>
      'ignition:\n  config:\n    replace:\n' +
      `      inline: '{"ignition": {"version": "${version}"}, "storage": {"files": [{"path": "rel"}]}}'\n`;
    expect(said(run(inline('3.4.0')))).toEqual(['error ignition.pathNotAbsolute storage.files.0.path']);
    const other = run(inline('3.3.0'));
    expect(said(other)).toEqual(['warning butane.embeddedVersion ignition.config.replace.version']);
    expect(other.ignition).toBeDefined();
  });

  it('refuses paths through a link the config makes, and headers without an http(s) source', () => {
    const links = 'storage:\n  links:\n    - path: /c\n      target: /d\n  directories:\n    - path: /c/e\n';
    expect(said(run(links))).toEqual(['error ignition.invalidEntry storage.directories.0']);
    const headers =
      'storage:\n  files:\n    - path: /a\n      contents:\n        source: s3://b/k\n        http_headers: [{name: A, value: b}]\n';
    expect(said(run(headers))).toEqual(['error ignition.invalidEntry storage.files.0.contents.http_headers']);
  });

  it('checks partitions, whole-disk filesystems and hard-link owners as Ignition does (found by the oracle campaign)', () => {
    const disk = (parts: string) => `storage:\n  disks:\n    - device: /dev/vdb\n      partitions:\n${parts}`;
    const p = (fields: string) => `        - {${fields}}\n`;
    expect(said(run(disk(p('number: 1, should_exist: false, label: x'))))).toEqual([
      'error ignition.invalidEntry storage.disks.0.partitions.0',
    ]);
    expect(said(run(disk(p('number: 1, should_exist: false, type_guid: ""'))))).toEqual([]);
    const overlap = (a: string, b: string) => said(run(disk(p(`number: 1, ${a}`) + p(`number: 2, ${b}`))));
    expect(overlap('start_mib: 10, size_mib: 10', 'start_mib: 19, size_mib: 10')).toEqual([
      'error ignition.invalidEntry storage.disks.0.partitions.1',
    ]);
    expect(overlap('start_mib: 2048, size_mib: 0', 'start_mib: 2048, size_mib: 0')).toHaveLength(1);
    expect(overlap('start_mib: 10, size_mib: 10', 'start_mib: 20, size_mib: 10')).toEqual([]);
    expect(overlap('start_mib: 10, size_mib: 0', 'start_mib: 11, size_mib: 0')).toEqual([]);
    expect(overlap('start_mib: 0, size_mib: 10', 'start_mib: 0, size_mib: 10')).toEqual([]);
    const whole = `${disk(p('number: 1'))}  filesystems:\n    - device: /dev/vdb\n      format: ext4\n`;
    expect(said(run(whole))).toEqual(['warning butane.ignitionWarning storage.filesystems.0.device']);
    const hard =
      'storage:\n  links:\n    - path: /a\n      target: /b\n      hard: true\n      user: {id: 0}\n      group: {name: g}\n';
    expect(said(run(hard))).toEqual([
      'warning butane.ignitionWarning storage.links.0.user.id',
      'warning butane.ignitionWarning storage.links.0.group.name',
    ]);
    expect(said(run(hard.replace('hard: true', 'hard: false')))).toEqual([]);
    expect(said(run('storage:\n  filesystems:\n    - device: /dev/vdb\n      format: none\n', '1.3.0'))).toEqual([
      'error ignition.invalidValue storage.filesystems.0.format',
    ]);
    expect(said(run('storage:\n  filesystems:\n    - device: /dev/vdb\n      format: none\n', '1.4.0'))).toEqual([]);
  });

  it('reports as butane does: an empty link path is a parent of every path, the repeated key, the first YAML error', () => {
    const links = 'storage:\n  files:\n    - path: /x\n  links:\n    - target: ../z\n';
    expect(said(run(links, '1.4.0'))).toContain('error ignition.invalidEntry storage.files.0');
    const twice = parseButane('variant: fcos\nversion: 1.5.0\nvariant: fcos\n');
    const dup = translateButane(twice.ast).reports[0];
    expect(dup?.start).toBe('variant: fcos\nversion: 1.5.0\n'.length);
    const broken = parseButane('variant: fcos\n"unterminated\n');
    expect(broken.problems).toHaveLength(1);
    expect(translateButane(broken.ast).reports).toHaveLength(1);
    const both = 'storage:\n  files:\n    - path: /x\n      contents:\n        inline: a\n        source: "data:,b"\n';
    expect(said(run(both, '1.0.0'))).toEqual(['error butane.tooManySources storage.files.0.contents.inline']);
    expect(said(run(both, '1.1.0'))).toEqual(['error butane.tooManySources storage.files.0.contents.source']);
  });

  it('notes the butane CLI variants it does not translate (openshift, r4e, fiot) instead of calling them wrong', () => {
    const t = translateButane(parseButane('variant: openshift\nversion: 4.16.0\nmetadata: {name: x}\n').ast);
    expect(t.reports.map((r) => r.rule)).toEqual(['butane.otherVariant']);
    expect(t.reports[0]?.message).toMatch(/butane --strict/);
    expect(t.ignition).toBeUndefined();
    const typo = translateButane(parseButane('variant: fcso\nversion: 1.5.0\n').ast);
    expect(typo.reports.map((r) => r.rule)).toEqual(['butane.version']);
  });

  it("answers as butane on the 100,000-config campaign's last findings", () => {
    // go-yaml scans the token after `...`: an unclosed quote there fails the config.
    expect(parseButane('variant: fcos\nversion: 1.0.0\n...\n"unterminated\n').problems).toHaveLength(1);
    expect(parseButane('variant: fcos\nversion: 1.0.0\n...\nok: 1\n"unterminated\n').problems).toHaveLength(0);
    // An embedded config that is JSON but not an object.
    const inline = 'ignition:\n  config:\n    replace:\n      inline: "true"\n';
    expect(said(run(inline))).toEqual([
      'error butane.invalidValue ignition.config.replace.inline',
      'error butane.invalidValue ignition.config.replace.inline',
    ]);
    // Spec 3.0.0: a merge without source is written as null; a certificate authority's is "" and refused.
    const merge = run('ignition:\n  config:\n    merge:\n      - {}\n', '1.0.0');
    expect(said(merge)).toEqual([]);
    expect(merge.ignition).toMatchObject({ ignition: { config: { merge: [{ source: null }] } } });
    const ca = run('ignition:\n  security:\n    tls:\n      certificate_authorities:\n        - {}\n', '1.0.0');
    expect(said(ca)).toEqual(['error ignition.invalidEntry ignition.security.tls.certificate_authorities.0.source']);
    // A hard link without a target stops at "link target is required" from spec 3.3.0: no owner warning.
    const hard = 'storage:\n  links:\n    - path: /a\n      hard: true\n      user: {id: 1}\n';
    expect(said(run(hard, '1.6.0')).filter((r) => r.includes('ignitionWarning'))).toEqual([]);
    expect(said(run(hard, '1.0.0'))).toEqual(['warning butane.ignitionWarning storage.links.0.user.id']);
  });

  it('places a missing file path at its own entry when grub.users put user.cfg before it', () => {
    const t = run(
      'storage:\n  files:\n    - contents: {source: "http://example.com/x"}\n' +
        'grub:\n  users:\n    - {name: root, password_hash: grub.pbkdf2.sha512.10000.AB12.CD34}\n',
      '1.6.0',
    );
    expect(said(t)).toEqual(['error ignition.pathNotAbsolute storage.files.0.path']);
    const bare = run(
      'storage:\n  files:\n    - path:\n' + 'grub:\n  users:\n    - {name: root, password_hash: x}\n',
      '1.6.0',
    );
    expect(said(bare)).toContain('error ignition.pathNotAbsolute storage.files.0.path');
  });

  it('leaves an Ignition config embedded from a local file unchecked, as butane v0.29.0 does', () => {
    writeFileSync(join(dir, 'merge.ign'), 'not json');
    const t = run('ignition:\n  config:\n    merge:\n      - local: merge.ign\n', '1.5.0', dir);
    expect(said(t)).toEqual([]);
  });

  it('writes required fields and drops empty objects as Go marshals Ignition', () => {
    const t = run(
      'storage:\n  files:\n    - path: /a\n      contents: {}\n      user: {}\n' +
        '  disks:\n    - device: /dev/vda\n      partitions:\n        - number: 0\n          label: x\n',
    );
    expect(t.ignition).toEqual({
      ignition: { version: '3.4.0' },
      storage: { disks: [{ device: '/dev/vda', partitions: [{ label: 'x' }] }], files: [{ path: '/a' }] },
    });
  });
});

describe('translationOf and the rules', () => {
  it('translates a document once per files dir and hands each rule its own reports', () => {
    const text = 'variant: fcos\nversion: 1.5.0\nstorage:\n  files:\n    - path: a\n      mode: 644\n';
    const doc = parseButane(text).ast;
    const context = { path: join(dir, 'config.bu') };
    expect(translationOf(doc, context)).toBe(translationOf(doc, context));
    expect(decimalMode.check(doc, text, context).map((p) => [p.ruleId, text.slice(p.start, p.end)])).toEqual([
      ['butane.decimalMode', '644'],
    ]);
    expect(translatedIgnition.check(doc, text, context).map((p) => p.ruleId)).toEqual(['ignition.pathNotAbsolute']);
  });
});

describe('readUnit (go-systemd)', () => {
  it('reads sections, options and continuations, and refuses what go-systemd refuses', () => {
    expect(readUnit('# c\n[Unit]\nA=1\nB=two \\\n  three\n[Install]\nWantedBy=x\n').options).toEqual([
      { section: 'Unit', name: 'A', value: '1' },
      { section: 'Unit', name: 'B', value: 'two \\\n  three' },
      { section: 'Install', name: 'WantedBy', value: 'x' },
    ]);
    expect(readUnit('[Unit\nA=1').error).toBe('unable to find end of section');
    expect(readUnit('[Unit]\nnot an option\n').error).toBe('unexpected newline encountered while parsing option name');
    expect(readUnit(`[Unit]\nA=${'x'.repeat(3000)}\n`).error).toMatch(/line too long/);
  });
});
