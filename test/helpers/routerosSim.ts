/**
 * A small RouterOS API server for tests, on 127.0.0.1: the real wire protocol (length-prefixed words,
 * sentences ending in an empty word, `.tag` echoed on every reply), `/login`, and `/console/inspect`
 * `request=child` answered from a `/console/inspect`-format tree.
 */
import { createServer, type Server, type Socket } from 'node:net';

type Tree = { _type?: string; [name: string]: unknown };

function encodeLength(n: number): Buffer {
  if (n < 0x80) return Buffer.from([n]);
  if (n < 0x4000) return Buffer.from([(n >> 8) | 0x80, n & 0xff]);
  if (n < 0x200000) return Buffer.from([(n >> 16) | 0xc0, (n >> 8) & 0xff, n & 0xff]);
  if (n < 0x10000000) return Buffer.from([(n >>> 24) | 0xe0, (n >> 16) & 0xff, (n >> 8) & 0xff, n & 0xff]);
  return Buffer.from([0xf0, (n >>> 24) & 0xff, (n >> 16) & 0xff, (n >> 8) & 0xff, n & 0xff]);
}

function sentence(words: string[]): Buffer {
  return Buffer.concat([...words.flatMap((w) => [encodeLength(Buffer.byteLength(w)), Buffer.from(w)]), Buffer.from([0])]);
}

/** Splits a buffer into complete sentences; returns the rest for the next read. */
function readSentences(buffer: Buffer): { sentences: string[][]; rest: Buffer } {
  const sentences: string[][] = [];
  let words: string[] = [];
  let i = 0;
  let start = 0;
  while (i < buffer.length) {
    const b = buffer[i] as number;
    let length: number;
    let size: number;
    if ((b & 0x80) === 0) [length, size] = [b, 1];
    else if ((b & 0xc0) === 0x80) [length, size] = [((b & 0x3f) << 8) | (buffer[i + 1] ?? 0), 2];
    else if ((b & 0xe0) === 0xc0) [length, size] = [((b & 0x1f) << 16) | ((buffer[i + 1] ?? 0) << 8) | (buffer[i + 2] ?? 0), 3];
    else if ((b & 0xf0) === 0xe0) [length, size] = [((b & 0x0f) << 24) | ((buffer[i + 1] ?? 0) << 16) | ((buffer[i + 2] ?? 0) << 8) | (buffer[i + 3] ?? 0), 4];
    else [length, size] = [buffer.readUInt32BE(i + 1), 5];
    if (i + size + length > buffer.length) break;
    if (length === 0) {
      sentences.push(words);
      words = [];
      i += size;
      start = i;
      continue;
    }
    words.push(buffer.subarray(i + size, i + size + length).toString());
    i += size + length;
  }
  return { sentences, rest: buffer.subarray(start) };
}

export interface Simulator {
  port: number;
  /** Every command received, for assertions. */
  commands: string[][];
  close(): Promise<void>;
}

export function startSimulator(tree: Tree, credentials = { user: 'admin', password: 'secret' }): Promise<Simulator> {
  const commands: string[][] = [];
  const sockets = new Set<Socket>();
  const server: Server = createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    let pending: Buffer = Buffer.alloc(0);
    socket.on('data', (chunk: Buffer) => {
      const { sentences, rest } = readSentences(Buffer.concat([pending, chunk]));
      pending = rest;
      for (const words of sentences) {
        commands.push(words);
        const tag = words.find((w) => w.startsWith('.tag='));
        const reply = (...w: string[]): void => void socket.write(sentence(tag ? [...w, tag] : w));
        const attr = (name: string): string | undefined => words.find((w) => w.startsWith(`=${name}=`))?.slice(name.length + 2);
        if (words[0] === '/login') {
          if (attr('name') === credentials.user && attr('password') === credentials.password) reply('!done');
          else {
            reply('!trap', '=message=invalid user name or password (6)');
            reply('!done');
          }
        } else if (words[0] === '/console/inspect' && attr('request') === 'child') {
          const path = (attr('path') ?? '').split(',').filter(Boolean);
          let node: Tree | undefined = tree;
          for (const part of path) node = node?.[part] as Tree | undefined;
          for (const [name, child] of Object.entries(node ?? {})) {
            if (child && typeof child === 'object') reply('!re', '=type=child', `=name=${name}`, `=node-type=${(child as Tree)._type ?? 'dir'}`);
          }
          reply('!done');
        } else {
          reply('!trap', '=message=no such command');
          reply('!done');
        }
      }
    });
  });
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      resolve({
        port,
        commands,
        close: () =>
          new Promise<void>((done) => {
            for (const s of sockets) s.destroy();
            server.close(() => done());
          }),
      });
    });
  });
}
