import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CompletionRequest,
  DefinitionRequest,
  DocumentSymbolRequest,
  FoldingRangeRequest,
  HoverRequest,
  type CompletionItem,
  type CompletionList,
  type DocumentSymbol,
  type Location,
} from 'vscode-languageserver-protocol/node';
import { LspClient } from '../helpers/lspClient';

const items = (r: CompletionItem[] | CompletionList | null): CompletionItem[] =>
  Array.isArray(r) ? r : (r?.items ?? []);
const file = resolve('examples/home-lab/tftp/pxelinux.cfg/default');
const uri = pathToFileURL(file).href;

describe('PXELINUX over the protocol (the home-lab config on disk)', () => {
  let client: LspClient;
  beforeAll(async () => {
    client = new LspClient();
    await client.initialize(resolve('examples/home-lab'));
    await client.open(uri, 'pxelinux', readFileSync(file, 'utf8'));
    expect(await client.diagnosticsFor(uri)).toEqual([]);
  });
  afterAll(() => client.dispose());

  const completeAt = async (text: string, line: number, character: number): Promise<CompletionItem[]> => {
    await client.change(uri, Math.floor(Math.random() * 1e6) + 10, text);
    return items(
      await client.connection.sendRequest(CompletionRequest.type, {
        textDocument: { uri },
        position: { line, character },
      }),
    );
  };

  it('outlines the LABELs with their menu text and folds each block', async () => {
    const symbols = (await client.connection.sendRequest(DocumentSymbolRequest.type, {
      textDocument: { uri },
    })) as DocumentSymbol[];
    expect(symbols.map((s) => [s.name, s.detail])).toEqual([
      ['fcos', 'Fedora CoreOS (live, configured by Ignition)'],
      ['ipxe', 'iPXE: chain to fedora-coreos.ipxe'],
      ['local', 'Boot from the local disk'],
    ]);
    const folds = await client.connection.sendRequest(FoldingRangeRequest.type, { textDocument: { uri } });
    expect(folds?.map((f) => f.startLine)).toEqual([9, 16, 21]);
  });

  it('goes from DEFAULT to its LABEL', async () => {
    const locations = (await client.connection.sendRequest(DefinitionRequest.type, {
      textDocument: { uri },
      position: { line: 6, character: 9 },
    })) as Location[];
    expect(locations[0]?.range.start).toEqual({ line: 9, character: 6 });
  });

  it('completes files from the TFTP root, IPAPPEND values and FCOS arguments, and hovers IPAPPEND bits', async () => {
    const files = await completeAt('LABEL x\n  KERNEL fedora-coreos/', 1, 23);
    expect(files.map((i) => i.label)).toEqual(
      expect.arrayContaining(['config.ign', 'fedora-coreos-live-kernel-x86_64']),
    );
    const root = await completeAt('UI ', 0, 3);
    expect(root.map((i) => i.label)).toEqual(expect.arrayContaining(['menu.c32', 'fedora-coreos/', 'lpxelinux.0']));
    expect(root.map((i) => i.label)).not.toContain('pxelinux.cfg/');
    const ipappend = await completeAt('LABEL x\n  IPAPPEND ', 1, 11);
    expect(ipappend.map((i) => i.label)).toEqual(['1', '2', '3']);
    const kargs = await completeAt('LABEL x\n  APPEND ign', 1, 12);
    expect(kargs.map((i) => i.label)).toContain('ignition.firstboot');
    const keywords = await completeAt('LABEL x\n  ', 1, 2);
    expect(keywords.map((i) => i.label)).toContain('KERNEL');
    expect(keywords.map((i) => i.label)).not.toContain('TIMEOUT');
    await client.change(uri, 9_999_999, 'LABEL x\n  IPAPPEND 3\n');
    const hover = await client.connection.sendRequest(HoverRequest.type, {
      textDocument: { uri },
      position: { line: 1, character: 12 },
    });
    expect(JSON.stringify(hover?.contents)).toMatch(/ip=.*BOOTIF=/);
  });
});
