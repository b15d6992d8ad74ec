/**
 * The language server's side of the bench: its cold start to the first diagnostic and its memory after
 * opening a site, over stdio as an editor talks to it, against a bare Node process.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import type { Writable } from 'node:stream';
import { promises as fs } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

// The bench is bundled into out/, beside the server's bundle.
const SERVER = resolve(__dirname, 'server.js');

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

/** Spawns the server and measures the time until the first diagnostic for one opened document. */
export function serverToFirstDiagnostic(): Promise<number> {
  return new Promise((done, fail) => {
    const started = performance.now();
    const child = spawn(process.execPath, [SERVER, '--stdio'], { stdio: ['pipe', 'pipe', 'inherit'] });
    const send = sender(child);
    let buffer = '';
    child.stdout.on('data', (chunk: Buffer) => {
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
        child.kill();
        done(elapsed);
      }
    });
    child.on('error', fail);
    send({ id: 1, method: 'initialize', params: { processId: process.pid, rootUri: null, capabilities: {} } });
  });
}

/** The server's resident memory (KiB) after it opened every file of the example site (pushed over stdio). */
export function serverMemoryAfterSite(root: string, files: string[]): Promise<number> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [SERVER, '--stdio'], { stdio: ['pipe', 'pipe', 'inherit'] });
    const send = sender(child);
    let buffer = '';
    let published = 0;
    child.stdout.on('data', (chunk: Buffer) => {
      buffer += chunk.toString();
      if (buffer.includes('"id":1,"result"') && !buffer.includes('__opened')) {
        buffer += '__opened';
        send({ method: 'initialized', params: {} });
        for (const [i, file] of files.entries()) {
          const languageId = file.endsWith('.ipxe')
            ? 'ipxe'
            : file.endsWith('.rsc')
              ? 'routeros'
              : file.endsWith('.ign')
                ? 'ignition'
                : file.endsWith('.json')
                  ? 'json'
                  : 'pxelinux';
          void fs.readFile(file, 'utf8').then((text) =>
            send({
              method: 'textDocument/didOpen',
              params: { textDocument: { uri: pathToFileURL(file).href, languageId, version: 1 + i, text } },
            }),
          );
        }
      }
      published = buffer.split('textDocument/publishDiagnostics').length - 1;
      if (published >= files.length && !buffer.includes('__measured')) {
        buffer += '__measured';
        // Let the chain for the site settle, then read VmRSS.
        measureLater(child, done, fail);
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
