import { execFileSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeDataUrl } from '../../../lib/languages/butane/translate/dataUrl';
import { TREE_LIMITS } from '../../../lib/languages/butane/translate/trees';
import { decodeUrls, haveOracle, levelPaths, runOracle, runSugar, SPECS, sameAsOracle } from './sugarHelpers';

let root: string;
let filesDir: string;

/** files/tree: a script (executable), a text file, a nested folder, a relative and an absolute link. */
function makeTree(): void {
  const tree = join(filesDir, 'tree');
  mkdirSync(join(tree, 'etc', 'sub'), { recursive: true });
  writeFileSync(join(tree, 'etc', 'run.sh'), '#!/bin/sh\necho hi\n');
  chmodSync(join(tree, 'etc', 'run.sh'), 0o750);
  writeFileSync(join(tree, 'etc', 'sub', 'b.conf'), 'x'.repeat(400));
  writeFileSync(join(tree, 'etc', 'A.conf'), 'plain\n');
  chmodSync(join(tree, 'etc', 'A.conf'), 0o600);
  symlinkSync('sub/b.conf', join(tree, 'etc', 'rel-link'));
  symlinkSync('/usr/bin/true', join(tree, 'etc', 'abs-link'));
  mkdirSync(join(filesDir, 'other'));
  writeFileSync(join(filesDir, 'other', 'one'), '1');
  writeFileSync(join(filesDir, 'plain-file'), '');
}

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'butane-trees-'));
  filesDir = join(root, 'files');
  mkdirSync(filesDir);
  makeTree();
});

afterEach(() => rmSync(root, { recursive: true, force: true }));

const CONFIGS: Record<string, string> = {
  simple: `storage:
  trees:
    - local: tree
    - local: other
      path: /var/other
`,
  overrides: `storage:
  files:
    - path: /etc/A.conf
      mode: 0640
    - path: /etc/sub/b.conf
      user:
        name: core
  links:
    - path: /etc/rel-link
      hard: false
  trees:
    - local: tree
`,
  conflicts: `storage:
  files:
    - path: /etc/run.sh
      contents:
        source: https://example.com/run.sh
    - path: /var/other/one/x
  directories:
    - path: /etc/abs-link
  links:
    - path: /etc/A.conf
      target: /x
  trees:
    - local: tree
    - local: other
      path: /var/other/one
`,
  modes: `storage:
  directories:
    - path: /opt/t/etc/sub
  trees:
    - local: tree
      path: /opt/t
      file_mode: 0444
      dir_mode: 0700
      user:
        id: 1000
      group:
        name: wheel
`,
  broken: `storage:
  trees:
    - local: missing
    - local: plain-file
    - local: ../files/tree
      path: /x
    - local: ../outside
`,
};

