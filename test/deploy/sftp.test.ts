import { createHash } from 'node:crypto';
import {
  existsSync,
  lstatSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  statSync,
  symlinkSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deploy, DeployError, HostKeyError, loadNasTarget, type Secrets } from '../../lib/deploy';
import { deploySite } from '../helpers/deploySite';
import { startSshd, type Sshd } from '../helpers/sshd';

const noSecrets: Secrets = { get: async () => undefined };

/** Every file under a folder → sha256 (links → `-> target`), temp leftovers excluded. */
function snapshot(root: string): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (dir: string): void => {
    if (!existsSync(dir)) return;
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      const rel = relative(root, path);
      const stat = lstatSync(path);
      if (stat.isSymbolicLink()) out.set(rel, `-> ${readlinkSync(path)}`);
      else if (stat.isDirectory()) walk(path);
      else if (!/\.pxe-(upload|old)-/.test(name))
        out.set(rel, createHash('sha256').update(readFileSync(path)).digest('hex'));
    }
  };
  walk(root);
  return out;
}

const temps = (root: string): string[] => [...snapshotNames(root)].filter((n) => /\.pxe-(upload|old)-/.test(n));
function snapshotNames(root: string): string[] {
  const names: string[] = [];
  const walk = (dir: string): void => {
    if (!existsSync(dir)) return;
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      names.push(relative(root, path));
      if (lstatSync(path).isDirectory()) walk(path);
    }
  };
  walk(root);
  return names;
}

