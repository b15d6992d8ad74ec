/**
 * Hostile Ignition configs over the protocol (issue #19, items 5 and 7): a config nested 20,000 deep, open or
 * only referenced by the chain of an open script, once killed the server; a gzip bomb's hover inflated it all.
 */
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HoverRequest } from 'vscode-languageserver-protocol/node';
import { LspClient } from '../helpers/lspClient';

// The suite's own folder: the server looks for a site file above each document, never in /tmp itself.
const TMP = mkdtempSync(join(tmpdir(), 'pxe-protocol-limits-'));
const uriOf = (rel: string): string => pathToFileURL(join(TMP, rel)).href;
const PREFIX = '{"ignition":{"version":"3.4.0"},"x":';
const deep = (n: number): string => `${PREFIX}${'['.repeat(n)}${']'.repeat(n)}}`;
const MIB = 1024 * 1024;

describe('hostile Ignition configs over the protocol', () => {
  let client: LspClient;
  beforeAll(async () => {
    // A copy of the home lab whose config.ign, named by fedora-coreos.ipxe, nests 20,000 deep.
    cpSync('examples/home-lab', join(TMP, 'site'), { recursive: true });
    writeFileSync(join(TMP, 'site/tftp/fedora-coreos/config.ign'), deep(20_000));
    // config.ign as it is, not translated from config.bu: the chain reads the deep file.
    const siteFile = join(TMP, 'site/pxe-site.json');
    writeFileSync(
      siteFile,
      JSON.stringify({ ...JSON.parse(readFileSync(siteFile, 'utf8')), butane: undefined }, null, 2),
    );
    client = new LspClient();
    await client.initialize(TMP);
  });
  afterAll(() => client.dispose());

  const hover = async (uri: string, text: string, needle: string): Promise<string> => {
    const before = text.slice(0, text.indexOf(needle) + 1).split('\n');
    const result = await client.connection.sendRequest(HoverRequest.type, {
      textDocument: { uri },
      position: { line: before.length - 1, character: before.at(-1)!.length },
    });
    return JSON.stringify(result?.contents ?? '');
  };

  it.each([20_000, 100_000])('reports a config nested %i deep where it exceeds the cap', async (n) => {
    const uri = uriOf(`deep-${n}.ign`);
    await client.open(uri, 'ignition', deep(n));
    const diagnostics = await client.diagnosticsFor(uri);
    expect(diagnostics.map((d) => [d.code, d.range.start.character])).toEqual([
      ['ignition.jsonSyntax', PREFIX.length + 255],
    ]);
    expect(diagnostics[0]?.message).toMatch(/^JSON nested deeper than 256 levels/);
  });

  it('checks a script whose chain references the deep config, and says nothing went wrong', async () => {
    const uri = uriOf('site/tftp/fedora-coreos.ipxe');
    await client.open(uri, 'ipxe', readFileSync(join(TMP, 'site/tftp/fedora-coreos.ipxe'), 'utf8'));
    expect(await client.diagnosticsFor(uri)).toEqual([]);
    // A chain that failed to build would say so on the site file (internal.analysisFailed).
    const site = uriOf('site/pxe-site.json');
    await client.open(site, 'json', readFileSync(join(TMP, 'site/pxe-site.json'), 'utf8'));
    expect(await client.diagnosticsFor(site)).toEqual([]);
  });

  it('hovers a gzip bomb as too large to show', async () => {
    const member = gzipSync(Buffer.alloc(MIB), { level: 9 });
    const source = `data:;base64,${Buffer.concat(Array.from({ length: 80 }, () => member)).toString('base64')}`;
    const text =
      '{"ignition":{"version":"3.4.0"},"storage":{"files":[{"path":"/z","contents":' +
      `{"compression":"gzip","source":"${source}"}}]}}`;
    const uri = uriOf('bomb.ign');
    await client.open(uri, 'ignition', text);
    expect(await client.diagnosticsFor(uri)).toEqual([]);
    expect(await hover(uri, text, '"data:')).toContain(
      'data: URL too large to show: the gzip data inflates to more than 64 MiB',
    );
  });

  it('is still alive afterwards: a new document is checked and hovered', async () => {
    const text =
      '{ "ignition": { "version": "3.4.0" }, "storage": { "files": [{ "path": "etc/motd", "contents": { "source": "data:,hi" } }] } }';
    const uri = uriOf('after.ign');
    await client.open(uri, 'ignition', text);
    expect((await client.diagnosticsFor(uri)).map((d) => d.code)).toEqual(['ignition.pathNotAbsolute']);
    expect(await hover(uri, text, '"data:')).toContain('hi');
    expect(client.stderr.join('')).not.toMatch(/RangeError|Maximum call stack/);
  });
});
