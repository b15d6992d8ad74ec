import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { built } from '../helpers/build';

// Every run has a timeout: a read that blocks on a FIFO or never ends on /dev/zero fails the test, not CI.
function cli(cwd: string, ...args: string[]): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [built('cli.js'), ...args], { cwd, encoding: 'utf8', timeout: 20_000 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** A copy of examples/home-lab in a fresh folder of the test's own. */
function homeLab(): string {
  const dir = join(mkdtempSync(join(tmpdir(), 'pxe-hostile-')), 'home-lab');
  cpSync(resolve('examples/home-lab'), dir, { recursive: true });
  return dir;
}

describe('files that are not regular files', () => {
  it('a FIFO as router.config: lint and chain finish and say it was not read', () => {
    const site = homeLab();
    const config = JSON.parse(readFileSync(join(site, 'pxe-site.json'), 'utf8')) as { router: { config: string } };
    rmSync(join(site, config.router.config));
    execFileSync('mkfifo', [join(site, config.router.config)]);
    const lint = cli(site, 'lint', '.', '--format', 'json');
    expect(lint.status, lint.stderr).not.toBeNull();
    expect(lint.stdout).toContain('internal.notChecked');
    expect(lint.stdout).toContain('named pipe');
    const chain = cli(site, 'chain');
    expect(chain.status).not.toBeNull();
    expect(chain.stdout + chain.stderr).toContain('was not read');
  });

  it('router.config linked to /dev/zero: refused at once, not read to the end of memory', () => {
    const site = homeLab();
    const config = JSON.parse(readFileSync(join(site, 'pxe-site.json'), 'utf8')) as { router: { config: string } };
    rmSync(join(site, config.router.config));
    symlinkSync('/dev/zero', join(site, config.router.config));
    const lint = cli(site, 'lint', '.', '--format', 'json');
    expect(lint.status).not.toBeNull();
    expect(lint.stdout).toContain('a device, not read');
  });

  it('a FIFO named on the command line: exit 2 with the reason', () => {
    const dir = mkdtempSync(join(tmpdir(), 'pxe-hostile-'));
    execFileSync('mkfifo', [join(dir, 'boot.ipxe')]);
    const r = cli(dir, 'lint', 'boot.ipxe');
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('boot.ipxe: a named pipe (FIFO), not read');
  });
});

describe('files over the size cap are never skipped silently', () => {
  const big = (): string => {
    const dir = mkdtempSync(join(tmpdir(), 'pxe-hostile-'));
    writeFileSync(join(dir, 'big.ipxe'), `#!ipxe\n${'echo hello\n'.repeat(1_600_000)}`); // ~17 MB
    return dir;
  };

  it('named on the command line: exit 2 and the cap in the message', () => {
    const r = cli(big(), 'lint', 'big.ipxe');
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('big.ipxe: larger than 16 MiB, not read');
    expect(r.stderr).not.toContain('0 file(s) checked');
  });

  it('met in a folder: a warning finding on the file', () => {
    const r = cli(big(), 'lint', '.', '--format', 'json');
    const findings = JSON.parse(r.stdout) as { file: string; code: string; severity: string }[];
    expect(findings).toEqual([
      expect.objectContaining({ file: 'big.ipxe', code: 'internal.notChecked', severity: 'warning' }),
    ]);
  });
});

describe('a site file with wrong types', () => {
  it.each([
    ['vm', ['vm'], { vm: { mac: 5 } }, '`vm.mac` must be a string (it is 5)'],
    ['chain', ['chain'], { tftp: { root: 5 } }, '`tftp.root` must be a string (it is 5)'],
    [
      'pxelinux-lookup',
      ['pxelinux-lookup', '--mac', '52:54:00:12:34:56', '--ip', '192.168.255.50'],
      { tftp: 7 },
      '`tftp` must be an object (it is 7)',
    ],
  ])('%s exits 2 naming the field, without a stack trace', (_name, args, patch, message) => {
    const site = homeLab();
    const file = join(site, 'pxe-site.json');
    writeFileSync(file, JSON.stringify({ ...(JSON.parse(readFileSync(file, 'utf8')) as object), ...patch }));
    const r = cli(site, ...args);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain(message);
    expect(r.stderr).not.toMatch(/report this bug|at \w+ \(/);
  });
});

describe('binary files are never linted', () => {
  it('a splash image in pxelinux.cfg/ is skipped, and --verbose says why', () => {
    const dir = mkdtempSync(join(tmpdir(), 'pxe-hostile-'));
    execFileSync('mkdir', ['-p', join(dir, 'pxelinux.cfg')]);
    writeFileSync(join(dir, 'pxelinux.cfg', 'default'), 'DEFAULT linux\nLABEL linux\n  KERNEL vmlinuz\n');
    writeFileSync(join(dir, 'vmlinuz'), 'kernel');
    writeFileSync(
      join(dir, 'pxelinux.cfg', 'splash.png'),
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]),
    );
    writeFileSync(join(dir, 'pxelinux.cfg', 'latin1.msg'), Buffer.from('Willkommen \xfc\n', 'latin1'));
    const r = cli(dir, 'lint', '.', '--verbose', '--format', 'json');
    expect(JSON.parse(r.stdout)).toEqual([]);
    expect(r.stderr).toContain(
      `skipped ${join('pxelinux.cfg', 'splash.png')}: binary (a NUL byte or invalid UTF-8 in its first 8 KiB), not linted`,
    );
    expect(r.stderr).toContain(`skipped ${join('pxelinux.cfg', 'latin1.msg')}: binary`);
    expect(r.stderr).toContain(`checked ${join('pxelinux.cfg', 'default')} (pxelinux)`);
    const named = cli(dir, 'lint', join('pxelinux.cfg', 'splash.png'));
    expect(named.status).toBe(2);
    expect(named.stderr).toContain('binary');
  });
});
