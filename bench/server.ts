/**
 * The language server's side of the bench: its cold start to the first diagnostic and its memory after
 * opening a site, over stdio as an editor talks to it, against a bare Node process. The server is started
 * as the extension starts it (lib/core/launch.ts): its Node flags, and a compile cache in `cache` if given.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import type { Writable } from 'node:stream';
import { existsSync, promises as fs, readdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { pathToFileURL } from 'node:url';
import { compileCacheArgs, SERVER_ENV, SERVER_NODE_FLAGS } from '../lib/core';
import { classify } from '../lib/engine';

// The bench is bundled into out/, beside the server's bundle.
const SERVER = resolve(__dirname, 'server.js');

function spawnServer(cache: string | undefined): ChildProcess & { stdin: Writable; stdout: NodeJS.ReadableStream } {
  const args = [...SERVER_NODE_FLAGS, SERVER, '--stdio', ...(cache ? compileCacheArgs(cache) : [])];
  return spawn(process.execPath, args, { stdio: ['pipe', 'pipe', 'inherit'], env: { ...process.env, ...SERVER_ENV } });
}

/** Starts the server once with the cache folder `cache` and waits until it wrote its compile cache there. */
export async function warmCompileCache(cache: string): Promise<void> {
  await serverToFirstDiagnostic(cache, async () => {
    for (let waited = 0; waited < 15_000 && !readdirSync(cache).some((f) => f.endsWith('.v8cache')); waited += 100)
      await sleep(100);
  });
  if (!existsSync(cache) || !readdirSync(cache).some((f) => f.endsWith('.v8cache')))
    throw new Error(`the server wrote no compile cache in ${cache}`);
}

/** Sends one JSON-RPC message with LSP framing to a server spawned over stdio. */
function sender(child: { stdin: Writable }): (message: object) => void {
  return (message) => {
    const body = JSON.stringify({ jsonrpc: '2.0', ...message });
    child.stdin.write(`Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`);
  };
}

/** A process's resident memory (KiB), from /proc. */
async function rssKiB(pid: number | undefined): Promise<number> {
  const status = await fs.readFile(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? NaN);
}

/**
 * Spawns the server and measures the time until the first diagnostic for one opened document; `before`
 * runs before the server is stopped.
 */
export function serverToFirstDiagnostic(cache?: string, before?: () => Promise<void>): Promise<number> {
  return new Promise((done, fail) => {
    const started = performance.now();
    const child = spawnServer(cache);
    const send = sender(child);
    let buffer = '';
    let measured = false;
    child.stdout.on('data', (chunk: Buffer) => {
      if (measured) return;
      buffer += chunk.toString();
      if (buffer.includes('"id":1,"result"') && !buffer.includes('__opened')) {
        buffer += '__opened';
        send({ method: 'initialized', params: {} });
        send({
          method: 'textDocument/didOpen',
          params: { textDocument: { uri: 'file:///bench/a.ipxe', languageId: 'ipxe', version: 1, text: 'dhcp\n' } },
        });
      }
      if (buffer.includes('textDocument/publishDiagnostics') && buffer.includes('ipxe.missingHeader')) {
        const elapsed = performance.now() - started;
        measured = true;
        void (before?.() ?? Promise.resolve()).then(() => {
          child.kill();
          done(elapsed);
        }, fail);
      }
    });
    child.on('error', fail);
    send({ id: 1, method: 'initialize', params: { processId: process.pid, rootUri: null, capabilities: {} } });
  });
}

/** The language VS Code gives a file with the extension installed (the site file is JSON to the editor). */
function editorLanguage(file: string, text: string): string {
  const language = classify(file, text);
  return language === 'site' ? 'json' : (language ?? 'plaintext');
}

/** The server's resident memory (KiB) after it opened every file of the example site (pushed over stdio). */
export function serverMemoryAfterSite(root: string, files: string[], cache?: string): Promise<ServerMemory> {
  return new Promise((done, fail) => {
    const child = spawnServer(cache);
    const send = sender(child);
    let buffer = '';
    let published = 0;
    child.stdout.on('data', (chunk: Buffer) => {
      buffer += chunk.toString();
      if (buffer.includes('"id":1,"result"') && !buffer.includes('__opened')) {
        buffer += '__opened';
        send({ method: 'initialized', params: {} });
        for (const [i, file] of files.entries()) {
          void fs.readFile(file, 'utf8').then((text) =>
            send({
              method: 'textDocument/didOpen',
              params: {
                textDocument: {
                  uri: pathToFileURL(file).href,
                  languageId: editorLanguage(file, text),
                  version: 1 + i,
                  text,
                },
              },
            }),
          );
        }
      }
      published = buffer.split('textDocument/publishDiagnostics').length - 1;
      if (published >= files.length && !buffer.includes('__measured')) {
        buffer += '__measured';
        // Let the chain for the site settle, then read VmRSS.
        void sleep(1000)
          .then(() => rssKiB(child.pid))
          .then(async (soon) => {
            await sleep(AT_REST_MS - 1000);
            const atRest = await rssKiB(child.pid);
            child.kill();
            done({ soon, atRest });
          })
          .catch(fail);
      }
    });
    child.on('error', fail);
    send({
      id: 1,
      method: 'initialize',
      params: { processId: process.pid, rootUri: pathToFileURL(root).href, capabilities: {} },
    });
  });
}

/**
 * A server's resident memory (KiB) a second after its last diagnostics for the opened files, and at rest:
 * AT_REST_MS after them, once V8's memory reducer (it starts ~8 s after the last allocation burst) has run.
 */
export interface ServerMemory {
  soon: number;
  atRest: number;
}
const AT_REST_MS = 12_000;

/** A second from now: the child's resident memory (KiB) to `done`, then the child is killed. */
function measureLater(child: ChildProcess, done: (kib: number) => void, fail: (error: unknown) => void): void {
  setTimeout(() => {
    void rssKiB(child.pid).then((kib) => {
      child.kill();
      done(kib);
    }, fail);
  }, 1000);
}

/** A Node process that only waits: the memory floor any server starts from (KiB). */
export function bareNodeMemory(): Promise<number> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 5000)'], { stdio: 'ignore' });
    measureLater(child, done, fail);
  });
}

export function bareNode(): Promise<number> {
  return new Promise((done, fail) => {
    const started = performance.now();
    const child = spawn(process.execPath, ['-e', '0'], { stdio: 'ignore' });
    child.on('exit', () => done(performance.now() - started));
    child.on('error', fail);
  });
}
