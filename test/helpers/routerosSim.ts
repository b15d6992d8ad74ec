/**
 * A RouterOS API server for tests, on 127.0.0.1 (plain or TLS): the real wire protocol (length-prefixed
 * words, sentences ending in an empty word, `.tag` echoed on every reply, `!re`/`!done`/`!trap`/`!fatal`,
 * optionally `!empty` as RouterOS ≥ 7.18 sends it), `/login` with name and password, `/console/inspect`
 * `request=child`, and menu state with RouterOS semantics: `.id` like `*1`, `print` with `?` queries and
 * `.proplist`, `add` (returns `=ret=*N`), `set`/`remove` by `.id` or `numbers`, `!trap` on unknown
 * properties (checked against the real command tree), duplicate names and unknown references, and values
 * printed the way RouterOS prints them (MAC upper case, yes/no as true/false, read-only extras).
 */
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { createServer, type Server, type Socket } from 'node:net';
import { createServer as createTlsServer } from 'node:tls';

type Tree = { _type?: string; [name: string]: unknown };
export type Row = Record<string, string>;

function encodeLength(n: number): Buffer {
  if (n < 0x80) return Buffer.from([n]);
  if (n < 0x4000) return Buffer.from([(n >> 8) | 0x80, n & 0xff]);
  if (n < 0x200000) return Buffer.from([(n >> 16) | 0xc0, (n >> 8) & 0xff, n & 0xff]);
  if (n < 0x10000000) return Buffer.from([(n >>> 24) | 0xe0, (n >> 16) & 0xff, (n >> 8) & 0xff, n & 0xff]);
  return Buffer.from([0xf0, (n >>> 24) & 0xff, (n >> 16) & 0xff, (n >> 8) & 0xff, n & 0xff]);
}

/** Words are bytes on the wire; latin1 keeps every byte as it came (RouterOS does not decode them either). */
export function sentence(words: string[]): Buffer {
  return Buffer.concat([
    ...words.flatMap((w) => [encodeLength(Buffer.byteLength(w, 'latin1')), Buffer.from(w, 'latin1')]),
    Buffer.from([0]),
  ]);
}

/** Splits a buffer into complete sentences; returns the rest for the next read. */
function readSentences(buffer: Buffer): { sentences: string[][]; rest: Buffer } {
  const sentences: string[][] = [];
  let words: string[] = [];
  let i = 0;
  let start = 0;
  while (i < buffer.length) {
    const b = buffer[i] as number;
    const size = (b & 0x80) === 0 ? 1 : (b & 0xc0) === 0x80 ? 2 : (b & 0xe0) === 0xc0 ? 3 : (b & 0xf0) === 0xe0 ? 4 : 5;
    if (i + size > buffer.length) break;
    let length: number;
    if (size === 1) length = b;
    else if (size === 2) length = ((b & 0x3f) << 8) | buffer[i + 1]!;
    else if (size === 3) length = ((b & 0x1f) << 16) | (buffer[i + 1]! << 8) | buffer[i + 2]!;
    else if (size === 4)
      length = (b & 0x0f) * 0x1000000 + ((buffer[i + 1]! << 16) | (buffer[i + 2]! << 8) | buffer[i + 3]!);
    else length = buffer.readUInt32BE(i + 1);
    if (i + size + length > buffer.length) break;
    if (length === 0) {
      sentences.push(words);
      words = [];
      i += size;
      start = i;
      continue;
    }
    words.push(buffer.subarray(i + size, i + size + length).toString('latin1'));
    i += size + length;
  }
  return { sentences, rest: buffer.subarray(start) };
}

/** What a hook may do with a command instead of running it. */
export type Interference = { trap: string } | 'fatal' | 'drop' | 'silence' | undefined;