describe('deploy to a NAS over SFTP (a real OpenSSH sshd on 127.0.0.1)', () => {
  let sshd: Sshd;
  beforeAll(async () => {
    sshd = await startSshd();
  });
  afterAll(() => sshd?.stop());

  it('deploys examples/home-lab, keeps links and times; a second deploy sends nothing; one change sends one file', async () => {
    const site = deploySite(sshd);
    symlinkSync('fedora-coreos-live-kernel-x86_64', join(site.workspace, 'tftp/fedora-coreos/kernel-x86_64'));
    const target = site.target();
    const log: string[] = [];
    const first = await deploy(target, { secrets: noSecrets, verify: false, log: (l) => log.push(l) });
    expect(first.plan.entries.every((e) => e.action === 'add')).toBe(true);
    expect(snapshot(site.remoteRoot)).toEqual(snapshot(join(site.workspace, 'tftp')));
    expect(readlinkSync(join(site.remoteRoot, 'fedora-coreos/kernel-x86_64'))).toBe('fedora-coreos-live-kernel-x86_64');
    const local = statSync(join(site.workspace, 'tftp/fedora-coreos.ipxe'));
    expect(Math.floor(statSync(join(site.remoteRoot, 'fedora-coreos.ipxe')).mtimeMs / 1000)).toBe(
      Math.floor(local.mtimeMs / 1000),
    );
    expect(first.result!.nginx).toBe('reloaded');
    expect(readFileSync(target.nginx!.remote, 'utf8')).toBe(
      readFileSync(join(site.workspace, 'nas/www.tftp.conf'), 'utf8'),
    );
    expect(temps(site.remoteRoot)).toEqual([]);

    const second = await deploy(target, { secrets: noSecrets, verify: false });
    expect(second.result).toMatchObject({ bytes: 0, uploaded: [], nginx: 'unchanged' });
    expect(second.plan.entries.filter((e) => e.action !== 'same')).toEqual([]);

    writeFileSync(
      join(site.workspace, 'tftp/fedora-coreos.ipxe'),
      `${readFileSync(join(site.workspace, 'tftp/fedora-coreos.ipxe'), 'utf8')}# changed\n`,
    );
    const third = await deploy(target, { secrets: noSecrets, verify: false });
    expect(third.result!.uploaded).toEqual(['fedora-coreos.ipxe']);
    expect(readFileSync(join(site.remoteRoot, 'fedora-coreos.ipxe'), 'utf8')).toContain('# changed');

    // Same content, newer time: compared by sha256 on the NAS, nothing uploaded, the time fixed.
    const later = new Date(Date.now() + 3_600_000);
    utimesSync(join(site.workspace, 'tftp/ldlinux.c32'), later, later);
    const fourth = await deploy(target, { secrets: noSecrets, verify: false });
    expect(fourth.result!.uploaded).toEqual([]);
    expect(fourth.plan.entries.find((e) => e.path === 'ldlinux.c32')).toMatchObject({ action: 'same', fixTime: true });
    expect((await deploy(target, { secrets: noSecrets, dryRun: true })).plan.entries.some((e) => e.fixTime)).toBe(
      false,
    );
  });

  it('a dry run and a "no" at the preview write nothing', async () => {
    const site = deploySite(sshd);
    const target = site.target();
    const dry = await deploy(target, { secrets: noSecrets, dryRun: true });
    expect(dry.result).toBeUndefined();
    expect(dry.plan.entries.filter((e) => e.action === 'add').length).toBeGreaterThan(10);
    const declined = await deploy(target, { secrets: noSecrets, confirm: async () => false });
    expect(declined.result).toBeUndefined();
    expect(existsSync(site.remoteRoot)).toBe(false);
  });

  it('a connection killed mid-transfer leaves every file old or new, never partial; the next deploy completes', async () => {
    // Every file gets new content, config.bu too: without its Butane source, config.ign is sent as it is.
    const site = deploySite(sshd, undefined, (s) => delete s.butane);
    const target = site.target();
    await deploy(target, { secrets: noSecrets, verify: false });
    const before = snapshot(site.remoteRoot);
    // New versions of every file, and two big ones, so the kill lands mid-transfer.
    mkdirSync(join(site.workspace, 'tftp/big'));
    for (const n of [1, 2])
      writeFileSync(join(site.workspace, `tftp/big/image-${n}.img`), Buffer.alloc(48 * 2 ** 20, n));
    for (const [rel] of before)
      writeFileSync(
        join(site.workspace, 'tftp', rel),
        `${readFileSync(join(site.workspace, 'tftp', rel), 'utf8')}\nnew`,
      );
    const after = snapshot(join(site.workspace, 'tftp'));
    let killed = false;
    const error = await deploy(target, {
      secrets: noSecrets,
      verify: false,
      retries: 0,
      progress: (p) => {
        if (!killed && p.done > 20 * 2 ** 20) {
          killed = true;
          sshd.killConnections();
        }
      },
    }).catch((e: unknown) => e);
    expect(killed).toBe(true);
    expect(error).toBeInstanceOf(DeployError);
    expect((error as DeployError).connectionLost).toBe(true);
    for (const [rel, hash] of snapshot(site.remoteRoot)) expect([before.get(rel), after.get(rel)], rel).toContain(hash);
    const done = await deploy(target, { secrets: noSecrets, verify: false });
    expect(snapshot(site.remoteRoot)).toEqual(after);
    expect(temps(site.remoteRoot)).toEqual([]);
    expect(done.result!.uploaded.length).toBeLessThan(after.size);
  });

  it('reconnects by itself after a dropped connection and sends only what is not finished', async () => {
    const site = deploySite(sshd);
    const target = site.target();
    mkdirSync(join(site.workspace, 'tftp/big'));
    for (const n of [1, 2, 3])
      writeFileSync(join(site.workspace, `tftp/big/image-${n}.img`), Buffer.alloc(32 * 2 ** 20, n));
    let killed = false;
    const log: string[] = [];
    const outcome = await deploy(target, {
      secrets: noSecrets,
      verify: false,
      concurrency: 1,
      log: (l) => {
        log.push(l);
        // The first image is in place and the next one is on its way: drop the connection now.
        if (!killed && l === 'added big/image-1.img') {
          killed = true;
          setTimeout(() => sshd.killConnections(), 30);
        }
      },
    });
    expect(killed).toBe(true);
    expect(outcome.result!.reconnects).toBe(1);
    expect(log.join('\n')).toMatch(/reconnecting to finish the \d+ file\(s\) left/);
    expect(snapshot(site.remoteRoot)).toEqual(snapshot(join(site.workspace, 'tftp')));
    expect(new Set(outcome.result!.uploaded).size).toBe(outcome.result!.uploaded.length);
  });

  it('refuses a host key other than the site file names, and writes nothing', async () => {
    const site = deploySite(sshd);
    const error = await deploy(site.target({ hostKey: sshd.otherFingerprint }), { secrets: noSecrets }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(HostKeyError);
    expect((error as Error).message).toContain(
      `presented host key ${sshd.hostKeyFingerprint}, but pxe-site.json (targets.nas.hostKey) expects ${sshd.otherFingerprint}`,
    );
    expect(existsSync(site.remoteRoot)).toBe(false);
  });

  it('trusts a new host key only when asked, and hands it back to record', async () => {
    const site = deploySite(sshd);
    const target = site.target({ hostKey: undefined });
    const asked: string[] = [];
    await expect(deploy(target, { secrets: noSecrets, trust: async (fp) => (asked.push(fp), false) })).rejects.toThrow(
      /was not trusted/,
    );
    expect(asked).toEqual([sshd.hostKeyFingerprint]);
    expect(existsSync(site.remoteRoot)).toBe(false);
    const outcome = await deploy(target, { secrets: noSecrets, verify: false, trust: async () => true });
    expect(outcome.trusted).toBe(sshd.hostKeyFingerprint);
  });

  it('refuses remote paths that leave the remote root, and links that point out of the TFTP root', async () => {
    const site = deploySite(sshd);
    expect(() => site.target({ remoteRoot: `${site.remoteRoot}/../../etc` })).toThrow(/contains "\.\."/);
    expect(() => site.target({ remoteRoot: 'volume1/tftp' })).toThrow(/must be an absolute path/);
    symlinkSync('../../pxe-site.json', join(site.workspace, 'tftp/fedora-coreos/escape'));
    await expect(deploy(site.target(), { secrets: noSecrets })).rejects.toThrow(
      /the symlink fedora-coreos\/escape -> \.\.\/\.\.\/pxe-site\.json leads outside the TFTP root/,
    );
    expect(existsSync(site.remoteRoot)).toBe(false);
  });

  it('an encrypted key asks for its passphrase; a wrong one is refused and not stored', async () => {
    const site = deploySite(sshd);
    const target = site.target({ identityFile: sshd.encryptedKeyFile });
    const events: string[] = [];
    const secrets = (passphrase: string): Secrets => ({
      get: async (kind) => (events.push(`get ${kind}`), kind === 'passphrase' ? passphrase : undefined),
      confirm: async (kind) => void events.push(`confirm ${kind}`),
      reject: async (kind) => void events.push(`reject ${kind}`),
    });
    const said: string[] = [];
    const wrong = await deploy(target, { secrets: secrets('wrong'), dryRun: true, log: (l) => said.push(l) }).catch(
      (e: Error) => e,
    );
    expect(String(wrong)).toMatch(/passphrase for .* is wrong/);
    said.push(String(wrong));
    expect(events).toEqual(['get passphrase', 'reject passphrase']);
    events.length = 0;
    const outcome = await deploy(target, { secrets: secrets(sshd.passphrase), dryRun: true, log: (l) => said.push(l) });
    expect(outcome.plan.entries.length).toBeGreaterThan(0);
    expect(events).toEqual(['get passphrase', 'confirm passphrase']);
    // What the output channel and the CLI print never carries a secret.
    expect(said.length).toBeGreaterThan(1);
    for (const line of said) expect(line).not.toContain(sshd.passphrase);
  });

  it('says what to do when nothing listens, or no key is accepted', async () => {
    const site = deploySite(sshd);
    await expect(deploy(site.target({ port: 1 }), { secrets: noSecrets })).rejects.toThrow(
      /Nothing answers on 127\.0\.0\.1:1: is SSH enabled on the NAS/,
    );
    writeFileSync(
      join(site.workspace, 'stranger'),
      readFileSync(sshd.keyFile, 'utf8').replace(/./g, (c) => c),
    );
    await expect(
      deploy(site.target({ identityFile: join(sshd.dir, 'other_host_key') }), { secrets: noSecrets }),
    ).rejects.toThrow(/Login to .* failed: the key was not accepted/);
    expect(loadNasTarget(site.siteFile, 'nas').remoteRoot).toBe(site.remoteRoot);
    const json = JSON.parse(readFileSync(site.siteFile, 'utf8'));
    json.http.root = 'www';
    writeFileSync(site.siteFile, JSON.stringify(json));
    expect(() => loadNasTarget(site.siteFile, 'nas')).toThrow(
      /http\.root .* is outside tftp\.root .*: deploy mirrors the TFTP root only/,
    );
    expect(() => loadNasTarget(site.siteFile, 'router')).toThrow(/MikroTik router/);
  });
});

describe('deploy when the NAS refuses posix-rename (the fallback)', () => {
  let sshd: Sshd;
  beforeAll(async () => {
    sshd = await startSshd({ sftpFlags: '-P posix-rename' });
  });
  afterAll(() => sshd?.stop());

  it('still replaces files (old one moved aside first) and leaves no temp files', async () => {
    const site = deploySite(sshd);
    const target = site.target();
    await deploy(target, { secrets: noSecrets, verify: false });
    writeFileSync(join(site.workspace, 'tftp/fedora-coreos.ipxe'), '#!ipxe\necho replaced\n');
    const log: string[] = [];
    await deploy(target, { secrets: noSecrets, verify: false, log: (l) => log.push(l) });
    expect(readFileSync(join(site.remoteRoot, 'fedora-coreos.ipxe'), 'utf8')).toBe('#!ipxe\necho replaced\n');
    expect(log.join('\n')).toContain('refuses posix-rename (or does not offer it)');
    expect(temps(site.remoteRoot)).toEqual([]);
  });
});
