import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { quadletPath, templateOf } from '../../../lib/languages/butane/translate/quadlets';
import { haveOracle, levelPaths, runFull, sameAsOracle, SPECS } from './sugarHelpers';
import { parseButane } from '../../../lib/languages/butane/parser';
import { unit } from '../../../lib/languages/butane/rules/unit';

let filesDir: string;

beforeEach(() => {
  filesDir = mkdtempSync(join(tmpdir(), 'butane-quadlets-'));
  writeFileSync(join(filesDir, 'q.txt'), 'hello\n');
  mkdirSync(join(filesDir, 'dir'));
});

afterEach(() => rmSync(filesDir, { recursive: true, force: true }));

const CONFIGS: Record<string, string> = {
  files: `systemd:
  quadlets:
    - name: b.container
      contents: "[Container]\\nImage=x\\n"
    - name: c.pod
    - name: web@.container
      rootful: true
      contents: "[Container]\\n"
    - name: web@1.container
      rootful: true
      dropins:
        - name: a.conf
          contents: "[Container]\\nX=1\\n"
    - name: e.volume
      contents_local: q.txt
      dropins:
        - name: z.conf
          contents_local: q.txt
`,
  invalid: `systemd:
  quadlets:
    - name: a.txt
      contents: x
    - name: "d@x.container"
      contents: "y"
      contents_local: q.txt
    - name: f.kube
      contents: a
      contents_local: q.txt
      dropins:
        - name: x.conf
          contents: a
          contents_local: q.txt
`,
  conflicts: `storage:
  files:
    - path: /etc/containers/systemd/users/a.container
  links:
    - path: /etc/containers/systemd/users/b@1.container
      target: x
systemd:
  quadlets:
    - name: a.container
      contents: x
    - name: b@1.container
    - name: c.network
      contents_local: dir
`,
};

describe('systemd.quadlets', () => {
  it('names templates and paths as Butane does', () => {
    expect(templateOf('web@1.container')).toBe('web@.container');
    expect(templateOf('web@.container')).toBeUndefined();
    expect(templateOf('web.container')).toBeUndefined();
    expect(quadletPath(true, 'a.pod')).toBe('/etc/containers/systemd/a.pod');
    expect(quadletPath(false, '../a.pod')).toBe('/etc/containers/systemd/a.pod');
  });

  it('writes files, drop-ins and template links', () => {
    const out = runFull('fcos 1.8.0-experimental', CONFIGS.files ?? '', filesDir).ignition?.storage as {
      files: { path: string }[];
      links: unknown[];
    };
    expect(out.files.map((f) => f.path)).toEqual([
      '/etc/containers/systemd/users/b.container',
      '/etc/containers/systemd/users/c.pod',
      '/etc/containers/systemd/web@.container',
      '/etc/containers/systemd/web@1.container.d/a.conf',
      '/etc/containers/systemd/users/e.volume',
      '/etc/containers/systemd/users/e.volume.d/z.conf',
    ]);
    expect(out.links).toEqual([{ path: '/etc/containers/systemd/web@1.container', target: 'web@.container' }]);
  });

  it('reports a bad extension, contents on a template instance, and two sources', () => {
    expect(levelPaths(runFull('flatcar 1.2.0-experimental', CONFIGS.invalid ?? '', filesDir).reports)).toEqual([
      'error $.systemd.quadlets.0.name',
      'error $.systemd.quadlets.1.contents',
      'error $.systemd.quadlets.1.contents_local',
      'error $.systemd.quadlets.2.contents_local',
      'error $.systemd.quadlets.2.dropins.0.contents_local',
    ]);
  });

  it.skipIf(!haveOracle).each(Object.keys(CONFIGS))(
    '%s through the whole translator: as butane in every version',
    (name) => {
      sameAsOracle(SPECS, CONFIGS[name] ?? '', filesDir);
    },
    60_000,
  );
});

describe('rule butane.unit', () => {
  it('reports a quadlet name Podman does not read', () => {
    const text = 'variant: fcos\nversion: 1.8.0-experimental\nsystemd:\n  quadlets:\n    - name: web.service\n';
    const problems = unit.check(parseButane(text).ast, text, {});
    expect(problems.map((p) => [p.ruleId, text.slice(p.start, p.end)])).toEqual([['butane.unit', 'web.service']]);
  });
});