describe('storage.trees', () => {
  it('embeds files with the modes Butane takes (0755 when executable, else 0644) and links', () => {
    const storage = runSugar('fcos 1.5.0', CONFIGS.simple ?? '', filesDir).ignition?.storage as Record<string, unknown>;
    expect(decodeUrls(storage.files)).toEqual([
      { path: '/etc/A.conf', contents: { source: 'decoded:plain\n', compression: '' }, mode: 0o644 },
      { path: '/etc/run.sh', contents: { source: 'decoded:#!/bin/sh\necho hi\n', compression: '' }, mode: 0o755 },
      { path: '/etc/sub/b.conf', contents: { source: `decoded:${'x'.repeat(400)}`, compression: 'gzip' }, mode: 0o644 },
      { path: '/var/other/one', contents: { source: 'decoded:1', compression: '' }, mode: 0o644 },
    ]);
    expect(storage.links).toEqual([
      { path: '/etc/abs-link', target: '/usr/bin/true' },
      { path: '/etc/rel-link', target: 'sub/b.conf' },
    ]);
    expect(storage.directories).toBeUndefined();
  });

  it('reports each node the config already has with contents or of another type', () => {
    const run = runSugar('fcos 1.5.0', CONFIGS.conflicts ?? '', filesDir);
    expect(run.ignition).toBeUndefined();
    expect(levelPaths(run.reports)).toEqual([
      'error $.storage.trees.0',
      'error $.storage.trees.0',
      'error $.storage.trees.0',
    ]);
    expect(new Set(run.reports.map((r) => r.rule))).toEqual(new Set(['butane.conflict']));
  });

  it('refuses a missing or plain-file root, and one outside the files dir, each at its tree', () => {
    const run = runSugar('fcos 1.5.0', CONFIGS.broken ?? '', filesDir);
    expect(run.reports.map((r) => r.path.join('.'))).toEqual(['storage.trees.0', 'storage.trees.1', 'storage.trees.3']);
    expect(run.reports.map((r) => r.message.split('.')[0])).toEqual([
      'stat missing: no such file or directory',
      'root of tree must be a directory',
      'local file path traverses outside the files directory',
    ]);
  });

  it('refuses a tree root that is a link out of the files dir (butane would follow it)', () => {
    symlinkSync(root, join(filesDir, 'up'));
    const run = runSugar('fcos 1.5.0', 'storage:\n  trees:\n    - local: up\n', filesDir);
    expect(run.reports.map((r) => r.message)).toEqual([expect.stringMatching(/through a symbolic link/)]);
  });

  it('needs a files dir, and local', () => {
    expect(levelPaths(runSugar('fcos 1.5.0', CONFIGS.simple ?? '').reports)).toEqual(['error $.storage.trees.0']);
    expect(levelPaths(runSugar('fcos 1.5.0', 'storage:\n  trees:\n    - path: /x\n', filesDir).reports)).toEqual([
      'error $.storage.trees.0',
    ]);
  });

  it('refuses a FIFO in the tree without opening it', () => {
    execFileSync('mkfifo', [join(filesDir, 'other', 'pipe')]);
    const run = runSugar('fcos 1.5.0', 'storage:\n  trees:\n    - local: other\n', filesDir);
    expect(run.reports.map((r) => r.message)).toEqual([expect.stringMatching(/^trees may only contain files/)]);
  });

  it('stops a walk after the entry cap (10,000; 20 here)', () => {
    expect(TREE_LIMITS.entries).toBe(10_000);
    const big = join(filesDir, 'big');
    mkdirSync(big);
    for (let i = 0; i < 20; i++) writeFileSync(join(big, `f${i}`), '');
    TREE_LIMITS.entries = 20;
    try {
      const run = runSugar('fcos 1.5.0', 'storage:\n  trees:\n    - local: big\n', filesDir);
      expect(run.reports.map((r) => r.message)).toEqual([expect.stringMatching(/more than 20 entries/)]);
      TREE_LIMITS.entries = 21;
      expect(runSugar('fcos 1.5.0', 'storage:\n  trees:\n    - local: big\n', filesDir).reports).toEqual([]);
    } finally {
      TREE_LIMITS.entries = 10_000;
    }
  });

  it.skipIf(!haveOracle).each(Object.keys(CONFIGS))('%s: the same output and report paths as butane', (name) => {
    const yaml = CONFIGS[name] ?? '';
    const specs = SPECS.filter(
      (s) => !s.startsWith('fcos 1.0') && (name !== 'modes' || /1\.[78]|flatcar 1\.2/.test(s)),
    );
    for (const spec of specs) {
      const ours = runSugar(spec, yaml, filesDir);
      const oracle = runOracle(spec, yaml, filesDir);
      expect({ spec, reports: levelPaths(ours.reports) }).toEqual({ spec, reports: levelPaths(oracle.reports) });
      expect({ spec, ignition: decodeUrls(ours.ignition) }).toEqual({ spec, ignition: decodeUrls(oracle.ignition) });
    }
  });
  it.skipIf(!haveOracle).each(Object.keys(CONFIGS))(
    '%s through the whole translator: as butane in every version',
    (name) => {
      sameAsOracle(SPECS, CONFIGS[name] ?? '', filesDir, KNOWN[name]);
    },
    60_000,
  );
});

/** Disagreements outside the sugar (the core's Ignition checks), by config and spec: none left. */
const KNOWN: Record<string, Record<string, string>> = {};

describe('makeDataUrl', () => {
  it('gzips only where Go’s gzip would be shorter (zlib’s alone is a few bytes shorter than Go’s)', () => {
    // From the real-world corpus (cgwalters/bootc-playground): zlib's gzip would win by 5 characters, Go's loses.
    const text =
      '# Fedora CoreOS disables SSH password login by default.\n# Enable it.\n' +
      '# This file must sort before 40-disable-passwords.conf.\nPasswordAuthentication yes\n';
    expect(makeDataUrl(Buffer.from(text))).toEqual({
      source: expect.stringMatching(/^data:,%23%20Fedora/),
      compression: '',
    });
    expect(makeDataUrl(Buffer.from('x'.repeat(400))).compression).toBe('gzip');
    expect(makeDataUrl(Buffer.from('x'.repeat(400)), 'gzip')).toEqual({ source: `data:,${'x'.repeat(400)}` });
    expect(makeDataUrl(Buffer.from([0, 1, 2, 255]))).toEqual({ source: 'data:,%00%01%02%FF', compression: '' });
    const binary = Buffer.from(Array.from({ length: 60 }, (_, i) => (i * 37 + 128) % 256));
    expect(makeDataUrl(binary)).toEqual({ source: `data:;base64,${binary.toString('base64')}`, compression: '' });
  });
});
