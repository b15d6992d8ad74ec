import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fakeGrubImage } from '../helpers/grubImage';
import { built } from '../helpers/build';

const DEBIAN = 'node_modules/.cache/pxe-secureboot/root/usr/lib/grub/x86_64-efi-signed/grubnetx64.efi.signed';
const MACHINE = ['--mac', '52:54:00:12:34:56', '--ip', '192.168.255.50'];

function cli(...args: string[]): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [built('cli.js'), ...args], { encoding: 'utf8' });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

function root(files: Record<string, string | Buffer>): string {
  const dir = mkdtempSync(join(tmpdir(), 'pxe-grub-cli-'));
  for (const [name, content] of Object.entries(files)) {
    mkdirSync(join(dir, name, '..'), { recursive: true });
    writeFileSync(join(dir, name), content);
  }
  return dir;
}

describe('pxe-workbench grub-lookup', () => {
  it.skipIf(!existsSync(DEBIAN))(
    'explains Debian’s grubnetx64.efi found in the TFTP root: fixed paths, the one that exists',
    () => {
      const dir = root({ 'grub/grub.cfg': 'true\n' });
      copyFileSync(DEBIAN, join(dir, 'grubx64.efi'));
      const r = cli('grub-lookup', ...MACHINE, '--tftp', dir);
      expect(r.status).toBe(0);
      expect(r.stdout).toContain('grubx64.efi (debian 2.06-13+deb12u2, x86_64-efi), prefix /grub');
      // Its `[ -e $prefix/x86_64-efi/grub.cfg ]` is false over TFTP: grub/grub.cfg is the one file it reads.
      expect(r.stdout).toContain(' 1. grub/grub.cfg   ← used');
      expect(r.stdout).not.toContain('x86_64-efi/grub.cfg');
      expect(r.stdout).toContain('GRUB reads grub/grub.cfg.');
    },
  );

  it('explains the per-machine search of an upstream image given with --image', () => {
    const dir = root({ 'boot/grub/grub.cfg-01-52-54-00-12-34-56': 'true\n' });
    const image = join(dir, 'core.efi');
    writeFileSync(image, fakeGrubImage({ modules: ['normal', 'tftp'], prefix: '/boot/grub' }));
    const r = cli('grub-lookup', ...MACHINE, '--tftp', dir, '--image', image);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain(' 1. boot/grub/grub.cfg-01-52-54-00-12-34-56   ← used');
    expect(r.stdout).toContain('10. boot/grub/grub.cfg');
  });

  it('says what to do without an image, and refuses bad input with exit code 2', () => {
    const dir = root({});
    const r = cli('grub-lookup', ...MACHINE, '--tftp', dir);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('No GRUB image in the TFTP root: give the one the machines boot with --image.');
    const notGrub = join(dir, 'shimx64.efi');
    writeFileSync(notGrub, 'MZ');
    expect(cli('grub-lookup', ...MACHINE, '--tftp', dir, '--image', notGrub)).toMatchObject({ status: 2 });
    expect(cli('grub-lookup', ...MACHINE, '--tftp', dir, '--image', notGrub).stderr).toContain('not a GRUB EFI image');
    expect(cli('grub-lookup', '--mac', 'x', '--ip', '1.2.3.4', '--tftp', dir).stderr).toContain('is not a MAC address');
  });
});
