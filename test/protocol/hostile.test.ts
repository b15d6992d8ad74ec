import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HoverRequest } from 'vscode-languageserver-protocol/node';
import { LspClient } from '../helpers/lspClient';

/** The server on a site whose router config is a FIFO and whose loader is /dev/zero: it answers, never hangs. */
describe('language server on a hostile site', () => {
  let client: LspClient;
  let dir: string;
  const uriOf = (rel: string): string => pathToFileURL(join(dir, rel)).href;

  beforeAll(async () => {
    dir = join(mkdtempSync(join(tmpdir(), 'pxe-hostile-lsp-')), 'site');
    cpSync('examples/home-lab', dir, { recursive: true });
    const site = JSON.parse(readFileSync(join(dir, 'pxe-site.json'), 'utf8')) as { router: { config: string } };
    rmSync(join(dir, site.router.config));
    execFileSync('mkfifo', [join(dir, site.router.config)]);
    rmSync(join(dir, 'tftp/pxelinux.cfg/default'));
    symlinkSync('/dev/zero', join(dir, 'tftp/pxelinux.cfg/default'));
    client = new LspClient();
    await client.initialize(dir);
  });
  afterAll(async () => {
    await client.dispose();
    rmSync(dir, { recursive: true, force: true });
  });

  it('publishes for an open script, reports the unread files on the site file, and keeps answering', async () => {
    const script = uriOf('tftp/fedora-coreos.ipxe');
    await client.open(script, 'ipxe', readFileSync(join(dir, 'tftp/fedora-coreos.ipxe'), 'utf8'));
    await client.diagnosticsFor(script);
    const site = await client.diagnosticsFor(
      uriOf('pxe-site.json'),
      (p) => p.diagnostics.some((d) => d.code === 'internal.notChecked'),
      20_000,
    );
    const messages = site.filter((d) => d.code === 'internal.notChecked').map((d) => d.message);
    expect(messages.join('\n')).toContain('named pipe');
    const hover = await client.connection.sendRequest(HoverRequest.type, {
      textDocument: { uri: script },
      position: { line: 1, character: 1 },
    });
    expect(hover).not.toBeUndefined();
  });
});
