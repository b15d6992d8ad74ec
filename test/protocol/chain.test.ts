import { cpSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  DidChangeWatchedFilesNotification,
  DocumentLinkRequest,
  FileChangeType,
  HoverRequest,
  type Diagnostic,
  type MarkupContent,
} from 'vscode-languageserver-protocol/node';
import { LspClient } from '../helpers/lspClient';

/** The boot chain over the protocol: a copy of examples/home-lab, changed on disk as a user would. */
describe('boot chain over stdio', () => {
  let client: LspClient;
  let dir: string;
  const uriOf = (rel: string): string => pathToFileURL(join(dir, rel)).href;
  const codes = (ds: Diagnostic[]): string[] => ds.map((d) => String(d.code));

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'pxe-chain-'));
    cpSync('examples/home-lab', dir, { recursive: true });
    // config.ign as it is, not translated from config.bu: renaming it below breaks the chain.
    const siteFile = join(dir, 'pxe-site.json');
    writeFileSync(
      siteFile,
      JSON.stringify({ ...JSON.parse(readFileSync(siteFile, 'utf8')), butane: undefined }, null, 2),
    );
    client = new LspClient();
    await client.initialize(dir, undefined, { didChangeWatchedFiles: { dynamicRegistration: true } });
  });
  afterAll(async () => {
    await client.dispose();
    rmSync(dir, { recursive: true, force: true });
  });

  it('asks the client to watch every workspace file', async () => {
    await client.diagnosticsFor(uriOf('tftp/fedora-coreos.ipxe'), () => true, 200).catch(() => undefined);
    for (let i = 0; i < 50 && !client.registrations.has('workspace/didChangeWatchedFiles'); i++)
      await new Promise((r) => setTimeout(r, 20));
    expect(client.registrations.get('workspace/didChangeWatchedFiles')).toEqual({
      watchers: [{ globPattern: '**/*' }],
    });
  });

  it('a renamed file updates diagnostics in the other files, open or not, after one debounce', async () => {
    const script = uriOf('tftp/fedora-coreos.ipxe');
    const config = uriOf('tftp/pxelinux.cfg/default');
    await client.open(script, 'ipxe', readFileSync(join(dir, 'tftp/fedora-coreos.ipxe'), 'utf8'));
    expect(await client.diagnosticsFor(script)).toEqual([]);

    renameSync(join(dir, 'tftp/fedora-coreos/config.ign'), join(dir, 'tftp/fedora-coreos/config.ign.old'));
    const started = Date.now();
    await client.connection.sendNotification(DidChangeWatchedFilesNotification.type, {
      changes: [
        { uri: uriOf('tftp/fedora-coreos/config.ign'), type: FileChangeType.Deleted },
        { uri: uriOf('tftp/fedora-coreos/config.ign.old'), type: FileChangeType.Created },
      ],
    });
    const open = await client.diagnosticsFor(script, (p) => p.diagnostics.length > 0);
    console.log(`rename → diagnostics in the open script after ${Date.now() - started} ms (debounce 150 ms)`);
    expect(codes(open)).toEqual(['chain.ignitionUnreachable']);
    expect(open[0]!.message).toContain(join(dir, 'tftp/fedora-coreos/config.ign'));
    // Related information points at the other end: where the chain reaches this script.
    expect(open[0]!.relatedInformation?.[0]?.location.uri).toBe(config);
    expect(open[0]!.relatedInformation?.[0]?.location.range.start.line).toBe(19);

    // The PXELINUX config is not open: the server publishes for it too.
    const closed = await client.diagnosticsFor(config, (p) => p.diagnostics.length > 0);
    expect(codes(closed)).toEqual(['chain.ignitionUnreachable']);
    expect(closed[0]!.range.start.line).toBe(13);

    renameSync(join(dir, 'tftp/fedora-coreos/config.ign.old'), join(dir, 'tftp/fedora-coreos/config.ign'));
    await client.connection.sendNotification(DidChangeWatchedFilesNotification.type, {
      changes: [
        { uri: uriOf('tftp/fedora-coreos/config.ign.old'), type: FileChangeType.Deleted },
        { uri: uriOf('tftp/fedora-coreos/config.ign'), type: FileChangeType.Created },
      ],
    });
    expect(await client.diagnosticsFor(script, (p) => p.diagnostics.length === 0)).toEqual([]);
    expect(await client.diagnosticsFor(config, (p) => p.diagnostics.length === 0)).toEqual([]);
  });

  it('an edit in one open file re-checks the chain files that are not open', async () => {
    const rsc = uriOf('router/pxe-dhcp.rsc');
    const config = uriOf('tftp/pxelinux.cfg/default');
    const text = readFileSync(join(dir, 'router/pxe-dhcp.rsc'), 'utf8');
    await client.open(rsc, 'routeros', text);
    // The router now names another TFTP server: syslinux.efi would ask it for the HTTP URLs (#907805).
    const moved = text
      .replace('value="\'192.168.255.2\'"', 'value="\'192.168.255.1\'"')
      .replace('next-server=192.168.255.2', 'next-server=192.168.255.1');
    await client.change(rsc, 2, moved);
    expect(codes(await client.diagnosticsFor(rsc, (p) => p.version === 2))).toEqual([]);
    const closed = await client.diagnosticsFor(config, (p) => p.diagnostics.length > 0);
    expect(codes(closed)).toEqual(['chain.efiHttpHost', 'chain.efiHttpHost']);
    expect(closed[0]!.relatedInformation?.[0]?.location.uri).toBe(rsc);
    await client.change(rsc, 3, text);
    expect(await client.diagnosticsFor(rsc, (p) => p.version === 3)).toEqual([]);
    expect(await client.diagnosticsFor(config, (p) => p.diagnostics.length === 0)).toEqual([]);
  });

  it('links every path and URL to the workspace file, and serves the chain to the views', async () => {
    const config = uriOf('tftp/pxelinux.cfg/default');
    await client.open(config, 'pxelinux', readFileSync(join(dir, 'tftp/pxelinux.cfg/default'), 'utf8'));
    const links =
      (await client.connection.sendRequest(DocumentLinkRequest.type, { textDocument: { uri: config } })) ?? [];
    const targets = links.map((l) => `${l.range.start.line}:${l.target?.slice(pathToFileURL(dir).href.length + 1)}`);
    expect(targets).toEqual(
      expect.arrayContaining([
        '3:tftp/menu.c32',
        '11:tftp/fedora-coreos/fedora-coreos-live-kernel-x86_64',
        '12:tftp/fedora-coreos/fedora-coreos-live-initramfs.x86_64.img',
        '13:tftp/fedora-coreos/config.ign',
        '18:tftp/ipxe.lkrn',
        '19:tftp/fedora-coreos.ipxe',
      ]),
    );
    const chains = await client.connection.sendRequest<
      {
        site: { name: string };
        clients: { id: string; broken: boolean; root: { children: { label: string; at: { uri: string } }[] } }[];
      }[]
    >('pxe/chain', { uri: config });
    expect(chains[0]!.site.name).toBe('home-lab');
    expect(chains[0]!.clients.map((c) => `${c.id} ${c.broken}`)).toEqual([
      'bios false',
      'uefi false',
      'uefi/52:54:00:12:34:56 false',
    ]);
    expect(chains[0]!.clients[0]!.root.children[0]!).toMatchObject({
      label: 'lpxelinux.0',
      at: { uri: uriOf('router/pxe-dhcp.rsc') },
    });
    expect(client.notifications).toContain('pxe/chainChanged');
  });

  it('hover on a path or URL says where the chain resolves it and whether it is there', async () => {
    const config = uriOf('tftp/pxelinux.cfg/default');
    const text = readFileSync(join(dir, 'tftp/pxelinux.cfg/default'), 'utf8');
    await client.open(config, 'pxelinux', text);
    const lines = text.split('\n');
    const line = lines.findIndex((l) => l.includes('KERNEL http'));
    const hover = await client.connection.sendRequest(HoverRequest.type, {
      textDocument: { uri: config },
      position: { line, character: lines[line]!.indexOf('http') + 10 },
    });
    const value = (hover?.contents as MarkupContent).value;
    expect(value).toContain('**kernel** over HTTP → `tftp/fedora-coreos/fedora-coreos-live-kernel-x86_64` — ✓ found');
    expect(value).toContain('Boot chain of home-lab');
  });

  it('finds a site created after start-up (its closed files get their findings)', async () => {
    const second = join(dir, 'second');
    cpSync('examples/home-lab', second, { recursive: true, filter: (src) => !src.endsWith('pxe-site.json') });
    // Without the matcher, UEFI machines get the BIOS loader.
    const rsc = join(second, 'router/pxe-dhcp.rsc');
    writeFileSync(rsc, readFileSync(rsc, 'utf8').replace(/\/ip dhcp-server matcher\n[^\n]*\n/, ''));
    cpSync('examples/home-lab/pxe-site.json', join(second, 'pxe-site.json'));
    await client.connection.sendNotification(DidChangeWatchedFilesNotification.type, {
      changes: [{ uri: pathToFileURL(join(second, 'pxe-site.json')).href, type: FileChangeType.Created }],
    });
    const found = await client.diagnosticsFor(pathToFileURL(rsc).href, (p) => p.diagnostics.length > 0);
    expect(codes(found)).toEqual(['chain.firmwareMismatch']);
  });

  it('finds a site whose file is opened in the editor, from a client that does not watch files', async () => {
    const third = join(dir, 'third');
    cpSync('examples/home-lab', third, { recursive: true, filter: (src) => !src.endsWith('pxe-site.json') });
    const rsc = join(third, 'router/pxe-dhcp.rsc');
    const script = readFileSync(rsc, 'utf8').replace(/\/ip dhcp-server matcher\n[^\n]*\n/, '');
    writeFileSync(rsc, script);
    const rscUri = pathToFileURL(rsc).href;
    await client.open(rscUri, 'routeros', script);
    // No site yet: the router script has no chain findings (its folder's lookup found none).
    expect(codes(await client.diagnosticsFor(rscUri))).toEqual([]);
    const site = join(third, 'pxe-site.json');
    cpSync('examples/home-lab/pxe-site.json', site);
    await client.open(pathToFileURL(site).href, 'json', readFileSync(site, 'utf8'));
    await client.change(rscUri, 2, `${script}\n`);
    const found = await client.diagnosticsFor(rscUri, (p) => p.diagnostics.length > 0);
    expect(codes(found)).toEqual(['chain.firmwareMismatch']);
  });
});
