/**
 * The RouterOS API, typed: a thin wrapper around routeros-client's connection (node-routeros underneath,
 * patched by patches/node-routeros+1.6.9.patch for `!empty`, `!fatal`, lost connections and a TLS peer
 * check). Values stay the strings the router sends (routeros-client's menu layer turns "007" into 7 and
 * "true" into true, which a plan must not do). Every call ends: with its answer, the router's `!trap`
 * message, or a RouterError when the connection goes or the router stays silent.
 */
import { createHash, X509Certificate } from 'node:crypto';
import type { TLSSocket } from 'node:tls';
import { RouterOSClient } from 'routeros-client';
import { fenced } from '../core/net';

export type Row = Record<string, string>;

export class RouterError extends Error {
  override readonly name: string = 'RouterError';
  constructor(
    message: string,
    /** True when the connection broke (a new connection may finish the job). */
    readonly connectionLost = false,
    /** The router's own `!trap` message, when it refused a command. */
    readonly trap?: string,
  ) {
    super(message);
  }
}

/** The router's TLS certificate was not the pinned one, or there is no pin yet. */
export class CertificateError extends RouterError {
  override readonly name = 'CertificateError';
  constructor(
    message: string,
    readonly presented: string,
    readonly pinned?: string,
  ) {
    super(message);
  }
}

export interface ApiTarget {
  name: string;
  host: string;
  port: number;
  user: string;
  tls: boolean;
  /** `SHA256:AB:CD:…` of the API certificate; absent → any certificate the system trusts, else refused with its fingerprint. */
  certificate?: string;
}

export interface ApiOptions {
  password: string;
  /** Seconds without an answer before a call fails (and the connection with it). */
  timeoutSeconds?: number;
  log?: (line: string) => void;
}

/** `SHA256:` + colon-separated upper-case hex, as `openssl x509 -fingerprint -sha256` prints it. */
export function certificateFingerprint(der: Buffer): string {
  return `SHA256:${createHash('sha256').update(der).digest('hex').toUpperCase().match(/../g)!.join(':')}`;
}

/** Normalises a fingerprint the user pasted (any case, with or without colons or the `SHA256:` prefix). */
export function normalFingerprint(text: string): string {
  const hex = text
    .replace(/^sha-?256[:=]?/i, '')
    .replace(/[^0-9a-f]/gi, '')
    .toUpperCase();
  return `SHA256:${hex.match(/../g)?.join(':') ?? ''}`;
}

const where = (t: ApiTarget): string => `${t.host}:${t.port}${t.tls ? ' (api-ssl)' : ' (plain API)'}`;

/** What a failed connect means, in words that say what to do. */
function connectMessage(target: ApiTarget, error: Error & { code?: string; errno?: string | number }): string {
  const code = String(error.code ?? error.errno ?? '');
  const message = error.message ?? '';
  if (code === 'CANTLOGIN' || /invalid user name or password|cannot log in/i.test(message))
    return (
      `The router at ${where(target)} refused user "${target.user}" with that password. ` +
      `Check the user (targets.${target.name}.user) and the password; the user needs the "api" and "write" policies (/user group).`
    );
  if (code === 'ECONNREFUSED')
    return (
      `Nothing answers on ${where(target)}: enable the service on the router ` +
      `(/ip service enable ${target.tls ? 'api-ssl' : 'api'}) or correct targets.${target.name}.apiPort.`
    );
  if (code === 'SOCKTMOUT' || code === 'ETIMEDOUT')
    return (
      `The router at ${where(target)} did not answer in time: check the address and that ` +
      `/ip service ${target.tls ? 'api-ssl' : 'api'} allows this computer (its "address" list).`
    );
  if (code === 'EHOSTUNREACH' || code === 'ENETUNREACH' || code === 'ENOTFOUND')
    return `Cannot reach ${target.host} (${code}): check targets.${target.name}.host and the network.`;
  if (/wrong version number|packet length too long|ECONNRESET/i.test(message + code) && target.tls)
    return (
      `${where(target)} does not speak TLS: that port is probably the plain API. ` +
      `Use the api-ssl port (8729) or, on a trusted network only, set targets.${target.name}.apiTls to false.`
    );
  return (
    `Cannot talk to the RouterOS API at ${where(target)} (${message || code || 'the connection failed'}). ` +
    'Check the address, the port and /ip service on the router.'
  );
}

/** An open, logged-in API session. */
export class RouterApi {
  private closed = false;
  private lostBecause = '';

  private constructor(
    readonly target: ApiTarget,
    private readonly client: RouterOSClient,
    private readonly raw: { write(words: string[]): Promise<Row[]> },
    private readonly timeoutMs: number,
    /** The certificate the router presented (TLS only). */
    readonly fingerprint: string | undefined,
  ) {
    client.on('close', () => this.lost('the router closed the connection'));
    client.on('error', (error: Error) => this.lost(error.message || 'connection error'));
  }

  private lost(why: string): void {
    if (this.closed) return;
    this.closed = true;
    this.lostBecause = why;
  }

