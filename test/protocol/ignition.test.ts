import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CodeActionRequest,
  CompletionRequest,
  DocumentSymbolRequest,
  HoverRequest,
  type CompletionItem,
  type CompletionList,
  type DocumentSymbol,
} from 'vscode-languageserver-protocol/node';
import { LspClient } from '../helpers/lspClient';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

// Every document lives in this suite's own folder: the server looks for a site file above it, never in /tmp itself.
const TMP = mkdtempSync(join(tmpdir(), 'pxe-protocol-'));
const at = (rel: string): string => pathToFileURL(join(TMP, rel)).href;

const items = (r: CompletionItem[] | CompletionList | null): CompletionItem[] =>
  Array.isArray(r) ? r : (r?.items ?? []);
const CONFIG = `{
  "ignition": { "version": "3.4.0" },
  "storage": {
    "files": [{ "path": "/etc/hostname", "mode": 420, "contents": { "source": "data:,node1%0A" } }]
  },
  "systemd": { "units": [{ "name": "hello.service", "enabled": true }] }
}
`;

describe('Ignition over the protocol', () => {
  let client: LspClient;
  const uri = at('pxe-protocol-ign/config.ign');
  beforeAll(async () => {
    client = new LspClient();
    await client.initialize(TMP);
    await client.open(uri, 'ignition', CONFIG);
    expect(await client.diagnosticsFor(uri)).toEqual([]);
  });
  afterAll(() => client.dispose());

  const hover = async (needle: string, shift = 1): Promise<string> => {
    const offset = CONFIG.indexOf(needle) + shift;
    const before = CONFIG.slice(0, offset).split('\n');
    const result = await client.connection.sendRequest(HoverRequest.type, {
      textDocument: { uri },
      position: { line: before.length - 1, character: before.at(-1)!.length },
    });
    return JSON.stringify(result?.contents ?? '');
  };

  it('hovers field docs, modes in octal and decoded data: URLs', async () => {
    expect(await hover('"mode"')).toContain('storage.files[].mode');
    expect(await hover('420')).toContain('0644');
    expect(await hover('"data:')).toContain('node1');
  });

  it('completes the keys of the object at the cursor for the config version', async () => {
    const doc = at('pxe-protocol-ign/c2.ign');
    const text = '{ "ignition": { "version": "3.2.0" }, "storage": { "files": [{ "path": "/a", "" }] } }';
    await client.open(doc, 'ignition', text);
    const list = items(
      await client.connection.sendRequest(CompletionRequest.type, {
        textDocument: { uri: doc },
        position: { line: 0, character: text.indexOf('""') + 1 },
      }),
    );
    expect(list.map((i) => i.label)).toEqual(expect.arrayContaining(['mode', 'contents', 'overwrite', 'user']));
    const root = items(
      await client.connection.sendRequest(CompletionRequest.type, {
        textDocument: { uri: doc },
        position: { line: 0, character: 1 },
      }),
    );
    expect(root.map((i) => i.label)).not.toContain('kernelArguments');
  });

  it('outlines sections and entries, and offers data: URL conversions', async () => {
    const symbols = (await client.connection.sendRequest(DocumentSymbolRequest.type, {
      textDocument: { uri },
    })) as DocumentSymbol[];
    expect(symbols.map((s) => s.name)).toEqual(['ignition', 'storage', 'systemd']);
    expect(symbols[1]!.children?.[0]?.children?.map((c) => c.name)).toEqual(['/etc/hostname']);
    const offset = CONFIG.indexOf('"data:') + 2;
    const before = CONFIG.slice(0, offset).split('\n');
    const position = { line: before.length - 1, character: before.at(-1)!.length };
    const actions = await client.connection.sendRequest(CodeActionRequest.type, {
      textDocument: { uri },
      range: { start: position, end: position },
      context: { diagnostics: [] },
    });
    expect(actions?.map((a) => a.title)).toEqual([
      'Decode to an editable view',
      'Convert data: URL to base64',
      'Encode file… (embed a local file as a data: URL)',
    ]);
  });
});
