/**
 * The SSH/SFTP transport (ssh2): host key checked against the site's fingerprint (or trusted on first use
 * after asking), key auth (agent or key file) or password/keyboard-interactive, secrets asked for only when
 * needed, keepalives and timeouts, and promise wrappers for the SFTP and exec calls deploy uses.
 */
import { MAX_TEXT_BYTES, readCapped } from '../core/untrusted';
import { Client, utils, type ClientChannel, type ConnectConfig, type SFTPWrapper, type Stats } from 'ssh2';
import { fenced } from '../core/net';
import { CancelledError, DeployError, HostKeyError } from './errors';

export interface SshTarget {
  name: string;
  host: string;
  port: number;
  user: string;
  identityFile?: string;
  /** `SHA256:…` from the site file; absent → trust on first use (ask). */
  hostKey?: string;
}

/** Where secrets come from: the editor's SecretStorage (asking once), or the CLI's environment/prompt. */
export interface Secrets {
  get(kind: 'password' | 'passphrase', target: SshTarget, reason: string): Promise<string | undefined>;
  /** Called after a successful login with a secret that was used (store it). */
  confirm?(kind: 'password' | 'passphrase', target: SshTarget): Promise<void>;
  /** Called when a secret was wrong (forget it). */
  reject?(kind: 'password' | 'passphrase', target: SshTarget): Promise<void>;
}

export interface ConnectOptions {
  secrets: Secrets;
  /** Asked when the site file has no fingerprint: trust this one? */
  trust?: (fingerprint: string, target: SshTarget) => Promise<boolean>;
  signal?: AbortSignal;
  readyTimeoutMs?: number;
  log?: (line: string) => void;
}

