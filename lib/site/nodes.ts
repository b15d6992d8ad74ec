/**
 * The fleet: `profiles` (templates for the iPXE script, the PXELINUX config and the Ignition config) and
 * `nodes` (name, MAC, IP, firmware, profile, extra kernel arguments and Ignition snippets) of the site
 * file, as template variables and the files generation writes for each node.
 */
import { join, resolve } from 'node:path';
import schema from '../../schemas/pxe-site.schema.json';
import type { NodeVars } from '../core/template';
import { escapeControl } from '../core/untrusted';

export type TemplateKind = 'ipxe' | 'pxelinux' | 'ignition';
export const TEMPLATE_KINDS: readonly TemplateKind[] = ['ipxe', 'pxelinux', 'ignition'];

export interface Profile {
  name: string;
  /** Absolute template paths. */
  templates: Partial<Record<TemplateKind, string>>;
  kernelArgs: string;
}

export interface Fleet {
  profiles: Map<string, Profile>;
  nodes: NodeVars[];
  /** Template path → the nodes rendered from it, and as what. */
  templates: Map<string, { kind: TemplateKind; nodes: NodeVars[] }>;
  /** Where generated node files go (the HTTP folder's `nodes/`, else the TFTP root's). */
  nodesDir: string;
  nodesUrl?: string;
}

interface RawProfile {
  ipxe?: unknown;
  pxelinux?: unknown;
  ignition?: unknown;
  kernelArgs?: unknown;
}

interface RawNode {
  name?: unknown;
  mac?: unknown;
  ip?: unknown;
  firmware?: unknown;
  profile?: unknown;
  kernelArgs?: unknown;
  ignition?: unknown;
}

const str = (v: unknown): string | undefined => (typeof v === 'string' && v ? v : undefined);

/** `52:54:00:AB:CD:EF` → `52-54-00-ab-cd-ef` (PXELINUX's and iPXE's `${net0/mac:hexhyp}` spelling). */
export const macHyphen = (mac: string): string => mac.toLowerCase().replace(/:/g, '-');

export function fleetOf(
  root: string,
  json: { profiles?: unknown; nodes?: unknown },
  paths: { tftpRoot?: string; http?: { baseUrl: string; root: string }; nas?: string; router?: string },
): Fleet | undefined {
  const rawProfiles =
    json.profiles && typeof json.profiles === 'object' ? (json.profiles as Record<string, RawProfile>) : undefined;
  const rawNodes = Array.isArray(json.nodes) ? (json.nodes as RawNode[]) : undefined;
  if (!rawProfiles && !rawNodes) return undefined;
  const profiles = new Map<string, Profile>();
  for (const [name, p] of Object.entries(rawProfiles ?? {})) {
    if (!p || typeof p !== 'object') continue;
    const templates: Profile['templates'] = {};
    for (const kind of TEMPLATE_KINDS) {
      const path = str(p[kind]);
      if (path) templates[kind] = resolve(root, path);
    }
    profiles.set(name, { name, templates, kernelArgs: str(p.kernelArgs) ?? '' });
  }
  const nodesDir = join(paths.http?.root ?? paths.tftpRoot ?? root, 'nodes');
  const nodesUrl = paths.http ? `${paths.http.baseUrl.replace(/\/?$/, '/')}nodes/` : undefined;
  const fleet: Fleet = { profiles, nodes: [], templates: new Map(), nodesDir, ...(nodesUrl ? { nodesUrl } : {}) };
  for (const n of rawNodes ?? []) {
    const name = str(n?.name);
    const mac = str(n?.mac)?.toLowerCase();
    const profileName = str(n?.profile);
    if (!name || !mac || !profileName) continue;
    const profile = profiles.get(profileName);
    const hyphen = macHyphen(mac);
    const firmware = n.firmware === 'uefi' ? 'uefi' : 'bios';
    const kernelArgs = [profile?.kernelArgs, str(n.kernelArgs)].filter(Boolean).join(' ');
    const ignitionUrl = nodesUrl ? `${nodesUrl}${encodeURIComponent(name)}.ign` : '';
    const outputs: NodeVars['outputs'] = {
      ...(profile?.templates.ipxe ? { ipxe: join(nodesDir, `${hyphen}.ipxe`) } : {}),
      ...(profile?.templates.pxelinux && paths.tftpRoot
        ? { pxelinux: join(paths.tftpRoot, 'pxelinux.cfg', `01-${hyphen}`) }
        : {}),
      ...(profile?.templates.ignition ? { ignition: join(nodesDir, `${name}.ign`) } : {}),
    };
    const node: NodeVars = {
      name,
      profile: profileName,
      vars: {
        'node.name': name,
        'node.mac': mac,
        'node.macHyphen': hyphen,
        'node.ip': str(n.ip) ?? '',
        'node.firmware': firmware,
        'node.profile': profileName,
        'node.kernelArgs': kernelArgs,
        'node.ignitionUrl': ignitionUrl,
        'site.baseUrl': paths.http?.baseUrl ?? '',
        'site.nas': paths.nas ?? '',
        'site.router': paths.router ?? '',
      },
      outputs,
    };
    fleet.nodes.push(node);
    for (const kind of TEMPLATE_KINDS) {
      const template = profile?.templates[kind];
      if (!template) continue;
      const entry = fleet.templates.get(template) ?? { kind, nodes: [] };
      entry.nodes.push(node);
      fleet.templates.set(template, entry);
    }
  }
  return fleet;
}

/** Extra Ignition snippets of a node (absolute paths), from the raw site JSON. */
export function nodeSnippets(root: string, json: { nodes?: unknown }, name: string): string[] {
  const node = (Array.isArray(json.nodes) ? (json.nodes as RawNode[]) : []).find((n) => n?.name === name);
  return Array.isArray(node?.ignition)
    ? (node.ignition as unknown[]).filter((s): s is string => typeof s === 'string').map((s) => resolve(root, s))
    : [];
}

// The schema's own patterns: a node name is a host name (so also a safe file name), a MAC is six pairs.
const NODE = schema.properties.nodes.items.properties;
const NAME = new RegExp(NODE.name.pattern);
const MAC = new RegExp(NODE.mac.pattern);
const IPV4 = new RegExp(schema.definitions.ipv4.pattern);

/**
 * Why nodes of the table cannot be generated, one sentence each naming the node: a name that is not a host
 * name (it becomes a file name and a RouterOS item name), a malformed MAC or IP. Empty when all are usable.
 */
export function invalidNodes(json: { nodes?: unknown }): string[] {
  const problems: string[] = [];
  const nodes = Array.isArray(json.nodes) ? (json.nodes as RawNode[]) : [];
  nodes.forEach((n, i) => {
    const name = n?.name;
    const label =
      typeof name === 'string' ? `node ${escapeControl(JSON.stringify(name))} (nodes[${i}])` : `nodes[${i}]`;
    if (typeof name === 'string' && !NAME.test(name))
      problems.push(
        `${label}: the name is not a host name; use lower case letters, digits and hyphens (at most 63, no hyphen at either end)`,
      );
    if (typeof n?.mac === 'string' && !MAC.test(n.mac))
      problems.push(
        `${label}: mac ${escapeControl(JSON.stringify(n.mac))} is not a MAC address like 52:54:00:12:34:56`,
      );
    if (typeof n?.ip === 'string' && !IPV4.test(n.ip))
      problems.push(`${label}: ip ${escapeControl(JSON.stringify(n.ip))} is not an IPv4 address like 192.168.255.71`);
  });
  return problems;
}
