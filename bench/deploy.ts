/**
 * Deploy bench against a real sshd on 127.0.0.1: a 200 MB upload against OpenSSH's `sftp -b` putting the
 * same file, and a no-change redeploy of 1,000 files against `sftp -b` listing them.
 */
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { deploy, loadNasTarget } from '../lib/deploy';
import { sshdLogin, startSshd, type Sshd } from '../test/helpers/sshd';
import { interleaved, time, type Row } from './stats';

function site(
  sshd: Sshd,
  base: string,
  name: string,
  fill: (tftp: string) => void,
): { siteFile: string; remoteRoot: string } {
  const workspace = join(base, name);
  const tftp = join(workspace, 'tftp');
  mkdirSync(tftp, { recursive: true });
  fill(tftp);
  const remoteRoot = join(base, `${name}-nas`);
  const siteFile = join(workspace, 'pxe-site.json');
  writeFileSync(
    siteFile,
    JSON.stringify({
      version: 1,
      name,
      network: { subnet: '127.0.0.0/8', router: '127.0.0.2', nas: '127.0.0.1' },
      tftp: { root: 'tftp' },
      targets: {
        nas: {
          kind: 'sftp',
          ...sshdLogin(sshd),
          remoteRoot,
        },
      },
    }),
  );
  return { siteFile, remoteRoot };
}

function sftpBatch(sshd: Sshd, commands: string): void {
  const r = spawnSync(
    'sftp',
    [
      '-q',
      '-b',
      '-',
      '-i',
      sshd.keyFile,
      '-P',
      String(sshd.port),
      '-o',
      'StrictHostKeyChecking=no',
      '-o',
      'UserKnownHostsFile=/dev/null',
      '-o',
      'LogLevel=ERROR',
      `${sshd.user}@127.0.0.1`,
    ],
    { input: commands },
  );
  if (r.status !== 0) throw new Error(`sftp failed: ${r.stderr.toString()}`);
}

export async function deployRows(): Promise<Row[]> {
  if (spawnSync('sh', ['-c', 'command -v sftp && test -x /usr/sbin/sshd']).status !== 0) {
    console.log(
      '(deploy bench skipped: needs openssh-server and openssh-client; apt-get install openssh-server openssh-client)',
    );
    return [];
  }
  const sshd = await startSshd();
  const base = mkdtempSync(join(tmpdir(), 'pxe-bench-deploy-'));
  const noSecrets = { get: async () => undefined };
  try {
    const big = site(sshd, base, 'big', (tftp) => writeFileSync(join(tftp, 'rootfs.img'), randomBytes(200 * 2 ** 20)));
    const bigTarget = loadNasTarget(big.siteFile, 'nas');
    const sftpDir = join(base, 'sftp-put');
    // In turns (sftp, then PXE Workbench, again): sshd shares this machine's cores, so a slow spell of the
    // machine falls on both rather than on whichever ran then.
    const [put, upload] = await interleaved(7, [
      () => {
        rmSync(sftpDir, { recursive: true, force: true });
        mkdirSync(sftpDir);
        sftpBatch(sshd, `put ${join(base, 'big', 'tftp', 'rootfs.img')} ${sftpDir}/rootfs.img\n`);
      },
      async () => {
        rmSync(big.remoteRoot, { recursive: true, force: true });
        await deploy(bigTarget, { secrets: noSecrets, verify: false });
      },
    ]);
    const many = site(sshd, base, 'many', (tftp) => {
      for (let i = 0; i < 1_000; i++)
        writeFileSync(join(tftp, `file-${i}.cfg`), `LABEL l${i}\n  KERNEL vmlinuz-${i}\n`);
    });
    const manyTarget = loadNasTarget(many.siteFile, 'nas');
    await deploy(manyTarget, { secrets: noSecrets, verify: false });
    const redeploy = await time(5, () => deploy(manyTarget, { secrets: noSecrets, verify: false }));
    const list = await time(5, () => sftpBatch(sshd, `ls -l ${many.remoteRoot}\n`));
    return [
      {
        name: 'deploy a 200 MB file over SFTP to 127.0.0.1 (temp name, size check, rename)',
        measured: upload!,
        baselineName: 'OpenSSH `sftp -b` put of the same file',
        baseline: put!,
      },
      {
        name: 'redeploy 1,000 unchanged files (connect, list, compare)',
        measured: redeploy,
        baselineName: 'OpenSSH `sftp -b` ls -l of them',
        baseline: list,
      },
    ];
  } finally {
    await sshd.stop();
    rmSync(base, { recursive: true, force: true });
  }
}
