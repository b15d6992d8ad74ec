/**
 * `pxe-workbench butane`: the `butane` CLI's flags and exit codes (0 translated; 1 an error, a warning under
 * --strict, input it cannot read; 2 bad usage), reports on standard error in Butane's raw form, standard input
 * without a file, `local:` files confined to the files dir, and input capped before it is parsed.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MAX_TEXT_BYTES } from '../../lib/core/untrusted';
import { built } from '../helpers/build';

const run = (args: string[], cwd: string, input?: string | Buffer) =>
  spawnSync(process.execPath, [built('cli.js'), 'butane', ...args], {
    encoding: 'utf8',
    cwd,
    ...(input !== undefined ? { input } : {}),
    maxBuffer: 64 * 1024 * 1024,
  });

/** A fresh folder with these files (relative paths). */
function folder(files: Record<string, string> = {}): string {
  const dir = mkdtempSync(join(tmpdir(), 'pxe-butane-cli-'));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(join(dir, name, '..'), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  return dir;
}

const HEAD = 'variant: fcos\nversion: 1.5.0\n';
const FILE = `${HEAD}storage:\n  files:\n    - path: /etc/motd\n      mode: 0644\n      contents:\n        inline: hi\n`;
const EXPECTED = {
  ignition: { version: '3.4.0' },
  storage: { files: [{ path: '/etc/motd', mode: 420, contents: { compression: '', source: 'data:,hi' } }] },
};
const UNUSED = `${HEAD}foo: 1\n`;
const BOTH = `${HEAD}storage:\n  files:\n    - path: /a\n      contents:\n        inline: x\n        local: a.txt\n`;
const LOCAL = (path: string): string =>
  `${HEAD}storage:\n  files:\n    - path: /etc/a\n      contents:\n        local: ${path}\n`;

describe('pxe-workbench butane', () => {
  it('translates a file to compact Ignition on standard output (exit 0, nothing on standard error)', () => {
    const dir = folder({ 'config.bu': FILE });
    const r = run(['config.bu'], dir);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout.endsWith('}\n')).toBe(true);
    expect(r.stdout.trim().split('\n')).toHaveLength(1);
    expect(JSON.parse(r.stdout)).toMatchObject(EXPECTED);
  });

  it('reads standard input without a file, and prints pretty JSON with -p/--pretty', () => {
    const dir = folder();
    const r = run(['-p'], dir, FILE);
    expect(r.status, r.stderr).toBe(0);
    const config = JSON.parse(r.stdout) as unknown;
    expect(config).toMatchObject(EXPECTED);
    expect(r.stdout).toBe(`${JSON.stringify(config, null, 2)}\n`);
    expect(run(['--pretty'], dir, FILE).stdout).toBe(r.stdout);
  });

  it('writes -o/--output FILE instead of standard output; -c/--check writes nothing; -r and --raw-errors are accepted', () => {
    const dir = folder({ 'config.bu': FILE });
    const o = run(['-o', 'out.ign', 'config.bu'], dir);
    expect(o.status, o.stderr).toBe(0);
    expect(o.stdout).toBe('');
    expect(JSON.parse(readFileSync(join(dir, 'out.ign'), 'utf8'))).toMatchObject(EXPECTED);
    expect(run(['--output', 'out2.ign', '-p', 'config.bu'], dir).status).toBe(0);
    const pretty = readFileSync(join(dir, 'out2.ign'), 'utf8');
    expect(pretty).toBe(`${JSON.stringify(JSON.parse(pretty), null, 2)}\n`);
    const check = run(['-c', 'config.bu'], dir);
    expect([check.status, check.stdout]).toEqual([0, '']);
    expect(run(['--check', '-r', '--raw-errors', 'config.bu'], dir).status).toBe(0);
  });

  it('prints warnings as `warning at $.path, line L col C: …` and still translates; --strict makes them fail', () => {
    const dir = folder({ 'config.bu': UNUSED });
    const r = run(['config.bu'], dir);
    expect(r.status).toBe(0);
    expect(r.stderr).toMatch(/^warning at \$\.foo, line 3 col 1: /m);
    expect(JSON.parse(r.stdout)).toEqual({ ignition: { version: '3.4.0' } });
    for (const flag of ['-s', '--strict']) {
      const strict = run([flag, '-o', 'out.ign', 'config.bu'], dir);
      expect(strict.status).toBe(1);
      expect(strict.stdout).toBe('');
      expect(strict.stderr).toMatch(/^warning at \$\.foo, line 3 col 1: /m);
      expect(strict.stderr).toMatch(/--strict: nothing was written\. Fix them, or run without --strict\./);
      expect(existsSync(join(dir, 'out.ign'))).toBe(false);
    }
  });

  it('exits 1 on an error, with the report at its line and what to do, and writes no output', () => {
    const dir = folder({ 'config.bu': BOTH, 'a.txt': 'a' });
    const r = run(['-o', 'out.ign', 'config.bu'], dir);
    expect(r.status).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^error at \$\.storage\.files\.0\.contents[.\w]*, line \d+ col \d+: /m);
    expect(r.stderr).toMatch(/config\.bu does not translate \(1 error above\)\. Fix each at its line/);
    expect(existsSync(join(dir, 'out.ign'))).toBe(false);
  });

  it("resolves local: against -d/--files-dir, else the file's folder; standard input has no files dir (as butane)", () => {
    const dir = folder({ 'sub/config.bu': LOCAL('a.txt'), 'sub/a.txt': 'beside', 'files/a.txt': 'in files' });
    const source = (stdout: string): string =>
      (JSON.parse(stdout) as typeof EXPECTED).storage.files[0]!.contents.source;
    expect(source(run(['sub/config.bu'], dir).stdout)).toBe('data:,beside');
    expect(source(run(['-d', 'files', 'sub/config.bu'], dir).stdout)).toBe('data:,in%20files');
    expect(source(run(['--files-dir', 'files'], dir, LOCAL('a.txt')).stdout)).toBe('data:,in%20files');
    const none = run([], dir, LOCAL('a.txt'));
    expect(none.status).toBe(1);
    expect(none.stderr).toMatch(/^error at \$\.storage\.files\.0\.contents\.local, line 7 col 16: /m);
  });

  it("takes the files dir from the site's butane.filesDir when the file is in a site", () => {
    const site = JSON.stringify({ version: 1, name: 'lab', butane: { filesDir: 'files' } });
    const dir = folder({ 'pxe-site.json': site, 'sub/config.bu': LOCAL('a.txt'), 'files/a.txt': 'from the site' });
    const r = run(['sub/config.bu'], dir);
    expect(r.status, r.stderr).toBe(0);
    expect((JSON.parse(r.stdout) as typeof EXPECTED).storage.files[0]!.contents.source).toBe('data:,from%20the%20site');
  });

  it('refuses a local: path that leaves the files dir, through .. or a symlink, and prints nothing of it', () => {
    const dir = folder({ 'files/config.bu': LOCAL('../secret.txt'), 'secret.txt': 'TOP SECRET' });
    const r = run(['-d', 'files', 'files/config.bu'], dir);
    expect(r.status).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^error at \$\.storage\.files\.0\.contents\.local, line 7 col 16: /m);
    expect(r.stderr).not.toContain('TOP SECRET');
    symlinkSync('../secret.txt', join(dir, 'files', 'link.txt'));
    const linked = run(['-d', 'files'], dir, LOCAL('link.txt'));
    expect(linked.status).toBe(1);
    expect(linked.stdout).toBe('');
    expect(linked.stderr).not.toContain('TOP SECRET');
  });

  it('caps the input before parsing it: a file or standard input over the cap is refused (exit 1)', () => {
    const big = `${HEAD}# ${'x'.repeat(MAX_TEXT_BYTES)}\n`;
    const dir = folder({ 'big.bu': big });
    const file = run(['big.bu'], dir);
    expect(file.status).toBe(1);
    expect(file.stdout).toBe('');
    expect(file.stderr).toMatch(/big\.bu: .*(larger|over|too large)/i);
    const stdin = run([], dir, big);
    expect(stdin.status).toBe(1);
    expect(stdin.stderr).toMatch(/standard input is larger than 16 MiB/);
  });

  it('exits 1 for a file it cannot read and 2 for bad usage, as butane does', () => {
    const dir = folder();
    const missing = run(['nope.bu'], dir);
    expect(missing.status).toBe(1);
    expect(missing.stderr).toMatch(/^pxe-workbench: .*nope\.bu/m);
    expect(run(['--bogus'], dir).status).toBe(2);
    expect(run(['a.bu', 'b.bu'], dir).status).toBe(2);
  });
});
