/** `pxe-workbench deploy router` and `pxe-workbench pull router`, the built CLI against the simulator and a real sshd. */
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { built } from '../helpers/build';
import { makeCertificate } from '../helpers/routerCert';
import { realTree, startSimulator, type Simulator } from '../helpers/routerosSim';
import { routerSite } from '../helpers/routerSite';
import { startSshd, type Sshd } from '../helpers/sshd';

const PASSWORD = 'rosPw-0f7c2a';

/** Runs the CLI without blocking this process (the simulator answers from its event loop). */
function cli(
  args: string[],
  env: Record<string, string> = {},
): Promise<{ status: number; stdout: string; stderr: string }> {
  return new Promise((done) => {
    execFile(
      process.execPath,
      [built('cli.js'), ...args],
      { encoding: 'utf8', env: { ...process.env, ...env }, timeout: 60_000 },
      (error, stdout, stderr) => {
        done({ status: error ? Number((error as { code?: number }).code ?? 1) : 0, stdout, stderr });
      },
    );
  });
}

describe('pxe-workbench deploy <router> / pull <router>', () => {
  let sshd: Sshd;
  let sim: Simulator;
  beforeAll(async () => {
    sshd = await startSshd();
  });
  afterAll(async () => {
    await sim?.close();
    await sshd?.stop();
  });

  it('dry run, then --yes applies and reads back, a re-run has nothing to do; the password never shows', async () => {
    sim = await startSimulator({
      tree: realTree(),
      credentials: { user: sshd.user, password: PASSWORD },
      emptyMode: true,
    });
    const site = routerSite(sshd, sim);
    await site.target();
    const env = { PXE_WORKBENCH_PASSWORD: PASSWORD };
    const dry = await cli(['deploy', 'router', '--site', site.siteFile, '--dry-run'], env);
    expect(dry.status, dry.stderr).toBe(0);
    expect(dry.stdout).toContain(`Settings (RouterOS API, 127.0.0.1:${sim.port}):`);
    expect(dry.stdout).toContain('  + add    /ip dhcp-server option name=tftp-server  — line 6');
    expect(dry.stdout).toContain("        code=66 value='192.168.255.2'");
    expect(dry.stdout).toContain('13 to add, 0 to change, 0 to remove, 0 already right.');
    expect(dry.stdout).toContain('(dry run: nothing was changed)');
    expect(dry.stderr).toContain('warning: targets.router.apiTls is false');
    expect(sim.menus.get('/ip/pool') ?? []).toEqual([]);

    const unasked = await cli(['deploy', 'router', '--site', site.siteFile], env);
    expect(unasked.status).toBe(2);
    expect(unasked.stderr).toContain('add --yes to deploy without asking');

    const done = await cli(['deploy', 'router', '--site', site.siteFile, '--yes'], env);
    expect(done.status, done.stderr).toBe(0);
    expect(done.stdout).toContain('Deployed to router: 13 setting change(s) applied and read back.');
    const again = await cli(['deploy', 'router', '--site', site.siteFile, '--yes'], env);
    expect(again.stdout).toContain('Nothing to deploy: the router is up to date.');
    expect(again.stdout).toContain('Deployed to router: 0 setting change(s) applied and read back.');

    const pulled = await cli(
      ['pull', 'router', '--site', site.siteFile, '--out', join(site.workspace, 'router/pulled.rsc')],
      env,
    );
    expect(pulled.status, pulled.stderr).toBe(0);
    expect(readFileSync(join(site.workspace, 'router/pulled.rsc'), 'utf8')).toMatch(
      new RegExp(
        /^add .*address=192\.168\.255\.0\/24 gateway=192\.168\.255\.1 dns-server=192\.168\.255\.1 /.source +
          /next-server=192\.168\.255\.2 dhcp-option-set=pxe-bios$/.source,
        'm',
      ),
    );

    const wrong = await cli(['deploy', 'router', '--site', site.siteFile, '--dry-run'], {
      PXE_WORKBENCH_PASSWORD: 'nope',
    });
    expect(wrong.status).toBe(1);
    expect(wrong.stderr).toContain(`refused user "${sshd.user}" with that password`);
    for (const out of [dry, unasked, done, again, pulled, wrong])
      expect(out.stdout + out.stderr).not.toContain(PASSWORD);
    await sim.close();
  });

  it('over api-ssl records the certificate trusted with --trust-certificate; a different one is refused', async () => {
    const cert = makeCertificate();
    sim = await startSimulator({ tree: realTree(), credentials: { user: sshd.user, password: PASSWORD }, tls: cert });
    const site = routerSite(sshd, sim);
    await site.target({ apiTls: true });
    const env = { PXE_WORKBENCH_PASSWORD: PASSWORD };
    const refused = await cli(['deploy', 'router', '--site', site.siteFile, '--dry-run'], env);
    expect(refused.status).toBe(1);
    expect(refused.stderr).toContain(`fingerprint ${cert.fingerprint}`);
    const trusted = await cli(
      ['deploy', 'router', '--site', site.siteFile, '--dry-run', '--trust-certificate', cert.fingerprint],
      env,
    );
    expect(trusted.status, trusted.stderr).toBe(0);
    expect(trusted.stderr).toContain(`Recorded certificate ${cert.fingerprint} as targets.router.apiCertificate`);
    expect(JSON.parse(readFileSync(site.siteFile, 'utf8')).targets.router.apiCertificate).toBe(cert.fingerprint);
    const other = makeCertificate('other');
    await sim.close();
    sim = await startSimulator({ tree: realTree(), credentials: { user: sshd.user, password: PASSWORD }, tls: other });
    const site2 = JSON.parse(readFileSync(site.siteFile, 'utf8'));
    site2.targets.router.apiPort = sim.port;
    (await import('node:fs')).writeFileSync(site.siteFile, JSON.stringify(site2, null, 2));
    const swapped = await cli(['deploy', 'router', '--site', site.siteFile, '--dry-run'], env);
    expect(swapped.status).toBe(1);
    expect(swapped.stderr).toContain(
      `presented certificate ${other.fingerprint}, but pxe-site.json (targets.router.apiCertificate) pins ${cert.fingerprint}`,
    );
    expect(sim.commands).toEqual([]);
  });
});
