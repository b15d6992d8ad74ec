/** A real LSP client over stdio for protocol tests: spawns the built server and speaks JSON-RPC to it. */
import { spawn, type ChildProcess } from 'node:child_process';
import { pathToFileURL } from 'node:url';
import {
  createProtocolConnection,
  DidChangeTextDocumentNotification,
  DidOpenTextDocumentNotification,
  ExitNotification,
  InitializedNotification,
  InitializeRequest,
  PublishDiagnosticsNotification,
  ShutdownRequest,
  StreamMessageReader,
  StreamMessageWriter,
  type Diagnostic,
  type ProtocolConnection,
  type PublishDiagnosticsParams,
} from 'vscode-languageserver-protocol/node';
import { built } from './build';

export class LspClient {
  readonly connection: ProtocolConnection;
  private readonly process: ChildProcess;
  private readonly diagnostics = new Map<string, PublishDiagnosticsParams>();
  private readonly waiters: (() => void)[] = [];
  readonly stderr: string[] = [];
  /** Capabilities the server registered dynamically (client/registerCapability), by method. */
  readonly registrations = new Map<string, unknown>();
  /** The server's custom notifications (pxe/chainChanged), in order. */
  readonly notifications: string[] = [];

  /** Spawns the built server over stdio; `args` follow `--stdio` (e.g. the compile cache's). */
  constructor(serverPath = built('server.js'), args: readonly string[] = []) {
    this.process = spawn(process.execPath, [serverPath, '--stdio', ...args], { stdio: ['pipe', 'pipe', 'pipe'] });
    this.process.stderr!.on('data', (d: Buffer) => this.stderr.push(d.toString()));
    this.connection = createProtocolConnection(
      new StreamMessageReader(this.process.stdout!),
      new StreamMessageWriter(this.process.stdin!),
    );
    this.connection.onNotification(PublishDiagnosticsNotification.type, (params) => {
      this.diagnostics.set(params.uri, params);
      this.waiters.splice(0).forEach((w) => w());
    });
    this.connection.onRequest(
      'client/registerCapability',
      (params: { registrations: { method: string; registerOptions?: unknown }[] }) => {
        for (const r of params.registrations) this.registrations.set(r.method, r.registerOptions);
        return null;
      },
    );
    this.connection.onNotification('pxe/chainChanged', () => {
      this.notifications.push('pxe/chainChanged');
    });
    this.connection.listen();
  }

  async initialize(
    rootDir: string,
    initializationOptions?: unknown,
    workspaceCapabilities: object = {},
  ): Promise<void> {
    await this.connection.sendRequest(InitializeRequest.type, {
      processId: process.pid,
      rootUri: pathToFileURL(rootDir).href,
      workspaceFolders: [{ uri: pathToFileURL(rootDir).href, name: 'test' }],
      capabilities: {
        textDocument: { publishDiagnostics: { relatedInformation: true, versionSupport: true } },
        workspace: workspaceCapabilities,
      },
      initializationOptions,
    });
    await this.connection.sendNotification(InitializedNotification.type, {});
  }

  open(uri: string, languageId: string, text: string, version = 1): Promise<void> {
    return this.connection.sendNotification(DidOpenTextDocumentNotification.type, {
      textDocument: { uri, languageId, version, text },
    });
  }

  change(uri: string, version: number, text: string): Promise<void> {
    return this.connection.sendNotification(DidChangeTextDocumentNotification.type, {
      textDocument: { uri, version },
      contentChanges: [{ text }],
    });
  }

  /** Waits until diagnostics for `uri` satisfy `accept` (e.g. a given version), or fails after `timeoutMs`. */
  async diagnosticsFor(
    uri: string,
    accept: (p: PublishDiagnosticsParams) => boolean = () => true,
    timeoutMs = 10_000,
  ): Promise<Diagnostic[]> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const current = this.diagnostics.get(uri);
      if (current && accept(current)) return current.diagnostics;
      const left = deadline - Date.now();
      if (left <= 0)
        throw new Error(`no diagnostics for ${uri} within ${timeoutMs} ms (server stderr: ${this.stderr.join('')})`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  async dispose(): Promise<void> {
    try {
      await this.connection.sendRequest(ShutdownRequest.type);
      await this.connection.sendNotification(ExitNotification.type);
    } finally {
      this.connection.dispose();
      this.process.kill();
    }
  }
}