export interface ExecResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** A word for a POSIX shell command line, single-quoted. */
export function shellQuote(s: string): string {
  return `'${s.replace(/'/g, `'\\''`)}'`;
}

/** `SHA256:` + unpadded base64 of the key hash, as `ssh-keygen -lf` prints it. */
export function fingerprintOf(hexHash: string): string {
  return `SHA256:${Buffer.from(hexHash, 'hex').toString('base64').replace(/=+$/, '')}`;
}

const where = (t: SshTarget): string => `${t.user}@${t.host}:${t.port}`;

/** An open connection with the calls deploy needs. */
export class Remote {
  /** The host key fingerprint the server presented. */
  fingerprint = '';
  /** True when the host key was trusted on first use in this connection (the caller may record it). */
  trustedNow = false;
  private closed = false;
  /** Calls in flight: failed at once when the connection goes, so nothing waits forever. */
  private readonly pending = new Set<(error: DeployError) => void>();

  constructor(
    readonly target: SshTarget,
    private readonly client: Client,
    readonly sftp: SFTPWrapper,
  ) {
    const lost = (why: string): void => {
      this.closed = true;
      for (const fail of [...this.pending])
        fail(new DeployError(`the connection to ${where(target)} broke off (${why}).`, true));
      this.pending.clear();
    };
    client.on('close', () => lost('closed'));
    client.on('error', (error: Error) => lost(error.message));
  }

  private call<T>(what: string, run: (cb: (error: Error | null | undefined, value?: T) => void) => void): Promise<T> {
    return new Promise((done, fail) => {
      if (this.closed) {
        fail(new DeployError(`${what}: the connection to ${where(this.target)} is closed.`, true));
        return;
      }
      const onLost = (error: DeployError): void => fail(new DeployError(`${what}: ${error.message}`, true));
      this.pending.add(onLost);
      run((error, value) => {
        this.pending.delete(onLost);
        if (error) fail(this.translate(error, what));
        else done(value as T);
      });
    });
  }

  private translate(error: Error & { code?: number | string }, what: string): DeployError {
    if (this.closed || /No response from server|Not connected|ECONNRESET|EPIPE|channel/i.test(error.message))
      return new DeployError(`${what}: the connection to ${where(this.target)} broke off (${error.message}).`, true);
    const code = error.code === 2 ? 'no such file' : error.code === 3 ? 'permission denied' : error.message;
    return new DeployError(`${what}: ${code}.`);
  }

  stat(path: string): Promise<Stats | undefined> {
    return this.call<Stats>(`stat ${path}`, (cb) => this.sftp.stat(path, cb)).catch((error: DeployError) => {
      if (error.connectionLost) throw error;
      return undefined;
    });
  }

  lstat(path: string): Promise<Stats | undefined> {
    return this.call<Stats>(`lstat ${path}`, (cb) => this.sftp.lstat(path, cb)).catch((error: DeployError) => {
      if (error.connectionLost) throw error;
      return undefined;
    });
  }

  readdir(path: string): Promise<{ filename: string; attrs: Stats }[]> {
    return this.call(`list ${path}`, (cb) => this.sftp.readdir(path, cb as never));
  }

  readlink(path: string): Promise<string> {
    return this.call(`readlink ${path}`, (cb) => this.sftp.readlink(path, cb));
  }

  mkdir(path: string): Promise<void> {
    return this.call(`create folder ${path}`, (cb) => this.sftp.mkdir(path, cb));
  }

  unlink(path: string): Promise<void> {
    return this.call(`delete ${path}`, (cb) => this.sftp.unlink(path, cb));
  }

  rmdir(path: string): Promise<void> {
    return this.call(`delete folder ${path}`, (cb) => this.sftp.rmdir(path, cb));
  }

  symlink(target: string, path: string): Promise<void> {
    return this.call(`link ${path}`, (cb) => this.sftp.symlink(target, path, cb));
  }

  utimes(path: string, seconds: number): Promise<void> {
    return this.call(`set the time of ${path}`, (cb) => this.sftp.utimes(path, seconds, seconds, cb));
  }

  /**
   * A small remote file (a config, a manifest, a text file), or undefined when it is not there. A reply is
   * untrusted: anything but a regular file of at most `maxBytes` is refused before it is read.
   */
  async readFile(path: string, maxBytes = MAX_TEXT_BYTES): Promise<Buffer | undefined> {
    const stat = await this.stat(path);
    if (!stat) return undefined;
    if (!stat.isFile())
      throw new DeployError(
        `${path} on ${where(this.target)} is not a regular file: not read. Replace it with the file it should be.`,
      );
    if (stat.size > maxBytes)
      throw new DeployError(
        `${path} on ${where(this.target)} is larger than ${Math.round(maxBytes / 1048576)} MiB: not read. Check that it is the file it should be.`,
      );
    const bytes = await this.call<Buffer>(`read ${path}`, (cb) => this.sftp.readFile(path, cb as never)).catch(
      (error: DeployError) => {
        if (error.connectionLost) throw error;
        return undefined;
      },
    );
    // It may have grown between the stat and the read.
    if (bytes && bytes.length > maxBytes)
      throw new DeployError(
        `${path} on ${where(this.target)} grew past ${Math.round(maxBytes / 1048576)} MiB while it was read: not used.`,
      );
    return bytes;
  }

  writeFile(path: string, data: Buffer | string): Promise<void> {
    return this.call(`write ${path}`, (cb) => this.sftp.writeFile(path, data, cb));
  }

  /** Uploads with ssh2's parallel fastPut (as fast as OpenSSH's sftp on loopback). */
  put(local: string, remote: string, onBytes?: (total: number) => void): Promise<void> {
    return this.call(`upload ${remote}`, (cb) =>
      this.sftp.fastPut(local, remote, { concurrency: 64, chunkSize: 32_768, step: (total) => onBytes?.(total) }, cb),
    );
  }

  private posixRenameRefused = false;

  /** True when the server offers OpenSSH's atomic posix-rename (and has not refused it). */
  get posixRename(): boolean {
    return (
      !this.posixRenameRefused &&
      Boolean((this.sftp as unknown as { _extensions: Record<string, string> })._extensions['posix-rename@openssh.com'])
    );
  }

  /**
   * Replaces `to` with `from` in one step (posix-rename). False when the server does not offer it or refuses
   * it (then never again on this connection): the caller falls back its own way. A lost connection throws.
   */
  async renameOver(from: string, to: string): Promise<boolean> {
    if (!this.posixRename) return false;
    try {
      await this.call<void>(`rename ${from} to ${to}`, (cb) => this.sftp.ext_openssh_rename(from, to, cb));
      return true;
    } catch (error) {
      if ((error as DeployError).connectionLost) throw error;
      this.posixRenameRefused = true;
      return false;
    }
  }

  /** A plain SFTP rename (fails when `to` exists). */
  rename(from: string, to: string): Promise<void> {
    return this.call(`rename ${from} to ${to}`, (cb) => this.sftp.rename(from, to, cb));
  }

  /** Runs a command (no pty) with a timeout; never throws for a non-zero exit. */
  exec(command: string, timeoutMs = 60_000): Promise<ExecResult> {
    return new Promise((done, fail) => {
      this.client.exec(command, (error: Error | undefined, stream: ClientChannel) => {
        if (error) {
          fail(this.translate(error, `run \`${command}\``));
          return;
        }
        const out: Buffer[] = [];
        const err: Buffer[] = [];
        const timer = setTimeout(() => {
          stream.close();
          fail(new DeployError(`\`${command}\` on ${where(this.target)} did not finish within ${timeoutMs / 1000} s.`));
        }, timeoutMs);
        stream.on('data', (d: Buffer) => out.push(d));
        stream.stderr.on('data', (d: Buffer) => err.push(d));
        stream.on('close', (code: number | null) => {
          clearTimeout(timer);
          done({ code, stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8') });
        });
      });
    });
  }

  close(): void {
    this.closed = true;
    this.client.end();
  }
}

