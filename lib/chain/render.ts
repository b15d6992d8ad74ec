/** The boot chain as a picture: one tidy tree per machine, drawn as SVG (plain TS, no VS Code types). */
import { STATUS_SYMBOL, type ChainData, type ClientData, type HopData } from './serialize';

export interface Where {
  uri: string;
  range: { start: { line: number; character: number }; end: { line: number; character: number } };
}

const NODE_W = 208;
const NODE_H = 36;
const COL = 236;
const ROW = 44;

const escape = (s: string): string => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
const clip = (s: string, n: number): string => (s.length > n ? `${s.slice(0, n - 1)}…` : s);

interface Placed {
  hop: HopData<Where>;
  x: number;
  y: number;
  id: number;
  parent?: Placed;
}

/** Leaves get consecutive rows; a parent sits at the middle of its children. */
function layout(root: HopData<Where>): Placed[] {
  const placed: Placed[] = [];
  let row = 0;
  const visit = (hop: HopData<Where>, depth: number, parent?: Placed): Placed => {
    const node: Placed = { hop, x: depth * COL, y: 0, id: placed.length, ...(parent ? { parent } : {}) };
    placed.push(node);
    const children = hop.children.map((c) => visit(c, depth + 1, node));
    node.y = children.length ? ((children[0] as Placed).y + (children.at(-1) as Placed).y) / 2 : row++ * ROW;
    return node;
  };
  visit(root, 0);
  return placed;
}

/** Where a click on a node goes: the file it resolves to, else where it is named. */
export function nodeTarget(hop: HopData<Where>): { uri: string; line?: number; character?: number } | undefined {
  if (hop.target) return { uri: hop.target };
  if (hop.at) return { uri: hop.at.uri, line: hop.at.range.start.line, character: hop.at.range.start.character };
  return undefined;
}

export function clientSvg(client: ClientData<Where>): string {
  const nodes = layout(client.root);
  const width = Math.max(...nodes.map((n) => n.x)) + NODE_W + 8;
  const height = Math.max(...nodes.map((n) => n.y)) + NODE_H + 8;
  const edges = nodes
    .filter((n) => n.parent)
    .map((n) => {
      const p = n.parent as Placed;
      const x1 = p.x + NODE_W;
      const y1 = p.y + NODE_H / 2;
      const x2 = n.x;
      const y2 = n.y + NODE_H / 2;
      const mid = (x1 + x2) / 2;
      return `<path class="edge ${n.hop.status}" d="M${x1},${y1} C${mid},${y1} ${mid},${y2} ${x2},${y2}"/>`;
    });
  const boxes = nodes.map((n) => {
    const { hop } = n;
    const target = nodeTarget(hop);
    const sub = [hop.kind, hop.via?.toUpperCase()].filter(Boolean).join(' · ');
    const title = [hop.label, hop.detail, hop.message].filter(Boolean).join('\n');
    const link = target ? ` data-target="${escape(JSON.stringify(target))}" tabindex="0" role="link"` : '';
    return [
      `<g class="node ${hop.status}${target ? ' link' : ''}" transform="translate(${n.x},${n.y})" data-node="${n.id}"${link}>`,
      `<title>${escape(title)}</title>`,
      `<rect width="${NODE_W}" height="${NODE_H}" rx="6"/>`,
      `<text class="symbol" x="10" y="24">${STATUS_SYMBOL[hop.status]}</text>`,
      `<text class="label" x="28" y="16">${escape(clip(hop.label, 24))}</text>`,
      `<text class="sub" x="28" y="30">${escape(clip(hop.status === 'ok' || !hop.message ? sub : hop.message, 28))}</text>`,
      '</g>',
    ].join('');
  });
  // Shrinks to the panel's width (never grows past its own size), so the last hop stays in view.
  const size = `viewBox="0 0 ${width} ${height}" preserveAspectRatio="xMinYMin meet" data-width="${width}"`;
  const style = `style="width: min(100%, ${width}px); height: auto"`;
  return `<svg xmlns="http://www.w3.org/2000/svg" ${size} ${style}>${edges.join('')}${boxes.join('')}</svg>`;
}

const verdict = (c: ClientData<Where>): string =>
  c.broken
    ? 'broken'
    : c.status === 'ok'
      ? 'boots'
      : c.status === 'info'
        ? 'boots once the images are downloaded'
        : 'boots, with warnings';

