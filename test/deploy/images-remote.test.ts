import { execFile } from 'node:child_process';
import { existsSync, readFileSync, readlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ImageError, remoteImagesDir, updateImagesOnNas } from '../../lib/images';
import { serveArtifacts, type Served } from '../helpers/artifactServer';
import { deploySite } from '../helpers/deploySite';
import { startSshd, type Sshd } from '../helpers/sshd';
import { built } from '../helpers/build';

const noSecrets = { get: async () => undefined };

describe('Fedora CoreOS images updated on the NAS over SSH (real sshd; the "NAS" downloads from 127.0.0.1)', () => {
  let sshd: Sshd;
  let server: Served;
  beforeAll(async () => {
    [sshd, server] = await Promise.all([startSshd(), serveArtifacts()]);
  });
  afterAll(async () => {
    await server?.close();
    await sshd?.stop();
  });

  it('downloads and verifies on the NAS, links and records the release, keeps the old one on a bad checksum', async () => {
    const site = deploySite(sshd);
    const target = site.target();
    const dir = remoteImagesDir(target);
    expect(dir).toBe(join(site.remoteRoot, 'fedora-coreos'));
    const options = {
      dest: '/nowhere',
      stream: 'stable' as const,
      arch: 'x86_64' as const,
      keep: 2,
      streamUrl: server.streamUrl,
      secrets: noSecrets,
    };
    const bytes = await server.release('42.1.3.0');
    const first = await updateImagesOnNas(target, options);
    expect(first).toMatchObject({ release: '42.1.3.0', upToDate: false });
    expect(first.bytes).toBeGreaterThan(0);
    const kernel = 'fedora-coreos-42.1.3.0-live-kernel-x86_64';
    expect(readFileSync(join(dir, kernel)).equals(bytes.get(kernel)!)).toBe(true);
    expect(readlinkSync(join(dir, 'kernel-x86_64'))).toBe(kernel);
    expect(readFileSync(join(dir, '.latest.txt'), 'utf8')).toBe('42.1.3.0\n');
    expect(existsSync('/nowhere')).toBe(false);
    expect(await updateImagesOnNas(target, options)).toMatchObject({ upToDate: true, bytes: 0 });

    await server.release('42.2.3.0');
    server.corrupt('rootfs');
    const error = await updateImagesOnNas(target, options).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ImageError);
    expect((error as ImageError).file).toBe('fedora-coreos-42.2.3.0-live-rootfs.x86_64.img');
    expect((error as Error).message).toContain('checksum mismatch on the NAS');
    expect(readlinkSync(join(dir, 'rootfs.x86_64.img'))).toBe('fedora-coreos-42.1.3.0-live-rootfs.x86_64.img');
    server.corrupt(undefined);
    await updateImagesOnNas(target, options);
    expect(readlinkSync(join(dir, 'rootfs.x86_64.img'))).toBe('fedora-coreos-42.2.3.0-live-rootfs.x86_64.img');
    await server.release('42.3.3.0');
    const third = await updateImagesOnNas(target, options);
    expect(third.removed.sort()).toEqual([
      'fedora-coreos-42.1.3.0-live-initramfs.x86_64.img',
      'fedora-coreos-42.1.3.0-live-kernel-x86_64',
      'fedora-coreos-42.1.3.0-live-rootfs.x86_64.img',
    ]);
  });

  it('refuses a signature check on the NAS and a images folder outside the TFTP root', async () => {
    const site = deploySite(sshd);
    const target = site.target();
    await expect(
      updateImagesOnNas(target, {
        dest: '/x',
        stream: 'stable',
        arch: 'x86_64',
        keep: 2,
        streamUrl: server.streamUrl,
        secrets: noSecrets,
        gpgKey: 'k',
      }),
    ).rejects.toThrow(/update locally \(without --on\) to use --gpg-key/);
    expect(() =>
      remoteImagesDir({
        ...target,
        site: { ...target.site, images: { dir: '/elsewhere', arch: 'x86_64', stream: 'stable', keep: 4 } },
      }),
    ).toThrow(/is not inside tftp.root/);
  });

  it('the CLI: images update --on nas', async () => {
    const site = deploySite(sshd);
    site.target();
    const json = JSON.parse(readFileSync(site.siteFile, 'utf8'));
    json.images.streamUrl = server.streamUrl;
    writeFileSync(site.siteFile, JSON.stringify(json));
    await server.release('43.1.3.0');
    // Asynchronous: the artifact server runs in this process and must answer the NAS meanwhile.
    const run = (): Promise<{ code: number | null; stdout: string; stderr: string }> =>
      new Promise((done) => {
        const child = execFile(
          process.execPath,
          [built('cli.js'), 'images', 'update', '--on', 'nas'],
          { cwd: site.workspace, encoding: 'utf8' },
          (_e, stdout, stderr) => done({ code: child.exitCode, stdout, stderr }),
        );
      });
    const r = await run();
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(
      /^Fedora CoreOS 43\.1\.3\.0 \(stable, x86_64\) is now current in nas \(over SSH\): 3 file\(s\)/,
    );
    expect(readlinkSync(join(site.remoteRoot, 'fedora-coreos', 'initramfs.x86_64.img'))).toBe(
      'fedora-coreos-43.1.3.0-live-initramfs.x86_64.img',
    );
    expect((await run()).stdout).toContain('is already current in nas (over SSH); nothing downloaded.');
  });
});