/** The private key, decrypted with the passphrase (asked for when it is encrypted). */
async function privateKeyOf(
  target: SshTarget,
  options: ConnectOptions,
): Promise<{ key: Buffer; passphrase?: string } | undefined> {
  if (!target.identityFile) return undefined;
  // A key file is a few KiB: the cap and the regular-file check keep a pipe or a device from hanging here.
  const read = readCapped(target.identityFile, 1024 * 1024);
  if (!read.ok) throw new DeployError(`The key file (targets.${target.name}.identityFile) ${read.message}`);
  const key = read.bytes;
  const plain = utils.parseKey(key);
  if (!(plain instanceof Error)) return { key };
  if (!/encrypted|passphrase/i.test(plain.message))
    throw new DeployError(
      `${target.identityFile} is not a private key ssh2 can read (${plain.message}). Point identityFile at an OpenSSH private key.`,
    );
  const passphrase = await options.secrets.get('passphrase', target, `the passphrase of ${target.identityFile}`);
  if (!passphrase)
    throw new DeployError(
      `${target.identityFile} is encrypted: give its passphrase (the editor asks once and keeps it in secret storage; the CLI reads PXE_WORKBENCH_PASSPHRASE or asks).`,
    );
  const parsed = utils.parseKey(key, passphrase);
  if (parsed instanceof Error) {
    await options.secrets.reject?.('passphrase', target);
    throw new DeployError(
      `The passphrase for ${target.identityFile} is wrong (${parsed.message}). Try again; it was not stored.`,
    );
  }
  return { key, passphrase };
}

