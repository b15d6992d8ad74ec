import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CodeActionRequest,
  CompletionRequest,
  DidChangeConfigurationNotification,
  DidCloseTextDocumentNotification,
  DiagnosticSeverity,
  HoverRequest,
  type CompletionItem,
  type CompletionList,
} from 'vscode-languageserver-protocol/node';
import { LspClient } from '../helpers/lspClient';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

// Every document lives in this suite's own folder: the server looks for a site file above it, never in /tmp itself.
const TMP = mkdtempSync(join(tmpdir(), 'pxe-protocol-'));
const at = (rel: string): string => pathToFileURL(join(TMP, rel)).href;

const root = resolve('examples');
const uriOf = (rel: string): string => pathToFileURL(resolve(root, rel)).href;
const read = (rel: string): string => readFileSync(resolve(root, rel), 'utf8');
const items = (r: CompletionItem[] | CompletionList | null): CompletionItem[] =>
  Array.isArray(r) ? r : (r?.items ?? []);

describe('language server over stdio', () => {
  let client: LspClient;
  beforeAll(async () => {
    client = new LspClient();
    await client.initialize(root);
  });
  afterAll(() => client.dispose());

  it('publishes diagnostics with code, codeDescription, source and a 0-based range', async () => {
    const uri = uriOf('broken/unknown-command.ipxe');
    await client.open(uri, 'ipxe', read('broken/unknown-command.ipxe'));
    const diagnostics = await client.diagnosticsFor(uri);
    expect(diagnostics).toHaveLength(1);
    const [d] = diagnostics;
    expect(d).toMatchObject({
      code: 'ipxe.unknownCommand',
      source: 'pxe-workbench',
      severity: DiagnosticSeverity.Error,
      range: { start: { line: 4, character: 0 }, end: { line: 4, character: 6 } },
    });
    expect(d!.codeDescription?.href).toMatch(/docs\/rules\.md#ipxeunknowncommand$/);
  });

  it('checks every language, detects Ignition in .json files, and finds nothing on the clean example', async () => {
    const cases: [string, string, string[]][] = [
      ['broken/pxelinux.cfg/default', 'pxelinux', ['pxelinux.missingLabel']],
      ['broken/unterminated-string.rsc', 'routeros', ['routeros.unterminatedString']],
      ['broken/legacy-spec.ign', 'ignition', ['ignition.unsupportedVersion']],
      ['home-lab/tftp/fedora-coreos.ipxe', 'ipxe', []],
      ['home-lab/tftp/pxelinux.cfg/default', 'pxelinux', []],
      ['home-lab/router/pxe-dhcp.rsc', 'routeros', []],
      ['home-lab/tftp/fedora-coreos/config.ign', 'ignition', []],
    ];
    for (const [file, language, codes] of cases) {
      await client.open(uriOf(file), language, read(file));
      expect(
        (await client.diagnosticsFor(uriOf(file))).map((d) => d.code),
        file,
      ).toEqual(codes);
    }
    const json = at('pxe-protocol/config.json');
    await client.open(json, 'json', '{ "ignition": { "version": "2.3.0" } }');
    expect((await client.diagnosticsFor(json)).map((d) => d.code)).toEqual(['ignition.unsupportedVersion']);
    const other = at('pxe-protocol/tsconfig.json');
    await client.open(other, 'json', '{ "compilerOptions": {}, }');
    expect(await client.diagnosticsFor(other)).toEqual([]);
  });

  it('re-checks after an edit (debounced) and reports on the newest version', async () => {
    const uri = at('pxe-protocol/edit.ipxe');
    await client.open(uri, 'ipxe', '#!ipxe\ndhcp\n');
    expect(await client.diagnosticsFor(uri)).toEqual([]);
    await client.change(uri, 2, '#!ipxe\ndhc\n');
    await client.change(uri, 3, '#!ipxe\ndhcpp\n');
    const diagnostics = await client.diagnosticsFor(uri, (p) => p.version === 3);
    expect(diagnostics.map((d) => d.message)).toEqual(['Unknown command `dhcpp`: did you mean `dhcp`?']);
  });

  it('clears diagnostics when a document closes', async () => {
    const uri = at('pxe-protocol/close.ipxe');
    await client.open(uri, 'ipxe', 'dhcp\n');
    expect(await client.diagnosticsFor(uri)).toHaveLength(1);
    await client.connection.sendNotification(DidCloseTextDocumentNotification.type, { textDocument: { uri } });
    expect(await client.diagnosticsFor(uri, (p) => p.diagnostics.length === 0)).toEqual([]);
  });

  it('completes iPXE commands with their synopsis, and PXELINUX labels after DEFAULT', async () => {
    const uri = at('pxe-protocol/complete.ipxe');
    await client.open(uri, 'ipxe', '#!ipxe\nker\n');
    await client.diagnosticsFor(uri);
    const list = items(
      await client.connection.sendRequest(CompletionRequest.type, {
        textDocument: { uri },
        position: { line: 1, character: 3 },
      }),
    );
    const kernel = list.find((i) => i.label === 'kernel');
    expect(kernel?.detail).toContain('kernel [--name n]');
    const cfg = at('pxe-protocol/pxelinux.cfg/default');
    await client.open(cfg, 'pxelinux', 'DEFAULT \nLABEL fcos\nLABEL local\n');
    const labels = items(
      await client.connection.sendRequest(CompletionRequest.type, {
        textDocument: { uri: cfg },
        position: { line: 0, character: 8 },
      }),
    );
    expect(labels.map((i) => i.label)).toEqual(['fcos', 'local']);
  });

  it('shows hover docs for iPXE commands and options and for PXELINUX keywords', async () => {
    const uri = at('pxe-protocol/hover.ipxe');
    await client.open(uri, 'ipxe', '#!ipxe\ninitrd --name main http://nas/initrd.img\n');
    const hover = await client.connection.sendRequest(HoverRequest.type, {
      textDocument: { uri },
      position: { line: 1, character: 2 },
    });
    expect(hover?.contents).toMatchObject({ kind: 'markdown', value: expect.stringContaining('**initrd**') });
    expect(hover?.range).toEqual({ start: { line: 1, character: 0 }, end: { line: 1, character: 6 } });
    const option = await client.connection.sendRequest(HoverRequest.type, {
      textDocument: { uri },
      position: { line: 1, character: 9 },
    });
    expect(JSON.stringify(option?.contents)).toContain('--name <name>');
    const cfg = at('pxe-protocol/hover/pxelinux.cfg/default');
    await client.open(cfg, 'pxelinux', 'TIMEOUT 50\nMENU TITLE x\n');
    const timeout = await client.connection.sendRequest(HoverRequest.type, {
      textDocument: { uri: cfg },
      position: { line: 0, character: 1 },
    });
    expect(JSON.stringify(timeout?.contents)).toContain('tenths of a second');
    const none = await client.connection.sendRequest(HoverRequest.type, {
      textDocument: { uri: cfg },
      position: { line: 0, character: 9 },
    });
    expect(none).toBeNull();
  });

  it('offers the quick fix as a code action with a workspace edit', async () => {
    const uri = at('pxe-protocol/fix.ipxe');
    await client.open(uri, 'ipxe', 'dhcp\n');
    const [diagnostic] = await client.diagnosticsFor(uri);
    const actions = await client.connection.sendRequest(CodeActionRequest.type, {
      textDocument: { uri },
      range: diagnostic!.range,
      context: { diagnostics: [diagnostic!] },
    });
    const action = actions?.find((a) => a.title.includes('#!ipxe'));
    expect(action).toMatchObject({ kind: 'quickfix', isPreferred: true });
    expect(action && 'edit' in action ? action.edit?.changes?.[uri] : undefined).toEqual([
      { range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, newText: '#!ipxe\n' },
    ]);
  });

  it('applies rule levels pushed by a client without workspace/configuration', async () => {
    const uri = at('pxe-protocol/levels.ipxe');
    await client.open(uri, 'ipxe', 'dhcp\n');
    expect((await client.diagnosticsFor(uri))[0]?.severity).toBe(DiagnosticSeverity.Error);
    await client.connection.sendNotification(DidChangeConfigurationNotification.type, {
      settings: { pxeWorkbench: { rules: { ipxe: { missingHeader: 'hint' } } } },
    });
    expect(
      (await client.diagnosticsFor(uri, (p) => p.diagnostics[0]?.severity === DiagnosticSeverity.Hint))[0]?.code,
    ).toBe('ipxe.missingHeader');
    await client.connection.sendNotification(DidChangeConfigurationNotification.type, {
      settings: { pxeWorkbench: { rules: { 'ipxe.missingHeader': 'off' } } },
    });
    expect(await client.diagnosticsFor(uri, (p) => p.diagnostics.length === 0)).toEqual([]);
  });

  it('leaves pxe-site.json schema checks to a client that validates it, but still refuses secrets', async () => {
    const other = new LspClient();
    try {
      await other.initialize(root, { clientValidatesSiteSchema: true });
      const uri = uriOf('broken/site-typo/pxe-site.json');
      await other.open(uri, 'json', read('broken/site-typo/pxe-site.json'));
      expect(await other.diagnosticsFor(uri)).toEqual([]);
      const secret = uriOf('broken/site-with-password/pxe-site.json');
      await other.open(secret, 'json', read('broken/site-with-password/pxe-site.json'));
      expect((await other.diagnosticsFor(secret)).map((d) => d.code)).toEqual(['site.secret']);
    } finally {
      await other.dispose();
    }
  });
});
