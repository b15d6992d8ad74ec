/**
 * Opening an SSH/SFTP connection (ssh2): host key checked against the site's fingerprint (or trusted on first
 * use after asking), key auth (agent or key file) or password/keyboard-interactive, secrets asked for only when
 * needed, keepalives and timeouts; a refusal says what to check.
 */
import { readCapped } from '../core/untrusted';
import { Client, utils, type ConnectConfig, type SFTPWrapper } from 'ssh2';
import { fenced } from '../core/net';
import { CancelledError, DeployError, HostKeyError } from './errors';
import { fingerprintOf, Remote, where, type SshTarget } from './ssh';

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
      `${target.identityFile} is not a private key ssh2 can read (${plain.message}). ` +
        'Point identityFile at an OpenSSH private key.',
    );
  const passphrase = await options.secrets.get('passphrase', target, `the passphrase of ${target.identityFile}`);
  if (!passphrase)
    throw new DeployError(
      `${target.identityFile} is encrypted: give its passphrase (the editor asks once and keeps it in secret storage; ` +
        'the CLI reads PXE_WORKBENCH_PASSPHRASE or asks).',
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

/** What the handshake learnt, for the caller's messages and for storing or forgetting secrets. */
interface Handshake {
  /** The host key fingerprint the server presented. */
  presented: string;
  trustedNow: boolean;
  /** The site file's hostKey does not match the presented one. */
  mismatch: boolean;
  usedPassword: boolean;
}

type PrivateKey = Awaited<ReturnType<typeof privateKeyOf>>;

export async function connect(target: SshTarget, options: ConnectOptions): Promise<Remote> {
  if (options.signal?.aborted) throw new CancelledError();
  const refused = fenced(target.host);
  if (refused) throw new DeployError(refused);
  const key = await privateKeyOf(target, options);
  const client = new Client();
  const state: Handshake = { presented: '', trustedNow: false, mismatch: false, usedPassword: false };
  // Request/answer calls (readdir, stat, rename) must not wait for Nagle's algorithm: ~40 ms each otherwise.
  client.on('connect', () => client.setNoDelay(true));
  const onAbort = (): void => {
    client.end();
  };
  options.signal?.addEventListener('abort', onAbort, { once: true });
  try {
    await handshake(client, connectConfig(target, options, key, state));
  } catch (error) {
    client.end();
    if (options.signal?.aborted) throw new CancelledError();
    throw await refusal((error as Error).message, target, options, key, state);
  } finally {
    options.signal?.removeEventListener('abort', onAbort);
  }
  if (state.usedPassword) await options.secrets.confirm?.('password', target);
  if (key?.passphrase) await options.secrets.confirm?.('passphrase', target);
  options.log?.(`connected to ${where(target)} (host key ${state.presented})`);
  const remote = new Remote(target, client, await openSftp(client, target));
  remote.fingerprint = state.presented;
  remote.trustedNow = state.trustedNow;
  options.signal?.addEventListener('abort', () => remote.close(), { once: true });
  return remote;
}

function connectConfig(target: SshTarget, options: ConnectOptions, key: PrivateKey, state: Handshake): ConnectConfig {
  return {
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
    hostVerifier: hostVerifier(target, options, state) as unknown as ConnectConfig['hostVerifier'],
    authHandler: authHandler(target, options, key, state) as unknown as ConnectConfig['authHandler'],
  };
}

/** The site file's fingerprint when it has one, else the user's answer (trust on first use). */
function hostVerifier(target: SshTarget, options: ConnectOptions, state: Handshake) {
  return (hash: string, verify: (ok: boolean) => void): void => {
    state.presented = fingerprintOf(hash);
    if (target.hostKey) {
      state.mismatch = state.presented !== target.hostKey;
      verify(!state.mismatch);
      return;
    }
    if (!options.trust) {
      verify(false);
      return;
    }
    options.trust(state.presented, target).then(
      (ok) => {
        state.trustedNow = ok;
        verify(ok);
      },
      () => verify(false),
    );
  };
}

/** Tries the key file, then the agent, then the password (asked once) as password and keyboard-interactive. */
function authHandler(target: SshTarget, options: ConnectOptions, key: PrivateKey, state: Handshake) {
  const methods: string[] = [];
  if (key) methods.push('publickey');
  if (process.env.SSH_AUTH_SOCK) methods.push('agent');
  methods.push('password', 'keyboard-interactive');
  return (_left: string[] | null, _partial: boolean | null, next: (method: unknown) => void): void => {
    const method = methods.shift();
    if (!method) next(false);
    else if (method === 'publickey' && key)
      next({
        type: 'publickey',
        username: target.user,
        key: key.key,
        ...(key.passphrase ? { passphrase: key.passphrase } : {}),
      });
    else if (method === 'agent') next({ type: 'agent', username: target.user, agent: process.env.SSH_AUTH_SOCK });
    else
      options.secrets.get('password', target, `the SSH password of ${where(target)}`).then(
        (password) => {
          if (password) state.usedPassword = true;
          next(passwordMethod(method, target.user, password));
        },
        () => next(false),
      );
  };
}

/** The password as ssh2's `password` or `keyboard-interactive` method; none given → `none` or the next method. */
function passwordMethod(method: string, username: string, password: string | undefined): unknown {
  if (!password) return method === 'password' ? { type: 'none', username } : false;
  if (method === 'password') return { type: 'password', username, password };
  return {
    type: 'keyboard-interactive',
    username,
    prompt: (_n: string, _i: string, _l: string, prompts: unknown[], finish: (answers: string[]) => void) =>
      finish(prompts.map(() => password)),
  };
}

/** Resolves once the session is ready; fails with ssh2's error, or when the connection closes first. */
function handshake(client: Client, config: ConnectConfig): Promise<void> {
  return new Promise<void>((done, fail) => {
    client.once('ready', () => done());
    client.once('error', (error: Error & { level?: string; code?: string }) => fail(error));
    client.once('close', () => fail(new Error('closed')));
    try {
      client.connect(config);
    } catch (error) {
      fail(error as Error);
    }
  });
}

/** A failed handshake in words that say what to check; a wrong password is forgotten. */
async function refusal(
  message: string,
  target: SshTarget,
  options: ConnectOptions,
  key: PrivateKey,
  state: Handshake,
): Promise<DeployError> {
  const at = `${target.host}:${target.port}`;
  const checkKey = 'check its key on the NAS (ssh-keygen -lf /etc/ssh/ssh_host_ed25519_key.pub)';
  if (state.mismatch)
    return new HostKeyError(
      `Refused: ${at} presented host key ${state.presented}, but pxe-site.json (targets.${target.name}.hostKey) ` +
        `expects ${target.hostKey}. If the NAS was reinstalled, ${checkKey} and update hostKey; ` +
        'otherwise someone may be in between. Nothing was written.',
    );
  if (/Host denied/.test(message))
    return new HostKeyError(
      `Refused: the host key of ${at} (${state.presented || 'unknown'}) was not trusted. ` +
        `Add targets.${target.name}.hostKey to pxe-site.json once you have checked it on the NAS ` +
        '(ssh-keygen -lf /etc/ssh/ssh_host_ed25519_key.pub). Nothing was written.',
    );
  if (/All configured authentication methods failed/.test(message)) {
    if (state.usedPassword) await options.secrets.reject?.('password', target);
    return new DeployError(
      `Login to ${where(target)} failed: ${key ? 'the key was not accepted' : 'no key was accepted'}` +
        `${state.usedPassword ? ' and the password was wrong (it was not stored)' : ''}. ` +
        `Check targets.${target.name}.user and identityFile, or the password, and try again.`,
    );
  }
  if (/ECONNREFUSED/.test(message))
    return new DeployError(
      `Nothing answers on ${at}: is SSH enabled on the NAS (Control Panel → Terminal & SNMP) ` +
        `and is the port right (targets.${target.name}.port)?`,
      true,
    );
  if (/Timed out/.test(message))
    return new DeployError(
      `No SSH answer from ${at} within ${(options.readyTimeoutMs ?? 20_000) / 1000} s: ` +
        'check the address and that the NAS is on.',
      true,
    );
  return new DeployError(
    `Cannot connect to ${where(target)} (${message}). Check the host and port in pxe-site.json.`,
    true,
  );
}

function openSftp(client: Client, target: SshTarget): Promise<SFTPWrapper> {
  return new Promise<SFTPWrapper>((done, fail) =>
    client.sftp((error, s) =>
      error
        ? fail(
            new DeployError(
              `${where(target)} offers no SFTP (${error.message}): ` +
                'enable SFTP on the NAS (Control Panel → File Services → FTP → SFTP).',
            ),
          )
        : done(s),
    ),
  );
}
