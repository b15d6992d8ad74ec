import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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

  it('answers null for a document that is not open', async () => {
    expect(await translation(at('other.bu'))).toBeNull();
  });
});
