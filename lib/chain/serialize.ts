/** A chain as plain data for the editor's views and the CLI's JSON (places turned into the caller's form). */
import type { Chain, Client, Hop, HopKind, HopStatus, Place } from './model';
import { isBroken, worst } from './model';

/** One character per status, as the CLI and the picture show it. */
export const STATUS_SYMBOL: Record<HopStatus, string> = {
  ok: '✓',
  missing: '✗',
  warning: '!',
  info: 'i',
  unknown: '?',
};

export interface HopData<L> {
  kind: HopKind;
  label: string;
  detail?: string;
  via?: 'tftp' | 'http';
  url?: string;
  status: HopStatus;
  message?: string;
  /** Where it is named. */
  at?: L;
  /** The file it resolves to, when it exists. */
  target?: string;
  children: HopData<L>[];
}

export interface ClientData<L> {
  id: string;
  firmware: Client['firmware'];
  name: string;
  mac?: string;
  ip?: string;
  hostname?: string;
  status: HopStatus;
  broken: boolean;
  root: HopData<L>;
}

export interface ChainData<L> {
  site: { file: string; name?: string; root: string };
  notes: string[];
  clients: ClientData<L>[];
}

export function chainData<L>(
  chain: Chain,
  place: (p: Place) => L,
  file: (path: string) => string = (p) => p,
): ChainData<L> {
  const hop = (h: Hop): HopData<L> => ({
    kind: h.kind,
    label: h.label,
    ...(h.detail ? { detail: h.detail } : {}),
    ...(h.via ? { via: h.via } : {}),
    ...(h.url ? { url: h.url } : {}),
    status: h.status,
    ...(h.message ? { message: h.message } : {}),
    ...(h.at ? { at: place(h.at) } : {}),
    ...(h.path && h.status !== 'missing' && h.status !== 'info' ? { target: file(h.source ?? h.path) } : {}),
    children: h.children.map(hop),
  });
  return {
    site: {
      file: file(chain.site.file),
      ...(chain.site.name ? { name: chain.site.name } : {}),
      root: file(chain.site.root),
    },
    notes: chain.notes,
    clients: chain.clients.map((c) => ({
      id: c.id,
      firmware: c.firmware,
      name: c.name,
      ...(c.mac ? { mac: c.mac } : {}),
      ...(c.ip ? { ip: c.ip } : {}),
      ...(c.hostname ? { hostname: c.hostname } : {}),
      status: worst(c.root),
      broken: isBroken(c.root),
      root: hop(c.root),
    })),
  };
}

/** What the chain knows about the place at `offset` of `file`: each distinct hop named there (by any machine). */
export function hopsAt(chain: { clients: Client[] }, file: string, offset: number): Hop[] {
  const found = new Map<string, Hop>();
  const visit = (hop: Hop): void => {
    if (hop.at && hop.at.file === file && hop.at.start <= offset && offset <= hop.at.end) {
      const key = `${hop.kind}\u0000${hop.url ?? hop.label}\u0000${hop.status}\u0000${hop.message ?? ''}`;
      if (!found.has(key)) found.set(key, hop);
    }
    hop.children.forEach(visit);
  };
  chain.clients.forEach((c) => visit(c.root));
  return [...found.values()];
}