export interface SimulatorOptions {
  /** `/console/inspect` tree: answers `request=child` and names the properties each menu's `add` takes. */
  tree?: Tree;
  credentials?: { user: string; password: string };
  /** RouterOS ≥ 7.18: a print without results answers `!empty` before `!done`. */
  emptyMode?: boolean;
  tls?: { key: string | Buffer; cert: string | Buffer };
  /** Rows per menu (`/ip/dhcp-server/lease`) to start with; `.id`s are given. */
  state?: Record<string, Row[]>;
  version?: string;
  /** RouterOS before 6.43: `/login` answers a challenge (`=ret=`) and wants `=response=00<md5(0 password challenge)>`. */
  legacyLogin?: boolean;
  /** Called for each command after login; may make the router fail it. */
  interfere?: (words: string[], count: number) => Interference;
}

export interface Simulator {
  port: number;
  /** Every sentence received (logins included), for assertions. */
  commands: string[][];
  /** Menu state: path (`/ip/pool`) → rows in order. */
  menus: Map<string, Row[]>;
  /** `/import` commands run (file names). */
  imports: string[];
  connections: number;
  options: SimulatorOptions;
  close(): Promise<void>;
}

/** Natural keys that must be unique per menu (RouterOS refuses a second item with the same name). */
const UNIQUE: Record<string, string> = {
  '/ip/pool': 'name',
  '/ip/dhcp-server': 'name',
  '/ip/dhcp-server/option': 'name',
  '/ip/dhcp-server/option/sets': 'name',
  '/ip/dhcp-server/matcher': 'name',
  '/ip/dhcp-server/network': 'address',
};

/** Properties that name another menu's item: adding or setting one to a missing name is refused. */
const REFERENCES: Record<string, Record<string, string>> = {
  '/ip/dhcp-server': { 'address-pool': '/ip/pool', 'dhcp-option-set': '/ip/dhcp-server/option/sets' },
  '/ip/dhcp-server/option/sets': { options: '/ip/dhcp-server/option' },
  '/ip/dhcp-server/network': {
    'dhcp-option-set': '/ip/dhcp-server/option/sets',
    'dhcp-option': '/ip/dhcp-server/option',
  },
  '/ip/dhcp-server/lease': {
    server: '/ip/dhcp-server',
    'dhcp-option-set': '/ip/dhcp-server/option/sets',
    'dhcp-option': '/ip/dhcp-server/option',
  },
  '/ip/dhcp-server/matcher': {
    server: '/ip/dhcp-server',
    'option-set': '/ip/dhcp-server/option/sets',
    'address-pool': '/ip/pool',
  },
};

const BOOLEAN = new Set([
  'disabled',
  'always-broadcast',
  'block-access',
  'add-arp',
  'allow-overwrite',
  'allow-rollover',
  'read-only',
  'use-src-mac',
  'dns-none',
  'ntp-none',
  'force',
]);

/** Read-only properties RouterOS prints beside what was set. */
function extras(menu: string, row: Row): Row {
  const out: Row = {};
  if (
    menu !== '/ip/dhcp-server/option' &&
    menu !== '/ip/dhcp-server/option/sets' &&
    menu !== '/ip/pool' &&
    menu !== '/ip/dhcp-server/network'
  )
    out.disabled ??= 'false';
  if (menu === '/ip/dhcp-server/lease')
    Object.assign(out, { dynamic: 'false', status: 'waiting', blocked: 'false', radius: 'false' });
  if (menu === '/ip/dhcp-server/option') {
    const m = /^'(.*)'$/.exec(row.value ?? '');
    out['raw-value'] = m ? Buffer.from(m[1]!, 'latin1').toString('hex') : '';
  }
  if (menu === '/ip/dhcp-server/network') out['dns-none'] ??= 'false';
  if (menu === '/ip/dhcp-server') Object.assign(out, { dynamic: 'false', invalid: 'false' });
  if (menu === '/ip/tftp') out.hits = '0';
  return out;
}

function printed(name: string, value: string): string {
  if (BOOLEAN.has(name)) return /^(yes|true)$/i.test(value) ? 'true' : /^(no|false)$/i.test(value) ? 'false' : value;
  if (name === 'mac-address') return value.toUpperCase();
  return value;
}