export async function connect(target: SshTarget, options: ConnectOptions): Promise<Remote> {
  if (options.signal?.aborted) throw new CancelledError();
  const refused = fenced(target.host);
  if (refused) throw new DeployError(refused);
  const key = await privateKeyOf(target, options);
  const client = new Client();
  let presented = '';
  let trustedNow = false;
  let mismatch = false;
  let usedPassword = false;
  const methods: string[] = [];
  if (key) methods.push('publickey');
  if (process.env.SSH_AUTH_SOCK) methods.push('agent');
  methods.push('password', 'keyboard-interactive');
  const config: ConnectConfig = {
    host: target.host,
    port: target.port,
    username: target.user,
    readyTimeout: options.readyTimeoutMs ?? 20_000,
    keepaliveInterval: 5_000,
    keepaliveCountMax: 3,
    hostHash: 'sha256',
    // AES-GCM runs in Node's native crypto; ssh2's chacha20-poly1305 falls back to JavaScript without its
    // optional native module and is several times slower. Keep chacha20 last for servers that offer nothing else.
    algorithms: {
      cipher: [
        'aes128-gcm@openssh.com',
        'aes256-gcm@openssh.com',
        'aes128-ctr',
        'aes192-ctr',
        'aes256-ctr',
        'chacha20-poly1305@openssh.com',
      ],
    },
    hostVerifier: ((hash: string, verify: (ok: boolean) => void) => {
      presented = fingerprintOf(hash);
      if (target.hostKey) {
        mismatch = presented !== target.hostKey;
        verify(!mismatch);
        return;
      }
      if (!options.trust) {
        verify(false);
        return;
      }
      options.trust(presented, target).then(
        (ok) => {
          trustedNow = ok;
          verify(ok);
        },
        () => verify(false),
      );
    }) as unknown as ConnectConfig['hostVerifier'],
    authHandler: ((_left: string[] | null, _partial: boolean | null, next: (method: unknown) => void) => {
      const method = methods.shift();
      if (!method) {
        next(false);
        return;
      }
      if (method === 'publickey' && key)
        next({
          type: 'publickey',
          username: target.user,
          key: key.key,
          ...(key.passphrase ? { passphrase: key.passphrase } : {}),
        });
      else if (method === 'agent') next({ type: 'agent', username: target.user, agent: process.env.SSH_AUTH_SOCK });
      else {
        options.secrets.get('password', target, `the SSH password of ${where(target)}`).then(
          (password) => {
            if (!password) {
              next(method === 'password' ? { type: 'none', username: target.user } : false);
              return;
            }
            usedPassword = true;
            next(
              method === 'password'
                ? { type: 'password', username: target.user, password }
                : {
                    type: 'keyboard-interactive',
                    username: target.user,
                    prompt: (
                      _n: string,
                      _i: string,
                      _l: string,
                      prompts: unknown[],
                      finish: (answers: string[]) => void,
                    ) => finish(prompts.map(() => password)),
                  },
            );
          },
          () => next(false),
        );
      }
    }) as unknown as ConnectConfig['authHandler'],
  };
  // Request/answer calls (readdir, stat, rename) must not wait for Nagle's algorithm: ~40 ms each otherwise.
  client.on('connect', () => client.setNoDelay(true));
  const onAbort = (): void => {
    client.end();
  };
  options.signal?.addEventListener('abort', onAbort, { once: true });
  try {
    await new Promise<void>((done, fail) => {
      client.once('ready', () => done());
      client.once('error', (error: Error & { level?: string; code?: string }) => fail(error));
      client.once('close', () => fail(new Error('closed')));
      try {
        client.connect(config);
      } catch (error) {
        fail(error as Error);
      }
    });
  } catch (error) {
    client.end();
    if (options.signal?.aborted) throw new CancelledError();
    const message = (error as Error).message;
    if (mismatch) {
      throw new HostKeyError(
        `Refused: ${target.host}:${target.port} presented host key ${presented}, but pxe-site.json (targets.${target.name}.hostKey) expects ${target.hostKey}. If the NAS was reinstalled, check its key on the NAS (ssh-keygen -lf /etc/ssh/ssh_host_ed25519_key.pub) and update hostKey; otherwise someone may be in between. Nothing was written.`,
      );
    }
    if (/Host denied/.test(message))
      throw new HostKeyError(
        `Refused: the host key of ${target.host}:${target.port} (${presented || 'unknown'}) was not trusted. Add targets.${target.name}.hostKey to pxe-site.json once you have checked it on the NAS (ssh-keygen -lf /etc/ssh/ssh_host_ed25519_key.pub). Nothing was written.`,
      );
    if (/All configured authentication methods failed/.test(message)) {
      if (usedPassword) await options.secrets.reject?.('password', target);
      throw new DeployError(
        `Login to ${where(target)} failed: ${key ? 'the key was not accepted' : 'no key was accepted'}${usedPassword ? ' and the password was wrong (it was not stored)' : ''}. Check targets.${target.name}.user and identityFile, or the password, and try again.`,
      );
    }
    if (/ECONNREFUSED/.test(message))
      throw new DeployError(
        `Nothing answers on ${target.host}:${target.port}: is SSH enabled on the NAS (Control Panel → Terminal & SNMP) and is the port right (targets.${target.name}.port)?`,
        true,
      );
    if (/Timed out/.test(message))
      throw new DeployError(
        `No SSH answer from ${target.host}:${target.port} within ${(options.readyTimeoutMs ?? 20_000) / 1000} s: check the address and that the NAS is on.`,
        true,
      );
    throw new DeployError(
      `Cannot connect to ${where(target)} (${message}). Check the host and port in pxe-site.json.`,
      true,
    );
  } finally {
    options.signal?.removeEventListener('abort', onAbort);
  }
  if (usedPassword) await options.secrets.confirm?.('password', target);
  if (key?.passphrase) await options.secrets.confirm?.('passphrase', target);
  options.log?.(`connected to ${where(target)} (host key ${presented})`);
  const sftp = await new Promise<SFTPWrapper>((done, fail) =>
    client.sftp((error, s) =>
      error
        ? fail(
            new DeployError(
              `${where(target)} offers no SFTP (${error.message}): enable SFTP on the NAS (Control Panel → File Services → FTP → SFTP).`,
            ),
          )
        : done(s),
    ),
  );
  const remote = new Remote(target, client, sftp);
  remote.fingerprint = presented;
  remote.trustedNow = trustedNow;
  options.signal?.addEventListener('abort', () => remote.close(), { once: true });
  return remote;
}
