import { PassThrough } from 'node:stream';
import { pathToFileURL } from 'node:url';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createConnection } from 'vscode-languageserver/node';
import {
  createProtocolConnection,
  DidOpenTextDocumentNotification,
  InitializedNotification,
  InitializeRequest,
  PublishDiagnosticsNotification,
  StreamMessageReader,
  StreamMessageWriter,
  type ProtocolConnection,
  type PublishDiagnosticsParams,
} from 'vscode-languageserver-protocol/node';
import { WorkbenchServer } from '../../../server/src/lsp/workbenchServer';

/** The server class over a real connection on in-memory streams (no process): a client talks to it. */
function inProcess(): { client: ProtocolConnection; published: PublishDiagnosticsParams[]; close(): void } {
  const up = new PassThrough();
  const down = new PassThrough();
  const server = createConnection(new StreamMessageReader(up), new StreamMessageWriter(down));
  new WorkbenchServer(server).listen();
  const client = createProtocolConnection(new StreamMessageReader(down), new StreamMessageWriter(up));
  const published: PublishDiagnosticsParams[] = [];
  client.onNotification(PublishDiagnosticsNotification.type, (p) => void published.push(p));
  client.listen();
  return {
    client,
    published,
    close: () => {
      client.dispose();
      server.dispose();
    },
  };
}

describe('the server class, in process', () => {
  let close = (): void => undefined;
  afterEach(() => close());

  it('publishes the diagnostics of an opened document', async () => {
    const session = inProcess();
    close = session.close;
    const root = join(process.cwd(), 'examples/broken');
    const result = await session.client.sendRequest(InitializeRequest.type, {
      processId: process.pid,
      rootUri: pathToFileURL(root).href,
      workspaceFolders: null,
      capabilities: {},
    });
    expect(result.capabilities.renameProvider).toEqual({ prepareProvider: true });
    await session.client.sendNotification(InitializedNotification.type, {});
    const uri = 'untitled:typo.ipxe';
    await session.client.sendNotification(DidOpenTextDocumentNotification.type, {
      textDocument: { uri, languageId: 'ipxe', version: 3, text: '#!ipxe\nkernl vmlinuz\n' },
    });
    await expect.poll(() => session.published.find((p) => p.uri === uri), { timeout: 5000 }).toBeDefined();
    const published = session.published.find((p) => p.uri === uri)!;
    expect(published.version).toBe(3);
    expect(published.diagnostics.map((d) => d.code)).toContain('ipxe.unknownCommand');
  });
});