export function startSimulator(options: SimulatorOptions = {}): Promise<Simulator> {
  const credentials = options.credentials ?? { user: 'admin', password: 'secret' };
  const commands: string[][] = [];
  const imports: string[] = [];
  const sockets = new Set<Socket>();
  const menus = new Map<string, Row[]>();
  let nextId = 1;
  for (const [menu, rows] of Object.entries(options.state ?? {})) {
    menus.set(
      menu,
      rows.map((r) => ({ ...r })),
    );
    for (const r of rows) nextId = Math.max(nextId, Number.parseInt((r['.id'] ?? '*0').slice(1), 16) + 1);
  }
  let count = 0;
  const sim: Simulator = { port: 0, commands, menus, imports, connections: 0, options, close: async () => undefined };

  const menuNode = (menu: string): Tree | undefined => {
    let node: Tree | undefined = options.tree;
    for (const part of menu.split('/').filter(Boolean)) node = node?.[part] as Tree | undefined;
    return node;
  };

  let challenge = Buffer.alloc(16);
  const handle = (
    words: string[],
    reply: (...w: string[]) => void,
    socket: Socket,
    loggedIn: { yes: boolean },
  ): void => {
    const attrs = new Map<string, string>();
    const queries: string[] = [];
    for (const w of words.slice(1)) {
      if (w.startsWith('=')) {
        const eq = w.indexOf('=', 1);
        attrs.set(eq < 0 ? w.slice(1) : w.slice(1, eq), eq < 0 ? '' : w.slice(eq + 1));
      } else if (w.startsWith('?')) queries.push(w.slice(1));
    }
    const trap = (message: string): void => {
      reply('!trap', `=message=${message}`);
      reply('!done');
    };
    const command = words[0] ?? '';
    if (command === '/login' && options.legacyLogin) {
      const response = attrs.get('response');
      if (response === undefined) {
        challenge = randomBytes(16);
        return reply('!done', `=ret=${challenge.toString('hex')}`);
      }
      const expected = `00${createHash('md5')
        .update(Buffer.concat([Buffer.from([0]), Buffer.from(credentials.password, 'latin1'), challenge]))
        .digest('hex')}`;
      if (attrs.get('name') === credentials.user && response === expected) {
        loggedIn.yes = true;
        return reply('!done');
      }
      return trap('cannot log in');
    }
    if (command === '/login') {
      if (attrs.get('name') === credentials.user && attrs.get('password') === credentials.password) {
        loggedIn.yes = true;
        reply('!done');
      } else trap('invalid user name or password (6)');
      return;
    }
    if (!loggedIn.yes) return trap('not logged in');
    count++;
    const interference = options.interfere?.(words, count);
    if (interference === 'drop') return void socket.destroy();
    if (interference === 'silence') return;
    if (interference === 'fatal') {
      socket.write(sentence(['!fatal', 'the router is rebooting']));
      socket.end();
      return;
    }
    if (interference) return trap(interference.trap);
    if (command === '/quit') {
      socket.write(sentence(['!fatal', 'session terminated on request']));
      socket.end();
      return;
    }
    if (command === '/console/inspect' && attrs.get('request') === 'child') {
      const node = menuNode((attrs.get('path') ?? '').split(',').join('/'));
      for (const [name, child] of Object.entries(node ?? {})) {
        if (child && typeof child === 'object')
          reply('!re', '=type=child', `=name=${name}`, `=node-type=${(child as Tree)._type ?? 'dir'}`);
      }
      return reply('!done');
    }
    if (command === '/system/resource/print') {
      reply('!re', `=version=${options.version ?? '7.16 (stable)'}`, '=board-name=CHR', '=platform=MikroTik');
      return reply('!done');
    }
    if (command === '/import') {
      const name = attrs.get('file-name') ?? '';
      if (!name) return trap('missing value for file-name');
      imports.push(name);
      return reply('!done', '=ret=Script file loaded and executed successfully');
    }
    const slash = command.lastIndexOf('/');
    const menu = command.slice(0, slash);
    const verb = command.slice(slash + 1);
    if (!UNIQUE[menu] && menu !== '/ip/dhcp-server/lease' && menu !== '/ip/tftp') return trap('no such command prefix');
    const rows = menus.get(menu) ?? [];
    menus.set(menu, rows);
    const allowed = menuNode(`${menu}/add`);
    const check = (props: Map<string, string>, current?: Row): string | undefined => {
      for (const name of props.keys()) {
        if (name === '.id' || name === 'numbers') continue;
        if (allowed && !(name in allowed)) return `unknown parameter ${name}`;
      }
      for (const [name, target] of Object.entries(REFERENCES[menu] ?? {})) {
        const value = props.get(name);
        if (!value) continue;
        for (const item of value.split(',')) {
          if (!(menus.get(target) ?? []).some((r) => r.name === item))
            return `input does not match any value of ${name}`;
        }
      }
      const key = UNIQUE[menu];
      const wanted = key ? props.get(key) : undefined;
      if (key && wanted !== undefined && rows.some((r) => r !== current && r[key] === wanted))
        return `failure: ${menu.split('/').pop()} with the same ${key} already exists`;
      if (menu === '/ip/dhcp-server/lease') {
        const mac = props.get('mac-address')?.toUpperCase();
        if (
          mac &&
          rows.some(
            (r) =>
              r !== current &&
              r['mac-address'] === mac &&
              (r.server ?? '') === (props.get('server') ?? current?.server ?? ''),
          )
        )
          return 'failure: lease with such mac-address already exists';
      }
      return undefined;
    };
    const byIds = (): Row[] | string => {
      const spec = attrs.get('.id') ?? attrs.get('numbers');
      if (!spec) return 'missing value for numbers';
      const found: Row[] = [];
      for (const id of spec.split(',')) {
        const row = rows.find((r) => r['.id'] === id);
        if (!row) return 'no such item';
        found.push(row);
      }
      return found;
    };
    const refused = (row: Row): string | undefined => {
      // Removing an item another one names is refused, as RouterOS does.
      const name = row.name;
      if (!name) return undefined;
      for (const [other, refs] of Object.entries(REFERENCES)) {
        for (const [prop, target] of Object.entries(refs)) {
          if (target !== menu) continue;
          if ((menus.get(other) ?? []).some((r) => (r[prop] ?? '').split(',').includes(name)))
            return `failure: ${name} is used by ${other}`;
        }
      }
      return undefined;
    };
    if (verb === 'print') {
      const proplist = attrs.get('.proplist')?.split(',');
      const matches = rows.filter((row) => matchQuery(queries, { ...extras(menu, row), ...row }));
      for (const row of matches) {
        const all: Row = { '.id': row['.id']!, ...extras(menu, row), ...row };
        const shown = Object.entries(all).filter(([k]) => !proplist || proplist.includes(k));
        reply('!re', ...shown.map(([k, v]) => `=${k}=${v}`));
      }
      if (!matches.length && options.emptyMode) reply('!empty');
      return reply('!done');
    }
    if (verb === 'add') {
      const props = new Map([...attrs].filter(([k]) => !k.startsWith('.')));
      const problem = check(props);
      if (problem) return trap(problem);
      const id = `*${(nextId++).toString(16).toUpperCase()}`;
      const row: Row = { '.id': id };
      for (const [k, v] of props) if (v !== '') row[k] = printed(k, v);
      rows.push(row);
      return reply('!done', `=ret=${id}`);
    }
    if (verb === 'set') {
      const found = byIds();
      if (typeof found === 'string') return trap(found);
      const props = new Map([...attrs].filter(([k]) => k !== '.id' && k !== 'numbers'));
      for (const row of found) {
        const problem = check(props, row);
        if (problem) return trap(problem);
      }
      for (const row of found) {
        for (const [k, v] of props) {
          if (v === '') delete row[k];
          else row[k] = printed(k, v);
        }
      }
      return reply('!done');
    }
    if (verb === 'remove') {
      const found = byIds();
      if (typeof found === 'string') return trap(found);
      for (const row of found) {
        const problem = refused(row);
        if (problem) return trap(problem);
      }
      for (const row of found) rows.splice(rows.indexOf(row), 1);
      return reply('!done');
    }
    return trap('no such command');
  };

  const onConnection = (socket: Socket): void => {
    sim.connections++;
    sockets.add(socket);
    socket.setNoDelay(true);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => undefined);
    const loggedIn = { yes: false };
    let pending: Buffer = Buffer.alloc(0);
    socket.on('data', (chunk: Buffer) => {
      const { sentences, rest } = readSentences(Buffer.concat([pending, chunk]));
      pending = rest;
      for (const words of sentences) {
        if (!words.length) continue;
        commands.push(words);
        const tag = words.find((w) => w.startsWith('.tag='));
        const reply = (...w: string[]): void => {
          // RouterOS puts .tag right after the reply word.
          if (!socket.destroyed) socket.write(sentence(tag ? [w[0]!, tag, ...w.slice(1)] : w));
        };
        handle(
          words.filter((w) => w !== tag),
          reply,
          socket,
          loggedIn,
        );
      }
    });
  };

  const server: Server = options.tls
    ? createTlsServer({ key: options.tls.key, cert: options.tls.cert }, onConnection)
    : createServer(onConnection);
  server.on('tlsClientError', () => undefined);
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      sim.port = typeof address === 'object' && address ? address.port : 0;
      sim.close = () =>
        new Promise<void>((done) => {
          for (const s of sockets) s.destroy();
          server.close(() => done());
        });
      resolve(sim);
    });
  });
}

