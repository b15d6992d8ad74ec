import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CompletionRequest,
  DefinitionRequest,
  DocumentSymbolRequest,
  FoldingRangeRequest,
  HoverRequest,
  PrepareRenameRequest,
  ReferencesRequest,
  RenameRequest,
  type CompletionItem,
  type CompletionList,
  type DocumentSymbol,
  type Location,
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

const SCRIPT = `#!ipxe
set base http://192.168.255.2/tftp
:retry
dhcp || goto retry
kernel \${base}/vmlinuz initrd=main || goto failed
initrd --name main \${base}/initrd.img || goto failed
boot || goto failed

:failed
echo failed on \${base}
goto retry
`;

describe('iPXE over the protocol', () => {
  let client: LspClient;
  const uri = at('pxe-protocol-ipxe/boot.ipxe');
  beforeAll(async () => {
    client = new LspClient();
    await client.initialize(TMP);
    await client.open(uri, 'ipxe', SCRIPT);
    await client.diagnosticsFor(uri);
  });
  afterAll(() => client.dispose());

  const complete = async (text: string, line: number, character: number): Promise<CompletionItem[]> => {
    const doc = at(`pxe-protocol-ipxe/c${Math.random()}.ipxe`);
    await client.open(doc, 'ipxe', text);
    return items(
      await client.connection.sendRequest(CompletionRequest.type, {
        textDocument: { uri: doc },
        position: { line, character },
      }),
    );
  };

  it('completes settings and user variables inside ${', async () => {
    const list = await complete('#!ipxe\nset base x\necho ${', 2, 7);
    const labels = list.map((i) => i.label);
    expect(labels).toEqual(expect.arrayContaining(['base', 'root-path', 'next-server', 'net0/', 'buildarch']));
    expect(list.find((i) => i.label === 'root-path')?.detail).toContain('DHCP option 17');
    const types = await complete('#!ipxe\necho ${net0/mac:', 1, 18);
    expect(types.map((i) => i.label)).toContain('hexhyp');
  });

  it('completes labels after goto, options after -, item names after choose --default, FCOS arguments on kernel lines', async () => {
    expect((await complete('#!ipxe\n:start\n:failed\ngoto ', 3, 5)).map((i) => i.label)).toEqual(['start', 'failed']);
    expect((await complete('#!ipxe\nimgfetch --', 1, 11)).map((i) => i.label)).toEqual(
      expect.arrayContaining(['--name', '--timeout', '--autofree']),
    );
    expect(
      (await complete('#!ipxe\nmenu\nitem fcos F\nitem shell S\nchoose --default ', 4, 17)).map((i) => i.label),
    ).toEqual(['fcos', 'shell']);
    const kargs = await complete('#!ipxe\nkernel http://nas/fedora-coreos-live-kernel-x86_64 ign', 1, 54);
    expect(kargs.find((i) => i.label === 'ignition.config.url')?.textEdit).toMatchObject({
      newText: 'ignition.config.url=',
    });
  });

  it('hovers a setting with the value it was set to', async () => {
    const hover = await client.connection.sendRequest(HoverRequest.type, {
      textDocument: { uri },
      position: { line: 4, character: 10 },
    });
    expect(JSON.stringify(hover?.contents)).toContain('Set to `http://192.168.255.2/tftp` on line 2');
  });

  it('outlines labels as sections and the variables the script sets', async () => {
    const symbols = (await client.connection.sendRequest(DocumentSymbolRequest.type, {
      textDocument: { uri },
    })) as DocumentSymbol[];
    expect(symbols.map((s) => s.name)).toEqual(['base', ':retry', ':failed']);
    const retry = symbols.find((s) => s.name === ':retry')!;
    expect(retry.range.start.line).toBe(2);
    expect(retry.range.end.line).toBe(6);
  });

  it('goes to a label definition and finds all references to a variable', async () => {
    const definition = (await client.connection.sendRequest(DefinitionRequest.type, {
      textDocument: { uri },
      position: { line: 3, character: 14 },
    })) as Location[];
    expect(definition.map((l) => l.range.start)).toEqual([{ line: 2, character: 1 }]);
    const refs = (await client.connection.sendRequest(ReferencesRequest.type, {
      textDocument: { uri },
      position: { line: 1, character: 5 },
      context: { includeDeclaration: true },
    })) as Location[];
    expect(refs.map((l) => l.range.start.line)).toEqual([1, 4, 5, 9]);
  });

  it('renames a label everywhere and refuses a name with a space', async () => {
    const range = await client.connection.sendRequest(PrepareRenameRequest.type, {
      textDocument: { uri },
      position: { line: 8, character: 2 },
    });
    expect(range).toMatchObject({ start: { line: 8, character: 1 }, end: { line: 8, character: 7 } });
    const edit = await client.connection.sendRequest(RenameRequest.type, {
      textDocument: { uri },
      position: { line: 8, character: 2 },
      newName: 'oops',
    });
    expect(edit?.changes?.[uri]?.map((e) => e.range.start.line)).toEqual([4, 5, 6, 8]);
    await expect(
      client.connection.sendRequest(RenameRequest.type, {
        textDocument: { uri },
        position: { line: 8, character: 2 },
        newName: 'two words',
      }),
    ).rejects.toThrow(/not a valid label name/);
  });

  it('folds each label section', async () => {
    const ranges = await client.connection.sendRequest(FoldingRangeRequest.type, { textDocument: { uri } });
    expect(ranges).toEqual([
      { startLine: 2, endLine: 6 },
      { startLine: 8, endLine: 10 },
    ]);
  });
});
