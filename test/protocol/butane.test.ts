import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
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

// Every document lives in this suite's own folder: the server looks for a site file above it, never in /tmp itself.
const TMP = mkdtempSync(join(tmpdir(), 'pxe-protocol-'));
const DIR = join(TMP, 'pxe-protocol-bu');
const at = (name: string): string => pathToFileURL(join(DIR, name)).href;

interface Result {
  json?: string;
  errors: string[];
  warnings: string[];
  ignitionVersion?: string;
}

const CONFIG = `variant: fcos
version: 1.5.0
storage:
  files:
    - path: /etc/hostname
      mode: 0644
      contents:
        local: hostname.txt
`;

describe('Butane over the protocol: pxe/butaneTranslation', () => {
  let client: LspClient;
  const uri = at('config.bu');
  const translation = (target: string): Promise<Result | null> =>
    client.connection.sendRequest<Result | null>('pxe/butaneTranslation', { uri: target });

  beforeAll(async () => {
    mkdirSync(DIR, { recursive: true });
    writeFileSync(join(DIR, 'hostname.txt'), 'node1\n');
    client = new LspClient();
    await client.initialize(TMP);
    await client.open(uri, 'butane', CONFIG);
  });
  afterAll(() => client.dispose());

  it('answers the Ignition of an open config, local files read from its folder', async () => {
    const result = await translation(uri);
    expect(result?.errors).toEqual([]);
    expect(result?.ignitionVersion).toBe('3.4.0');
    const ignition = JSON.parse(result?.json ?? '{}') as { storage: { files: { mode: number; contents: unknown }[] } };
    expect(ignition.storage.files[0]?.mode).toBe(420);
    expect(JSON.stringify(ignition.storage.files[0]?.contents)).toContain('node1');
  });

  it('follows the edits: the next request translates the changed text', async () => {
    await client.change(uri, 2, CONFIG.replace('hostname.txt', 'missing.txt'));
    const broken = await translation(uri);
    expect(broken?.json).toBeUndefined();
    expect(broken?.errors.join('\n')).toMatch(/^error at \$\.storage\.files\.0\.contents\.local, line 8 col \d+: /);
    await client.change(uri, 3, CONFIG.replace('1.5.0', '1.6.0'));
    expect((await translation(uri))?.ignitionVersion).toBe('3.5.0');
  });

  it('gzips big inline contents as Butane does (zlib, loaded by the server on first use)', async () => {
    const big = at('big.bu');
    const text =
      'variant: fcos\nversion: 1.5.0\nstorage:\n  files:\n    - path: /etc/big\n      contents:\n' +
      `        inline: ${'x'.repeat(4096)}\n`;
    await client.open(big, 'butane', text);
    const result = await translation(big);
    expect(result?.errors).toEqual([]);
    const ignition = JSON.parse(result?.json ?? '{}') as { storage: { files: { contents: unknown }[] } };
    expect(ignition.storage.files[0]?.contents).toMatchObject({ compression: 'gzip' });
  });

  it('answers null for a document that is not open', async () => {
    expect(await translation(at('other.bu'))).toBeNull();
  });
});

describe('Butane editor features over the protocol', () => {
  let client: LspClient;
  const uri = at('features.bu');
  const TEXT = 'variant: fcos\nversion: 1.4.0\nstorage:\n  files:\n    - path: /etc/motd\n      mode: 644\n      \n';
  const position = (offset: number): { line: number; character: number } => {
    const before = TEXT.slice(0, offset).split('\n');
    return { line: before.length - 1, character: (before.at(-1) as string).length };
  };
  beforeAll(async () => {
    client = new LspClient();
    await client.initialize(TMP);
    await client.open(uri, 'butane', TEXT);
  });
  afterAll(() => client.dispose());

  it('completes keys, hovers docs with the Ignition they become, outlines files, offers the octal fix', async () => {
    const completion = await client.connection.sendRequest(CompletionRequest.type, {
      textDocument: { uri },
      position: position(TEXT.length - 1),
    });
    const items = (
      Array.isArray(completion) ? completion : ((completion as CompletionList | null)?.items ?? [])
    ) as CompletionItem[];
    expect(items.map((i) => i.label)).toEqual(expect.arrayContaining(['contents', 'overwrite']));
    const hover = await client.connection.sendRequest(HoverRequest.type, {
      textDocument: { uri },
      position: position(TEXT.indexOf('mode') + 1),
    });
    expect(JSON.stringify(hover?.contents)).toContain('Becomes: `storage.files[].mode` (Ignition 3.3.0)');
    const symbols = (await client.connection.sendRequest(DocumentSymbolRequest.type, {
      textDocument: { uri },
    })) as DocumentSymbol[];
    expect(JSON.stringify(symbols)).toContain('/etc/motd');
    const offset = TEXT.indexOf('644');
    const actions = await client.connection.sendRequest(CodeActionRequest.type, {
      textDocument: { uri },
      range: { start: position(offset), end: position(offset) },
      context: { diagnostics: [] },
    });
    const titles = (actions ?? []).map((a) => a.title);
    expect(titles).toContain('Write the mode as octal: 0644 (rw-r--r--)');
  });
});