/**
 * RouterOS query words: `name=value` (also written `=name=value`, as librouteros does), `name` (has it),
 * `-name` (lacks it), `<name=v`, `>name=v`, and the
 * stack operations `#|`, `#&`, `#!` (and `#` alone); the results left on the stack are and-ed.
 */
export function matchQuery(queries: readonly string[], row: Row): boolean {
  const stack: boolean[] = [];
  for (const word of queries) {
    const q = word.startsWith('=') ? word.slice(1) : word;
    if (q.startsWith('#')) {
      for (const op of q.slice(1)) {
        if (op === '!') stack.push(!stack.pop());
        else if (op === '|' || op === '&') {
          const b = stack.pop() ?? true;
          const a = stack.pop() ?? true;
          stack.push(op === '|' ? a || b : a && b);
        }
      }
      continue;
    }
    const eq = q.indexOf('=');
    if (q.startsWith('-')) stack.push(!(q.slice(1) in row));
    else if (q.startsWith('<') || q.startsWith('>')) {
      const [name, value] = [q.slice(1, eq), q.slice(eq + 1)];
      const have = row[name];
      stack.push(have !== undefined && (q[0] === '<' ? Number(have) < Number(value) : Number(have) > Number(value)));
    } else if (eq < 0) stack.push(q in row);
    else stack.push(row[q.slice(0, eq)] === q.slice(eq + 1));
  }
  return stack.every(Boolean);
}

/** The real command tree (RouterOS 7.24 `/console/inspect`) from ../shared, for tests (vitest or the extension host). */
export function realTree(): Tree {
  const rel = join('shared', 'reference', 'routeros', 'restraml-7.24-inspect.json');
  const here =
    typeof __dirname === 'string'
      ? [resolve(__dirname, '..', '..', '..', rel), resolve(__dirname, '..', '..', '..', '..', rel)]
      : [];
  const file = [resolve(process.cwd(), '..', rel), ...here].find((f) => existsSync(f));
  if (!file) throw new Error(`${rel} not found beside the project: the RouterOS simulator needs ../shared.`);
  return JSON.parse(readFileSync(file, 'utf8')) as Tree;
}
