import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { built } from '../helpers/build';
import { deploySite } from '../helpers/deploySite';
import { startSshd, type Sshd } from '../helpers/sshd';

function cli(
  args: string[],
  env: Record<string, string> = {},
  cwd = process.cwd(),
): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [built('cli.js'), ...args], {
    encoding: 'utf8',
    cwd,
    env: { ...process.env, ...env },
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('pxe-workbench deploy (against a real sshd on 127.0.0.1)', () => {
  let sshd: Sshd;
  beforeAll(async () => {
    sshd = await startSshd();
  });
  afterAll(() => sshd?.stop());

  it(
    '--dry-run shows the plan and changes nothing; without a terminal it needs --yes; ' +
      'then deploys, and a re-run has nothing to do',
    () => {
      const site = deploySite(sshd);
      site.target();
      const dry = cli(['deploy', 'nas', '--site', site.siteFile, '--dry-run']);
      expect(dry.status, dry.stderr).toBe(0);
      expect(dry.stdout).toContain(
        `Deploy ${join(site.workspace, 'tftp')} → ${sshd.user}@127.0.0.1:${site.remoteRoot} (target nas)`,
      );
      expect(dry.stdout).toMatch(/\d+ to add, 0 to change, 0 to remove, 0 unchanged; [\d.]+ MiB to upload/);
      expect(dry.stdout).toContain('  + fedora-coreos.ipxe');
      expect(dry.stdout).toContain('(dry run: nothing was changed)');
      expect(existsSync(site.remoteRoot)).toBe(false);

      const unasked = cli(['deploy', 'nas', '--site', site.siteFile]);
      expect(unasked.status).toBe(2);
      expect(unasked.stderr).toContain('add --yes to deploy without asking');

      const done = cli(['deploy', 'nas', '--site', site.siteFile, '--yes', '--no-verify']);
      expect(done.status, done.stderr).toBe(0);
      expect(done.stdout).toMatch(
        /Deployed to nas: \d+ file\(s\) uploaded \([\d.]+ MiB in 0:\d\d\), 0 removed; nginx tested and reloaded\./,
      );
      expect(readFileSync(join(site.remoteRoot, 'pxelinux.cfg/default'), 'utf8')).toBe(
        readFileSync(join(site.workspace, 'tftp/pxelinux.cfg/default'), 'utf8'),
      );
      const again = cli(['deploy', 'nas', '--site', site.siteFile, '--yes']);
      expect(again.stdout).toContain('Nothing to deploy: the NAS is up to date.');
      expect(again.stdout).toContain('Deployed to nas: 0 file(s) uploaded (0.0 MiB');
      // The chain's URLs are asked of the host deployed to (127.0.0.1 here, where no web server runs).
      expect(again.stdout).toMatch(/--- http:\/\/127\.0\.0\.1\/tftp\/fedora-coreos\.ipxe {2}\(connect ECONNREFUSED/);
      expect(again.status).toBe(1);
      expect(again.stderr).toContain('URL(s) of the boot chain do not answer 2xx from the NAS');
    },
  );

  it('trusts a host key on first use only with --trust-host-key (or a yes at a terminal), and records it', () => {
    const site = deploySite(sshd);
    site.target({ hostKey: undefined });
    const refused = cli(['deploy', 'nas', '--site', site.siteFile, '--yes', '--no-verify']);
    expect(refused.status).toBe(1);
    expect(refused.stderr).toContain('was not trusted. Add targets.nas.hostKey to pxe-site.json');
    const trusting = (fingerprint: string) =>
      cli(['deploy', 'nas', '--site', site.siteFile, '--yes', '--no-verify', '--trust-host-key', fingerprint]);
    const wrong = trusting(sshd.otherFingerprint);
    expect(wrong.status).toBe(1);
    const trusted = trusting(sshd.hostKeyFingerprint);
    expect(trusted.status, trusted.stderr).toBe(0);
    expect(trusted.stderr).toContain(`Recorded host key ${sshd.hostKeyFingerprint} as targets.nas.hostKey`);
    expect(JSON.parse(readFileSync(site.siteFile, 'utf8')).targets.nas.hostKey).toBe(sshd.hostKeyFingerprint);
    const mismatch = cli(['deploy', 'nas', '--site', site.siteFile, '--dry-run'], {}, site.workspace);
    expect(mismatch.status).toBe(0);
  });

  it('logs in with a password from PXE_WORKBENCH_PASSWORD, and never prints it', async function () {
    if (process.getuid?.() !== 0) {
      console.log('skipped: creating a throwaway user with a password needs root');
      return;
    }
    const user = 'pxe-deploy-test';
    const password = 'S3cret-Pa55word-not-in-logs';
    if (spawnSync('id', [user]).status !== 0)
      expect(spawnSync('useradd', ['-M', '-s', '/bin/sh', user]).status).toBe(0);
    expect(spawnSync('chpasswd', [], { input: `${user}:${password}\n` }).status).toBe(0);
    const site = deploySite(sshd);
    // The throwaway user may enter the temp folders and write the NAS's docker/ folder (only below the
    // test's own temp folder: /tmp itself is never touched).
    const base = join(site.workspace, '..');
    mkdirSync(join(site.remoteRoot, '..'), { recursive: true });
    for (let dir = join(site.remoteRoot, '..'); dir.startsWith(base); dir = join(dir, '..')) chmodSync(dir, 0o755);
    chmodSync(join(site.remoteRoot, '..'), 0o777);
    site.target({ user, identityFile: undefined, nginxConfig: undefined });
    const wrong = cli(['deploy', 'nas', '--site', site.siteFile, '--yes', '--no-verify'], {
      PXE_WORKBENCH_PASSWORD: 'not-it',
      SSH_AUTH_SOCK: '',
    });
    expect(wrong.status).toBe(1);
    expect(wrong.stderr).toContain('the password was wrong (it was not stored)');
    const ok = cli(['deploy', 'nas', '--site', site.siteFile, '--yes', '--no-verify'], {
      PXE_WORKBENCH_PASSWORD: password,
      SSH_AUTH_SOCK: '',
    });
    expect(ok.status, ok.stderr).toBe(0);
    expect(existsSync(join(site.remoteRoot, 'fedora-coreos.ipxe'))).toBe(true);
    for (const out of [wrong.stdout, wrong.stderr, ok.stdout, ok.stderr]) expect(out).not.toContain(password);
  });

  it('warns before deploying a site whose boot chain is broken', () => {
    const site = deploySite(sshd, 'examples/broken/chain');
    site.target({ nginxConfig: undefined });
    const r = cli(['deploy', 'nas', '--site', site.siteFile, '--dry-run']);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stderr).toContain(
      'warning: the boot chain is broken for 6 kind(s) of machine ' +
        '(UEFI · Any UEFI machine; BIOS · typo-loader; BIOS · nginx-404; …): see `pxe-workbench chain`.',
    );
    expect(r.stdout).toContain('  + fedora-coreos/kernel-x86_64 -> fedora-coreos-41.20250101.3.0-live-kernel-x86_64');
  });

  it('a value of the wrong type in the site file is named, with exit 2 and no stack trace', () => {
    const site = deploySite(sshd);
    site.target();
    const original = readFileSync(site.siteFile, 'utf8');
    const cases: [string, string, unknown, string][] = [
      ['nas', 'remoteRoot', 5, '`targets.nas.remoteRoot` must be a string (it is 5)'],
      ['nas', 'identityFile', 7, '`targets.nas.identityFile` must be a string (it is 7)'],
      ['router', 'files', 'x', '`targets.router.files` must be a list (it is "x")'],
      ['router', 'apiCertificate', 5, '`targets.router.apiCertificate` must be a string (it is 5)'],
    ];
    for (const [target, key, value, named] of cases) {
      const json = JSON.parse(original) as { targets: Record<string, Record<string, unknown>> };
      json.targets[target]![key] = value;
      writeFileSync(site.siteFile, JSON.stringify(json, null, 2));
      // `pull` reads the router target without the target list that `deploy` reads first.
      const runs = [
        cli(['deploy', target, '--site', site.siteFile, '--dry-run']),
        ...(target === 'router' ? [cli(['pull', target, '--site', site.siteFile])] : []),
      ];
      for (const r of runs) {
        expect(r.status, `${key}: ${r.stderr}`).toBe(2);
        expect(r.stderr).toContain(named);
        expect(r.stderr).toContain('Fix the value in the site file');
        expect(r.stderr).not.toMatch(/Please report|\n\s+at /);
      }
    }
  });

  it('the home lab router (192.168.255.1) is never contacted from a test run; unknown targets get a clear message (exit 2)', () => {
    const site = deploySite(sshd);
    site.target();
    // `deploy router` is router deploy; the test fence stops it before any connection to the real address.
    const router = cli(['deploy', 'router', '--site', site.siteFile, '--dry-run']);
    expect(router.status).toBe(1);
    expect(router.stderr).toContain('not connecting to 192.168.255.1: PXE_WORKBENCH_LOOPBACK_ONLY is set');
    const unknown = cli(['deploy', 'nass', '--site', site.siteFile, '--dry-run']);
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toContain('pxe-site.json has no target "nass" (it has nas, router)');
  });
});