  static async connect(target: ApiTarget, options: ApiOptions): Promise<RouterApi> {
    const outside = fenced(target.host);
    if (outside) throw new RouterError(outside);
    let presented: string | undefined;
    let refused: CertificateError | undefined;
    const tls = target.tls
      ? {
          // The router's certificate is usually self-signed: it is checked here, against the pin, before
          // the login (and so the password) is sent.
          rejectUnauthorized: false,
          verifyPeer: (socket: TLSSocket): Error | undefined => {
            const der = socket.getPeerCertificate(false)?.raw;
            presented = der ? certificateFingerprint(der) : 'none';
            const pinned = target.certificate ? normalFingerprint(target.certificate) : undefined;
            if (pinned && pinned === presented) return undefined;
            if (!pinned && socket.authorized) return undefined;
            refused = pinned
              ? new CertificateError(
                  `Refused: the router at ${where(target)} presented certificate ${presented}, ` +
                    `but pxe-site.json (targets.${target.name}.apiCertificate) pins ${pinned}. ` +
                    "If the router's certificate was replaced, check it on the router (/certificate print detail) " +
                    'and update apiCertificate; otherwise someone may be in between. Nothing was sent.',
                  presented,
                  pinned,
                )
              : new CertificateError(
                  `The router at ${where(target)} presented a certificate this computer cannot check ` +
                    `(${socket.authorizationError ?? 'self-signed'}), fingerprint ${presented}. ` +
                    'Compare it with /certificate print detail on the router, ' +
                    `then trust it (it is recorded as targets.${target.name}.apiCertificate).`,
                  presented,
                );
            return refused;
          },
        }
      : undefined;
    const timeoutSeconds = options.timeoutSeconds ?? 15;
    const client = new RouterOSClient({
      host: target.host,
      port: target.port,
      user: target.user,
      password: options.password,
      timeout: timeoutSeconds,
      keepalive: true,
      ...(tls ? { tls: tls as never } : {}),
    });
    // routeros-client re-emits connection errors; without a listener an EventEmitter throws them.
    client.on('error', () => undefined);
    try {
      await client.connect();
    } catch (error) {
      if (refused) throw refused;
      throw new RouterError(connectMessage(target, error as Error), true);
    }
    options.log?.(`logged in to ${where(target)} as ${target.user}${presented ? `, certificate ${presented}` : ''}`);
    const raw = (client as unknown as { rosApi: { write(words: string[]): Promise<Row[]> } }).rosApi;
    return new RouterApi(target, client, raw, timeoutSeconds * 1000, presented);
  }

  /** Runs one command (`/ip/pool/print` and its `=name=value` / `?query` words); resolves with its rows. */
  async run(command: string, words: string[] = []): Promise<Row[]> {
    if (this.closed)
      throw new RouterError(
        `${command}: the connection to ${where(this.target)} is closed (${this.lostBecause || 'closed'}).`,
        true,
      );
    let timer: NodeJS.Timeout | undefined;
    const silent = new Promise<never>((_, fail) => {
      timer = setTimeout(() => {
        // A router that stopped answering is in an unknown state: drop the connection, the next run replans.
        this.lost('no answer');
        void this.client.disconnect().catch(() => undefined);
        fail(
          new RouterError(
            `${command}: the router at ${where(this.target)} did not answer within ${this.timeoutMs / 1000} s.`,
            true,
          ),
        );
      }, this.timeoutMs);
    });
    try {
      const rows = await Promise.race([this.raw.write([command, ...words]), silent]);
      return Array.isArray(rows) ? rows.map(clean) : [];
    } catch (error) {
      if (error instanceof RouterError) throw error;
      const e = error as Error & { errno?: string };
      if (e.errno === 'FATAL' || this.closed) {
        this.closed = true;
        throw new RouterError(
          `${command}: the connection to ${where(this.target)} broke off (${e.message || 'closed'}).`,
          true,
        );
      }
      throw new RouterError(`${command}: the router refused it: ${e.message || 'no reason given'}.`, false, e.message);
    } finally {
      clearTimeout(timer);
    }
  }

  /** Rows of a menu (`/ip/dhcp-server/lease`), optionally filtered by `?name=value` queries. */
  print(menu: string, query: Record<string, string> = {}): Promise<Row[]> {
    return this.run(
      `${menu}/print`,
      Object.entries(query).map(([k, v]) => `?${k}=${v}`),
    );
  }

  /** Adds an item; resolves with its `.id`. */
  async add(menu: string, props: Row): Promise<string> {
    const rows = await this.run(`${menu}/add`, words(props));
    return rows.find((r) => r.ret)?.ret ?? '';
  }

  async set(menu: string, id: string, props: Row): Promise<void> {
    await this.run(`${menu}/set`, [`=.id=${id}`, ...words(props)]);
  }

  async remove(menu: string, id: string): Promise<void> {
    await this.run(`${menu}/remove`, [`=.id=${id}`]);
  }

  get isOpen(): boolean {
    return !this.closed;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    // A router that does not say goodbye within 2 s is left; the timer must not keep a CLI process alive.
    await Promise.race([
      this.client.disconnect().catch(() => undefined),
      new Promise((done) => setTimeout(done, 2000).unref()),
    ]);
  }
}

function words(props: Row): string[] {
  return Object.entries(props).map(([k, v]) => `=${k}=${v}`);
}

/** A reply row without the protocol's own keys. */
function clean(row: Row): Row {
  const out: Row = {};
  for (const [k, v] of Object.entries(row)) if (k !== 'tag') out[k] = v;
  return out;
}

/** Parses a PEM certificate's fingerprint (for users who paste the certificate instead). */
export function fingerprintOfPem(pem: string): string {
  return certificateFingerprint(new X509Certificate(pem).raw);
}
