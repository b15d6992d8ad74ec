/**
 * The SSH/SFTP transport (ssh2): the target, where secrets come from, and an open connection (`Remote`) with
 * promise wrappers for the SFTP and exec calls deploy uses. Opening one is connect.ts.
 */
import { MAX_TEXT_BYTES } from '../core/untrusted';
import type { Client, ClientChannel, SFTPWrapper, Stats } from 'ssh2';
import { DeployError } from './errors';

export interface SshTarget {
  name: string;
  host: string;
  port: number;
  user: string;
  identityFile?: string;
  /** `SHA256:…` from the site file; absent → trust on first use (ask). */
  hostKey?: string;
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

export const where = (t: SshTarget): string => `${t.user}@${t.host}:${t.port}`;

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
        `${path} on ${where(this.target)} is larger than ${Math.round(maxBytes / 1048576)} MiB: not read. ` +
          'Check that it is the file it should be.',
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
