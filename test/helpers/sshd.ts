/**
 * A real OpenSSH sshd on 127.0.0.1 for deploy tests: its own config, host key and user key in a temp folder,
 * run as a foreground child (no systemd). Stop it (or kill it mid-transfer) like any process.
 */
import { execFileSync, spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';

export interface Sshd {
  port: number;
  user: string;
  /** The user's private key (unencrypted) and an encrypted copy with its passphrase. */
  keyFile: string;
  encryptedKeyFile: string;
  passphrase: string;
  /** `SHA256:…` as `ssh-keygen -lf` prints it. */
  hostKeyFingerprint: string;
  /** Another host key's fingerprint (for the mismatch test). */
  otherFingerprint: string;
  dir: string;
  child: ChildProcess;
  /** Kills the per-connection sshd processes (the transfers in flight), leaving the listener up. */
  killConnections(): void;
  /** Restarts sshd on the same port (after a kill). */
  restart(): Promise<void>;
  stop(): Promise<void>;
}

/** A site target's SSH login to this sshd: 127.0.0.1, its port and user, a key file (unencrypted unless given). */
export function sshdLogin(
  sshd: Sshd,
  identityFile = sshd.keyFile,
): { host: string; port: number; user: string; identityFile: string; hostKey: string } {
  return { host: '127.0.0.1', port: sshd.port, user: sshd.user, identityFile, hostKey: sshd.hostKeyFingerprint };
}

export function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const port = (server.address() as { port: number }).port;
      server.close(() => done(port));
    });
    server.on('error', fail);
  });
}

function fingerprint(pubFile: string): string {
  return execFileSync('ssh-keygen', ['-lf', pubFile]).toString().split(' ')[1] as string;
}

async function waitForPort(port: number, child: ChildProcess, log: string[]): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`sshd exited (${child.exitCode}): ${log.join('')}`);
    if (log.join('').includes('Server listening')) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`sshd did not start on ${port}: ${log.join('')}`);
}

export async function startSshd(options: { sftpFlags?: string } = {}): Promise<Sshd> {
  const dir = mkdtempSync(join(tmpdir(), 'pxe-sshd-'));
  mkdirSync('/run/sshd', { recursive: true });
  const key = (name: string, extra: string[] = []): void =>
    void execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', name, '-f', join(dir, name), ...extra]);
  key('host_key');
  key('other_host_key');
  key('user_key');
  const passphrase = 'correct horse battery staple';
  execFileSync('ssh-keygen', [
    '-q',
    '-t',
    'ed25519',
    '-N',
    passphrase,
    '-C',
    'encrypted',
    '-f',
    join(dir, 'user_key_encrypted'),
  ]);
  writeFileSync(
    join(dir, 'authorized_keys'),
    [readFileSync(join(dir, 'user_key.pub'), 'utf8'), readFileSync(join(dir, 'user_key_encrypted.pub'), 'utf8')].join(
      '',
    ),
  );
  const port = await freePort();
  const config = join(dir, 'sshd_config');
  writeFileSync(
    config,
    [
      `Port ${port}`,
      'ListenAddress 127.0.0.1',
      `HostKey ${join(dir, 'host_key')}`,
      `PidFile ${join(dir, 'sshd.pid')}`,
      'UsePAM no',
      'PubkeyAuthentication yes',
      `AuthorizedKeysFile ${join(dir, 'authorized_keys')}`,
      'PasswordAuthentication yes',
      'PermitRootLogin yes',
      'StrictModes no',
      `Subsystem sftp internal-sftp${options.sftpFlags ? ` ${options.sftpFlags}` : ''}`,
      'LogLevel VERBOSE',
      '',
    ].join('\n'),
  );
  execFileSync('/usr/sbin/sshd', ['-t', '-f', config]);
  const log: string[] = [];
  const launch = async (): Promise<ChildProcess> => {
    log.length = 0;
    const child = spawn('/usr/sbin/sshd', ['-D', '-e', '-f', config], { stdio: ['ignore', 'ignore', 'pipe'] });
    child.stderr!.on('data', (d: Buffer) => log.push(d.toString()));
    await waitForPort(port, child, log);
    return child;
  };
  const sshd: Sshd = {
    port,
    user: userInfo().username,
    keyFile: join(dir, 'user_key'),
    encryptedKeyFile: join(dir, 'user_key_encrypted'),
    passphrase,
    hostKeyFingerprint: fingerprint(join(dir, 'host_key.pub')),
    otherFingerprint: fingerprint(join(dir, 'other_host_key.pub')),
    dir,
    child: await launch(),
    killConnections() {
      // Every process below the listener: the per-connection monitor and its unprivileged child.
      const all: string[] = [];
      for (let parents = [String(sshd.child.pid)]; parents.length;) {
        const children = parents.flatMap((p) =>
          spawnSync('pgrep', ['-P', p]).stdout.toString().split('\n').filter(Boolean),
        );
        all.push(...children);
        parents = children;
      }
      if (all.length) spawnSync('kill', ['-KILL', ...all]);
    },
    async restart() {
      const exited = new Promise((r) => (sshd.child.exitCode !== null ? r(undefined) : sshd.child.once('exit', r)));
      sshd.child.kill('SIGKILL');
      await exited;
      sshd.child = await launch();
    },
    async stop() {
      const exited = new Promise((r) => sshd.child.once('exit', r));
      sshd.child.kill();
      if (sshd.child.exitCode === null) await exited;
      rmSync(dir, { recursive: true, force: true });
    },
  };
  return sshd;
}
