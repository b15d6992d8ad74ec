/** The boot chain for the editor: a request for the views, and document links on every path and URL. */
import { pathToFileURL } from 'node:url';
import type { DocumentLink, Location } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { servedPath } from '../../../lib/core';
import type { Hop } from '../../../lib/chain';
import { chainData, hopsAt, type ChainData } from '../../../lib/chain';
import type { HoverInfo } from '../../../lib/core';
import { relative } from 'node:path';
import { diskFiles } from '../../../lib/site';
import { pathOf } from './analysis';
import { toRange } from './convert';
import type { Workspace } from './workspace';

export const CHAIN_REQUEST = 'pxe/chain';
export const CHAIN_CHANGED = 'pxe/chainChanged';

/** Every site's chain (the site of `uri` first), places as LSP locations and targets as file URIs. */
export function chainRequest(workspace: Workspace, uri?: string): ChainData<Location>[] {
  const first = uri ? workspace.siteOf(uri)?.file : undefined;
  const sites = workspace.sites().sort((a, b) => Number(b.file === first) - Number(a.file === first));
  return sites.map((site) =>
    chainData<Location>(
      workspace.chains.chainOf(site),
      (p) => {
        const { uri: at, positions } = workspace.locate(p.file);
        return { uri: at, range: toRange(positions, p.start, p.end) };
      },
      (path) => pathToFileURL(path).href,
    ),
  );
}

/** Links from the chain's hops named in this document, plus any URL under the site's HTTP base URL. */
export function documentLinks(workspace: Workspace, doc: TextDocument): DocumentLink[] {
  const site = workspace.siteOf(doc.uri);
  if (!site) return [];
  const path = pathOf(doc.uri);
  const links = new Map<string, DocumentLink>();
  const add = (start: number, end: number, target: string, tooltip: string): void => {
    const key = `${start}:${end}`;
    if (!links.has(key))
      links.set(key, { range: toRange(doc, start, end), target: pathToFileURL(target).href, tooltip });
  };
  const visit = (hop: Hop): void => {
    if (hop.at?.file === path && hop.path && hop.status !== 'missing' && hop.status !== 'info')
      add(hop.at.start, hop.at.end, hop.path, `Open ${hop.label} (${hop.via ?? 'file'})`);
    hop.children.forEach(visit);
  };
  workspace.chains.chainOf(site).clients.forEach((c) => visit(c.root));
  const files = diskFiles();
  const text = doc.getText();
  for (const m of text.matchAll(/https?:\/\/[^\s"'`<>|;]+/g)) {
    const url = m[0].replace(/[),.]+$/, '');
    if (url.includes('${')) continue;
    const target = servedPath(site.http, url);
    if (target && files.exists(target))
      add(m.index ?? 0, (m.index ?? 0) + url.length, target, 'Open the file this URL serves');
  }
  return [...links.values()];
}

const STATUS: Record<string, [string, string]> = {
  ok: ['✓', 'found'],
  missing: ['✗', 'not there'],
  warning: ['!', 'warning'],
  info: ['ℹ', 'not downloaded yet'],
  unknown: ['?', 'known only at boot'],
};
const KIND: Record<string, string> = {
  dhcp: 'DHCP',
  loader: 'boot loader',
  module: 'module',
  config: 'PXELINUX config',
  label: 'label',
  script: 'iPXE script',
  kernel: 'kernel',
  initrd: 'initrd',
  rootfs: 'root filesystem',
  ignition: 'Ignition config',
  local: 'local disk',
};

/** Hover on a path or URL the chain follows: what it is, how it is fetched, where it resolves, its status. */
export function chainHover(workspace: Workspace, doc: TextDocument, offset: number): HoverInfo | undefined {
  const site = workspace.siteOf(doc.uri);
  if (!site) return undefined;
  const path = pathOf(doc.uri);
  const hops = hopsAt(workspace.chains.chainOf(site), path, offset).filter(
    (h) => h.kind !== 'dhcp' && h.kind !== 'label',
  );
  const first = hops[0];
  if (!first?.at) return undefined;
  const lines = hops.map((h) => {
    const where = h.path ? `\`${relative(site.root, h.path)}\`` : h.url ? `\`${h.url}\`` : '';
    const [symbol, word] = STATUS[h.status] ?? ['', h.status];
    const via = h.via ? `over ${h.via.toUpperCase()} ` : '';
    const status = h.status !== 'ok' && h.message ? h.message : word;
    return `**${KIND[h.kind] ?? h.kind}** ${via}→ ${where} — ${symbol} ${status}`;
  });
  return {
    markdown: `${lines.join('\n\n')}\n\n*Boot chain of ${site.name ?? 'the site'}: PXE: Show Boot Chain*`,
    start: first.at.start,
    end: first.at.end,
  };
}
