/** A site in memory for boot-chain tests: files by path (relative to /site), symlinks as `{ link }`. */
import { dirname, join, posix } from 'node:path';
import type { FileView } from '../../lib/core/ruleContext';
import { buildChain, type Chain, type ChainInputs, type Hop } from '../../lib/chain';
import { siteView } from '../../lib/site/view';

export const ROOT = '/site';
export type Entry = string | { link: string };

export const BASE_SITE = {
  version: 1,
  name: 'mem',
  network: { subnet: '192.168.255.0/24', router: '192.168.255.1', nas: '192.168.255.2' },
  tftp: { root: 'tftp', server: '192.168.255.2' },
  http: { baseUrl: 'http://192.168.255.2/tftp/', root: 'tftp' },
  router: { config: 'router.rsc' },
};

export const LOADERS: Record<string, Entry> = {
  'tftp/lpxelinux.0': 'x',
  'tftp/ldlinux.c32': 'x',
  'tftp/syslinux.efi': 'x',
  'tftp/ldlinux.e64': 'x',
  'tftp/undionly.kpxe': 'x',
  'tftp/ipxe.efi': 'x',
};

export function memoryInputs(
  files: Record<string, Entry>,
  site: object = BASE_SITE,
  machine?: ChainInputs['machine'],
): ChainInputs {
  const all = new Map(Object.entries(files).map(([k, v]) => [join(ROOT, k), v]));
  const dirs = new Map<string, Set<string>>();
  for (const path of all.keys()) {
    for (let p = path; p !== ROOT && p !== '/'; p = dirname(p)) {
      const set = dirs.get(dirname(p)) ?? new Set<string>();
      set.add(posix.basename(p));
      dirs.set(dirname(p), set);
    }
  }
  const view: FileView = {
    exists: (p) => all.has(p) || dirs.has(p),
    list: (d) => (dirs.has(d) ? [...(dirs.get(d) as Set<string>)] : undefined),
    link: (p) => {
      const e = all.get(p);
      return typeof e === 'object' ? e.link : undefined;
    },
    head: (p, bytes) => {
      const e = all.get(p);
      return typeof e === 'string' ? Buffer.from(e, 'latin1').subarray(0, bytes) : undefined;
    },
  };
  const parsedSite = siteView(join(ROOT, 'pxe-site.json'), site);
  if (!parsedSite) throw new Error('bad site');
  return {
    site: parsedSite,
    files: view,
    read: (p) => {
      const e = all.get(p);
      return typeof e === 'string' ? e : undefined;
    },
    ...(machine ? { machine } : {}),
  };
}

export function memoryChain(
  files: Record<string, Entry>,
  site: object = BASE_SITE,
  machine?: ChainInputs['machine'],
): Chain {
  return buildChain(memoryInputs(files, site, machine));
}

/** Problems of a file as `rule: text at the range` (the text the finding points at). */
export function problemsIn(chain: Chain, file: string, text: string): string[] {
  return (chain.problems.get(join(ROOT, file)) ?? []).map((p) => `${p.ruleId}: ${text.slice(p.start, p.end)}`);
}

/** Hops depth-first, as `kind label status`. */
export function hopList(hop: Hop, out: string[] = [], depth = 0): string[] {
  out.push(`${'  '.repeat(depth)}${hop.kind} ${hop.label} ${hop.status}`);
  hop.children.forEach((c) => hopList(c, out, depth + 1));
  return out;
}

/** The first hop (depth-first) whose status is not ok. */
export function firstBad(hop: Hop): Hop | undefined {
  if (hop.status !== 'ok' && hop.status !== 'unknown') return hop;
  for (const c of hop.children) {
    const bad = firstBad(c);
    if (bad) return bad;
  }
  return undefined;
}
