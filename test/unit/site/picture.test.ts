import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { chainPage, clientSvg, type Where } from '../../../lib/chain/render';
import { buildChain, readDisk } from '../../../lib/chain';
import { chainData, type ChainData } from '../../../lib/chain/serialize';
import { diskFiles } from '../../../lib/site/disk';
import { readSite } from '../../../lib/site/view';

function data(siteFile: string): ChainData<Where> {
  const chain = buildChain({ site: readSite(resolve(siteFile))!, files: diskFiles(), read: readDisk });
  return chainData<Where>(
    chain,
    (p) => ({
      uri: pathToFileURL(p.file).href,
      range: { start: { line: p.start, character: 0 }, end: { line: p.end, character: 0 } },
    }),
    (p) => pathToFileURL(p).href,
  );
}

describe('the boot chain picture', () => {
  it('draws one box per hop and one edge per link, each box linked to its file', () => {
    const chain = data('examples/home-lab/pxe-site.json');
    const client = chain.clients[0]!;
    const count = (h: { children: unknown[] }): number =>
      1 + (h.children as { children: unknown[] }[]).map(count).reduce((a, b) => a + b, 0);
    const svg = clientSvg(client);
    expect(svg.match(/<g class="node /g)).toHaveLength(count(client.root));
    expect(svg.match(/<path class="edge /g)).toHaveLength(count(client.root) - 1);
    expect(svg).not.toMatch(/class="node (missing|warning)/);
    expect(svg).toContain(
      `&#34;uri&#34;:&#34;${pathToFileURL(resolve('examples/home-lab/tftp/lpxelinux.0')).href}&#34;`,
    );
    expect(svg).toContain('>lpxelinux.0</text>');
  });

  it('opens on the first broken machine, shows why, and escapes what it prints', () => {
    const page = chainPage([data('examples/broken/chain/pxe-site.json')], {
      nonce: 'abc',
      cspSource: 'vscode-resource:',
    });
    expect(page).toMatch(
      /<option value="[^"]*#uefi" selected>broken-chain · UEFI · Any UEFI machine — broken<\/option>/,
    );
    expect(page).toContain('class="node missing link"');
    expect(page).toContain('a BIOS loader: UEFI firmwar…');
    expect(page).toContain("script-src 'nonce-abc'");
    const chosen = chainPage([data('examples/broken/chain/pxe-site.json')], {
      nonce: 'abc',
      cspSource: 'x',
      selected: `${pathToFileURL(resolve('examples/broken/chain/pxe-site.json')).href}#bios/52:54:00:00:00:03`,
    });
    expect(chosen).toContain('<h2>BIOS · ignition-typo');
    expect(chainPage([], { nonce: 'n', cspSource: 'x' })).toContain('PXE: Create Site File');
  });
});
