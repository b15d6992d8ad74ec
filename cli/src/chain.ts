/** `pxe-workbench chain`: the boot chain of a site, hop by hop, as text or JSON. */
import { relative, resolve } from 'node:path';
import { existsSync } from 'node:fs';
import { InputError } from '../../lib/engine';
import { positionsOf } from '../../lib/core';
import { buildChain, loadSecureBoot, readDisk, type Chain, type Firmware } from '../../lib/chain';
import { chainData, STATUS_SYMBOL, type ClientData, type HopData } from '../../lib/chain';
import { diskFiles, loadSiteView, siteOf } from '../../lib/site';

export interface ChainOptions {
  site?: string;
  mac?: string;
  firmware?: Firmware;
  format: 'text' | 'json';
}

const MAC = /^([0-9a-f]{2}[:-]){5}[0-9a-f]{2}$/i;

interface Where {
  file: string;
  line: number;
  character: number;
}

/** Loads the site and follows its chain; throws InputError with what to do when it cannot. */
export function siteChain(options: Pick<ChainOptions, 'site' | 'mac' | 'firmware'>, cwd = process.cwd()): Chain {
  const files = diskFiles();
  const siteFile = options.site ? resolve(cwd, options.site) : siteOf(cwd, files);
  if (!siteFile)
    throw new InputError(
      `no pxe-site.json in ${cwd} or a folder above it: pass --site FILE, or create one (PXE: Create Site File in the editor).`,
    );
  if (!existsSync(siteFile)) throw new InputError(`--site ${options.site}: no such file. Check the path.`);
  const site = loadSiteView(siteFile);
  if (options.mac && !MAC.test(options.mac))
    throw new InputError(`--mac ${options.mac}: not a MAC address; write it like 52:54:00:12:34:56.`);
  return buildChain({
    site,
    files,
    read: readDisk,
    ...(options.mac
      ? { machine: { mac: options.mac, ...(options.firmware ? { firmware: options.firmware } : {}) } }
      : {}),
  });
}

function selected(chain: Chain, options: ChainOptions, cwd: string): ClientData<Where>[] {
  const texts = new Map<string, ReturnType<typeof positionsOf>>();
  const where = (p: { file: string; start: number }): Where => {
    let positions = texts.get(p.file);
    if (!positions) {
      positions = positionsOf(chain.texts.get(p.file) ?? readDisk(p.file) ?? '');
      texts.set(p.file, positions);
    }
    const at = positions.positionAt(p.start);
    return { file: relative(cwd, p.file) || p.file, line: at.line + 1, character: at.character + 1 };
  };
  return chainData<Where>(chain, where, (path) => relative(cwd, path) || path).clients.filter(
    (c) => !options.firmware || c.firmware === options.firmware,
  );
}

function hopLines(hop: HopData<Where>, depth: number, out: string[]): void {
  const at = hop.at ? `  (${hop.at.file}:${hop.at.line})` : '';
  const detail = hop.detail && hop.detail !== hop.label ? `  ${hop.detail}` : '';
  const why = hop.message && hop.status !== 'ok' ? ` — ${hop.message}` : '';
  out.push(`${'  '.repeat(depth)}${STATUS_SYMBOL[hop.status]} ${hop.label}${detail}${why}${at}`);
  for (const child of hop.children) hopLines(child, depth + 1, out);
}

/** How far a kind of machine boots, in a word or a few. */
function verdict(client: ClientData<Where>): string {
  if (client.broken) return 'BROKEN';
  if (client.status === 'ok') return 'boots';
  if (client.status === 'info') return 'boots (images not downloaded yet)';
  return `boots (with ${client.status === 'unknown' ? 'hops known only at boot time' : 'warnings'})`;
}

export function formatChain(chain: Chain, clients: ClientData<Where>[], cwd: string): string {
  const out = [`${chain.site.name ?? 'site'} — ${relative(cwd, chain.site.file) || chain.site.file}`];
  for (const note of chain.notes) out.push(`note: ${note}`);
  for (const client of clients) {
    const who = [client.mac, client.ip].filter(Boolean).join(' ');
    out.push(
      '',
      `${client.firmware.toUpperCase()} · ${client.name}${who && !client.name.includes(who) ? ` (${who})` : ''} — ${verdict(client)}`,
    );
    hopLines(client.root, 1, out);
  }
  return out.join('\n');
}

/** Prints the chain; returns 1 when a machine would stop at a hop, 0 otherwise. */
export async function chainCommand(options: ChainOptions, cwd = process.cwd()): Promise<number> {
  // The signature reader loads on first use; a one-shot command waits for it.
  await loadSecureBoot();
  const chain = siteChain(options, cwd);
  const clients = selected(chain, options, cwd);
  if (options.format === 'json')
    process.stdout.write(
      `${JSON.stringify({ site: relative(cwd, chain.site.file), notes: chain.notes, clients }, null, 2)}\n`,
    );
  else process.stdout.write(`${formatChain(chain, clients, cwd)}\n`);
  const broken = clients.filter((c) => c.broken).length;
  process.stderr.write(`${clients.length} kind(s) of machine: ${clients.length - broken} boot, ${broken} broken.\n`);
  return broken ? 1 : 0;
}
