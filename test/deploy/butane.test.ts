/**
 * Deploy and Butane (a real OpenSSH sshd on 127.0.0.1): each source named in butane.sources is translated
 * before anything is uploaded and its translation is sent as the `.ign`; a source that does not translate
 * stops the deploy before anything remote changes; an `.ign` older than the `.bu` beside it is never sent.
 */
import { existsSync, readdirSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deploy, DeployError, ignitionText, translateText, type Secrets } from '../../lib/deploy';
import { upToDate } from '../../lib/deploy/plan';
import { deploySite } from '../helpers/deploySite';
import { startSshd, type Sshd } from '../helpers/sshd';

const noSecrets: Secrets = { get: async () => undefined };
const CONFIG = 'tftp/fedora-coreos/config';

describe('deploy translates Butane sources (a real OpenSSH sshd on 127.0.0.1)', () => {
  let sshd: Sshd;
  beforeAll(async () => {
    sshd = await startSshd();
  });
  afterAll(() => sshd?.stop());

  it('uploads the translation of config.bu as config.ign; the committed config.ign is that translation', async () => {
    const site = deploySite(sshd);
    const target = site.target();
    const first = await deploy(target, { secrets: noSecrets, verify: false });
    expect(first.result?.uploaded).toContain('fedora-coreos/config.ign');
    const remote = readFileSync(join(site.remoteRoot, 'fedora-coreos/config.ign'), 'utf8');
    const source = readFileSync(join(site.workspace, `${CONFIG}.bu`), 'utf8');
    expect(remote).toBe(translateText(source, join(site.workspace, 'tftp/fedora-coreos')).output);
    expect(remote).toBe(readFileSync(join(site.workspace, `${CONFIG}.ign`), 'utf8'));
    // Nothing changed: the translation is compared by content and nothing is sent again.
    const again = await deploy(target, { secrets: noSecrets, verify: false, dryRun: true });
    expect(upToDate(again.plan)).toBe(true);
  });

  it('sends the new translation after an edit of the .bu, not the stale .ign on disk (and says so)', async () => {
    const site = deploySite(sshd);
    const target = site.target();
    await deploy(target, { secrets: noSecrets, verify: false });
    const bu = join(site.workspace, `${CONFIG}.bu`);
    writeFileSync(bu, readFileSync(bu, 'utf8').replace("PXE Workbench's home-lab example", 'the edited example'));
    const log: string[] = [];
    const second = await deploy(target, { secrets: noSecrets, verify: false, log: (l) => log.push(l) });
    expect(second.result?.uploaded.sort()).toEqual(['fedora-coreos/config.bu', 'fedora-coreos/config.ign']);
    const remote = JSON.parse(readFileSync(join(site.remoteRoot, 'fedora-coreos/config.ign'), 'utf8')) as {
      storage: { files: { contents: { source: string } }[] };
    };
    expect(remote.storage.files[1]!.contents.source).toContain('the%20edited%20example');
    expect(log.join('\n')).toMatch(/fedora-coreos\/config\.ign: the local copy differs from the translation of/);
    expect(readFileSync(join(site.workspace, `${CONFIG}.ign`), 'utf8')).not.toContain('edited');
  });

  it('uploads the translation when only the .bu is deployed (upload on save)', async () => {
    const site = deploySite(sshd);
    const outcome = await deploy(site.target(), {
      secrets: noSecrets,
      only: ['fedora-coreos/config.bu'],
      verify: false,
    });
    expect(outcome.result?.uploaded.sort()).toEqual(['fedora-coreos/config.bu', 'fedora-coreos/config.ign']);
  });

  it('stops before anything remote changes when a source does not translate', async () => {
    const site = deploySite(sshd);
    const bu = join(site.workspace, `${CONFIG}.bu`);
    writeFileSync(bu, readFileSync(bu, 'utf8').replace('mode: 0644', 'mode: not-a-mode'));
    const error = await deploy(site.target(), { secrets: noSecrets, verify: false }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DeployError);
    expect((error as Error).message).toContain(
      'Not deployed, nothing was uploaded: tftp/fedora-coreos/config.bu does not translate to Ignition ' +
        '(error at $.storage.files.0.mode, line 11 col 13: ',
    );
    expect((error as Error).message).toMatch(/`pxe-workbench butane tftp\/fedora-coreos\/config\.bu` prints them/);
    expect(existsSync(site.remoteRoot) ? readdirSync(site.remoteRoot) : []).toEqual([]);
    // An upload of another file (on save) does not translate it, so it is not held up.
    const other = await deploy(site.target(), { secrets: noSecrets, verify: false, only: ['fedora-coreos.ipxe'] });
    expect(other.result?.uploaded).toEqual(['fedora-coreos.ipxe']);
  });

  it('refuses an .ign older than the .bu beside it that deploy does not translate', async () => {
    const site = deploySite(sshd);
    const extra = join(site.workspace, 'tftp/extra');
    writeFileSync(`${extra}.bu`, 'variant: fcos\nversion: 1.5.0\n');
    writeFileSync(`${extra}.ign`, ignitionText({ ignition: { version: '3.4.0' } }));
    utimesSync(`${extra}.ign`, new Date('2026-01-01T00:00:00Z'), new Date('2026-01-01T00:00:00Z'));
    utimesSync(`${extra}.bu`, new Date('2026-01-02T00:00:00Z'), new Date('2026-01-02T00:00:00Z'));
    const error = await deploy(site.target(), { secrets: noSecrets, verify: false }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DeployError);
    expect((error as Error).message).toBe(
      'Not deployed, nothing was uploaded: extra.ign is older than extra.bu, so it is not the translation of the ' +
        'last edit. Re-translate (`pxe-workbench butane --pretty tftp/extra.bu -o tftp/extra.ign`), or let deploy ' +
        'do it: name the ' +
        'pair in butane.sources of pxe-site.json.',
    );
    expect(existsSync(site.remoteRoot) ? readdirSync(site.remoteRoot) : []).toEqual([]);
    // Translated again (newer than its source): deployed.
    utimesSync(`${extra}.ign`, new Date('2026-01-03T00:00:00Z'), new Date('2026-01-03T00:00:00Z'));
    const outcome = await deploy(site.target(), { secrets: noSecrets, verify: false });
    expect(outcome.result?.uploaded).toContain('extra.ign');
  });
});
