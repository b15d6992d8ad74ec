import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  existsSync,
  lstatSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deploy, DeployError, type Secrets } from '../../lib/deploy';
import { sha256Of } from '../../lib/deploy/local';
import { built } from '../helpers/build';
import { deploySite } from '../helpers/deploySite';
import { startSshd, type Sshd } from '../helpers/sshd';

const noSecrets: Secrets = { get: async () => undefined };

function cli(args: string[]): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [built('cli.js'), ...args], { encoding: 'utf8', timeout: 60_000 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** Every entry under a folder: files by sha256, links by target. */
function tree(root: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (dir: string): void => {
    for (const name of existsSync(dir) ? readdirSync(dir) : []) {
      const path = join(dir, name);
      const stat = lstatSync(path);
      if (stat.isSymbolicLink()) out[relative(root, path)] = `-> ${readlinkSync(path)}`;
      else if (stat.isDirectory()) walk(path);
      else out[relative(root, path)] = createHash('sha256').update(readFileSync(path)).digest('hex');
    }
  };
  walk(root);
  return out;
}

describe('deploy and the symlinks, pipes and names of the TFTP root (a real sshd on 127.0.0.1)', () => {
  let sshd: Sshd;
  beforeAll(async () => {
    sshd = await startSshd();
  });
  afterAll(() => sshd?.stop());

  it('refuses x -> ../../../.. plus y -> x/../../../../etc before uploading anything: the NAS is unchanged', async () => {
    const site = deploySite(sshd);
    await deploy(site.target(), { secrets: noSecrets, verify: false });
    const before = tree(site.remoteRoot);
    expect(Object.keys(before).length).toBeGreaterThan(3);
    const tftp = join(site.workspace, 'tftp');
    writeFileSync(join(tftp, 'new-file.ipxe'), '#!ipxe\n');
    mkdirSync(join(tftp, 'd1/d2/d3/d4'), { recursive: true });
    symlinkSync('../../../..', join(tftp, 'd1/d2/d3/d4/x'));
    symlinkSync('x/../../../../etc', join(tftp, 'd1/d2/d3/d4/y'));

    const error = await deploy(site.target(), { secrets: noSecrets, verify: false }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DeployError);
    expect((error as Error).message).toBe(
      'Not deployed, nothing was uploaded: the symlink d1/d2/d3/d4/y -> x/../../../../etc leads outside the TFTP root, ' +
        'through the symlink d1/d2/d3/d4/x -> ../../../..: on the NAS it would expose what lies there. ' +
        `Make each a regular file (a copy of what it points at), or point it at a file inside ${tftp}.`,
    );
    expect(tree(site.remoteRoot)).toEqual(before);

    const r = cli(['deploy', 'nas', '--site', site.siteFile, '--yes', '--no-verify']);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('the symlink d1/d2/d3/d4/y -> x/../../../../etc leads outside the TFTP root');
    expect(r.stdout).toBe('');
    expect(tree(site.remoteRoot)).toEqual(before);
    expect(existsSync(join(site.remoteRoot, 'new-file.ipxe'))).toBe(false);
  });

  it('skips a named pipe with a message (the deploy finishes), and hashing one fails at once instead of hanging', async () => {
    const site = deploySite(sshd);
    site.target();
    const fifo = join(site.workspace, 'tftp', 'pipe');
    expect(spawnSync('mkfifo', [fifo]).status).toBe(0);
    const r = cli(['deploy', 'nas', '--site', site.siteFile, '--yes', '--no-verify']);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stderr).toContain(
      'skipped pipe: a named pipe (FIFO), not a regular file (only files, folders and symlinks are deployed)',
    );
    expect(existsSync(join(site.remoteRoot, 'fedora-coreos.ipxe'))).toBe(true);
    expect(existsSync(join(site.remoteRoot, 'pipe'))).toBe(false);
    await expect(sha256Of(fifo)).rejects.toThrow(
      /pipe is a named pipe \(FIFO\), not a regular file: it cannot be hashed/,
    );
  }, 30_000);

  it('shows file names in the plan with their control characters escaped: a name cannot fake a plan line', () => {
    const site = deploySite(sshd);
    site.target();
    // A folder `a⏎  + upload ` holding etc/passwd: its path reads as a plan line of its own when printed raw.
    mkdirSync(join(site.workspace, 'tftp', 'a\n  + upload ', 'etc'), { recursive: true });
    writeFileSync(join(site.workspace, 'tftp', 'a\n  + upload ', 'etc', 'passwd'), 'x');
    writeFileSync(join(site.workspace, 'tftp', '\u001b[2K\rb'), 'x');
    symlinkSync('fedora-coreos.ipxe', join(site.workspace, 'tftp', 'c\u202e'));
    const r = cli(['deploy', 'nas', '--site', site.siteFile, '--dry-run']);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toContain('  + a\\n  + upload /etc/passwd\n');
    expect(r.stdout).toContain('  + \\x1b[2K\\rb\n');
    expect(r.stdout).toContain('  + c\\u202e -> fedora-coreos.ipxe\n');
    expect(r.stdout.split('\n')).not.toContain('  + upload /etc/passwd');
    for (const raw of ['\u001b', '\r', '\u202e']) expect(r.stdout).not.toContain(raw);
  });
});