/** The page's style sheet: VS Code's theme colours for each hop status. */
const PAGE_STYLE = `body { font-family: var(--vscode-font-family); color: var(--vscode-foreground); padding: 8px 16px; }
select { background: var(--vscode-dropdown-background); color: var(--vscode-dropdown-foreground);
  border: 1px solid var(--vscode-dropdown-border); padding: 3px; max-width: 100%; }
h2 { font-size: 1.1em; font-weight: 600; } .verdict { font-weight: normal; margin-left: 8px; } .note { opacity: .8; }
.picture { overflow: auto; } svg { font-family: var(--vscode-editor-font-family); font-size: 12px; }
.node rect { fill: var(--vscode-editorWidget-background); stroke-width: 1.5; }
.node text { fill: var(--vscode-foreground); } .node .sub { opacity: .75; font-size: 10.5px; } .node .symbol { font-weight: bold; }
.node.link { cursor: pointer; } .node.link:hover rect, .node.link:focus rect { stroke-width: 3; }
.ok rect { stroke: var(--vscode-testing-iconPassed, #3fb950); }
.ok .symbol, .verdict.ok { fill: var(--vscode-testing-iconPassed, #3fb950); color: var(--vscode-testing-iconPassed, #3fb950); }
.missing rect { stroke: var(--vscode-errorForeground, #f14c4c); }
.missing .symbol, .verdict.missing { fill: var(--vscode-errorForeground, #f14c4c); color: var(--vscode-errorForeground, #f14c4c); }
.warning rect { stroke: var(--vscode-editorWarning-foreground, #cca700); }
.warning .symbol, .verdict.warning {
  fill: var(--vscode-editorWarning-foreground, #cca700); color: var(--vscode-editorWarning-foreground, #cca700); }
.info rect { stroke: var(--vscode-editorInfo-foreground, #3794ff); }
.info .symbol, .verdict.info { fill: var(--vscode-editorInfo-foreground, #3794ff); color: var(--vscode-editorInfo-foreground, #3794ff); }
.unknown rect { stroke: var(--vscode-disabledForeground, #888); stroke-dasharray: 4 3; }
.edge { fill: none; stroke: var(--vscode-editorLineNumber-foreground, #888); stroke-width: 1.2; }
.edge.missing { stroke: var(--vscode-errorForeground, #f14c4c); }
`;

/** The whole webview page: a machine picker and the picture of the chosen machine's chain. */
export function chainPage(
  chains: ChainData<Where>[],
  options: { nonce: string; cspSource: string; selected?: string },
): string {
  const clients = chains.flatMap((chain) =>
    chain.clients.map((c) => ({ chain, client: c, key: `${chain.site.file}#${c.id}` })),
  );
  const selected =
    clients.find((c) => c.key === options.selected) ?? clients.find((c) => c.client.broken) ?? clients[0];
  const picker = clients
    .map(
      (c) =>
        `<option value="${escape(c.key)}"${c === selected ? ' selected' : ''}>` +
        `${escape(`${c.chain.site.name ?? 'site'} · ${c.client.firmware.toUpperCase()} · ${c.client.name} — ${verdict(c.client)}`)}` +
        '</option>',
    )
    .join('');
  const notes = (selected?.chain.notes ?? []).map((n) => `<p class="note">${escape(n)}</p>`).join('');
  const body = selected
    ? `<h2>${escape(`${selected.client.firmware.toUpperCase()} · ${selected.client.name}`)} ` +
      `<span class="verdict ${selected.client.broken ? 'missing' : selected.client.status}">` +
      `${escape(verdict(selected.client))}</span></h2>` +
      `${notes}<div class="picture">${clientSvg(selected.client)}</div>`
    : '<p class="empty">No site file (pxe-site.json) in this workspace: create one with PXE: Create Site File.</p>';
  const csp = `default-src 'none'; style-src ${options.cspSource} 'nonce-${options.nonce}'; script-src 'nonce-${options.nonce}';`;
  return `<!DOCTYPE html><html lang="en"><head><meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1.0"><title>Boot Chain</title>
<style nonce="${options.nonce}">
${PAGE_STYLE}</style></head><body>
<label>Machine <select id="machine">${picker}</select></label>
${body}
<script nonce="${options.nonce}">
const vscode = acquireVsCodeApi();
document.getElementById('machine')?.addEventListener('change', (e) => vscode.postMessage({ type: 'select', key: e.target.value }));
for (const node of document.querySelectorAll('[data-target]')) {
  const open = () => vscode.postMessage({ type: 'open', target: JSON.parse(node.getAttribute('data-target')) });
  node.addEventListener('click', open);
  node.addEventListener('keydown', (e) => { if (e.key === 'Enter') open(); });
}
</script></body></html>`;
}
