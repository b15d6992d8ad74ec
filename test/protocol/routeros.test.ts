import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  DefinitionRequest,
  DocumentFormattingRequest,
  DocumentSymbolRequest,
  HoverRequest,
  ReferencesRequest,
  RenameRequest,
  type DocumentSymbol,
  type Location,
} from 'vscode-languageserver-protocol/node';
import { LspClient } from '../helpers/lspClient';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

// Every document lives in this suite's own folder: the server looks for a site file above it, never in /tmp itself.
const TMP = mkdtempSync(join(tmpdir(), 'pxe-protocol-'));
const at = (rel: string): string => pathToFileURL(join(TMP, rel)).href;

const file = resolve('examples/home-lab/router/pxe-dhcp.rsc');
const uri = pathToFileURL(file).href;
const text = readFileSync(file, 'utf8');
const positionOf = (needle: string, shift = 1): { line: number; character: number } => {
  const before = text.slice(0, text.indexOf(needle) + shift).split('\n');
  return { line: before.length - 1, character: before.at(-1)!.length };
};

describe('RouterOS over the protocol (home-lab pxe-dhcp.rsc)', () => {
  let client: LspClient;
  beforeAll(async () => {
    client = new LspClient();
    await client.initialize(resolve('examples/home-lab'));
    await client.open(uri, 'routeros', text);
    expect(await client.diagnosticsFor(uri)).toEqual([]);
  });
  afterAll(() => client.dispose());

  it('outlines by menu and formats the document', async () => {
    const symbols = (await client.connection.sendRequest(DocumentSymbolRequest.type, {
      textDocument: { uri },
    })) as DocumentSymbol[];
    expect(symbols.map((s) => s.name)).toEqual([
      '/ip pool',
      '/ip dhcp-server option',
      '/ip dhcp-server option sets',
      '/ip dhcp-server',
      '/ip dhcp-server matcher',
      '/ip dhcp-server network',
      '/ip dhcp-server lease',
    ]);
    expect(symbols[1]!.children?.map((c) => c.name)).toEqual([
      'add tftp-server',
      'add boot-bios',
      'add boot-uefi',
      'add root-path',
      'add hostname-node1',
    ]);
    const messy = at('pxe-protocol-rsc/messy.rsc');
    await client.open(messy, 'routeros', '/ip  pool\n   add name=p\n');
    const edits = await client.connection.sendRequest(DocumentFormattingRequest.type, {
      textDocument: { uri: messy },
      options: { tabSize: 4, insertSpaces: true },
    });
    expect(edits?.[0]?.newText).toBe('/ip pool\nadd name=p\n');
  });

  it('hovers an option value with the bytes the router sends', async () => {
    const hover = await client.connection.sendRequest(HoverRequest.type, {
      textDocument: { uri },
      position: positionOf(`value="'192.168.255.2'"`, 8),
    });
    expect(JSON.stringify(hover?.contents)).toContain('0xc0a8ff02');
  });

  it('goes from an option set reference to its add, finds references and renames them all', async () => {
    const position = positionOf('dhcp-option-set=node1', 18);
    const definition = (await client.connection.sendRequest(DefinitionRequest.type, {
      textDocument: { uri },
      position,
    })) as Location[];
    expect(definition[0]?.range.start.line).toBe(text.split('\n').findIndex((l) => l.startsWith('add name=node1')));
    const refs = (await client.connection.sendRequest(ReferencesRequest.type, {
      textDocument: { uri },
      position: positionOf('options=tftp-server', 10),
      context: { includeDeclaration: true },
    })) as Location[];
    expect(refs).toHaveLength(4);
    const edit = await client.connection.sendRequest(RenameRequest.type, {
      textDocument: { uri },
      position: positionOf('name=tftp-server', 6),
      newName: 'tftp-nas',
    });
    expect(edit?.changes?.[uri]).toHaveLength(4);
  });
});
