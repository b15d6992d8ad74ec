/**
 * The fleet: `profiles` (templates for the iPXE script, the PXELINUX config and the Ignition config) and
 * `nodes` (name, MAC, IP, firmware, profile, extra kernel arguments and Ignition snippets) of the site
 * file, as template variables and the files generation writes for each node.
 */
import { join, resolve } from 'node:path';
import schema from '../../schemas/pxe-site.schema.json';
import { TEMPLATE_KINDS, type Fleet, type NodeVars, type Profile, type TemplateKind } from '../core/template';
import { escapeControl } from '../core/untrusted';
import type { Site, SiteNode } from './model';

export { TEMPLATE_KINDS, type Fleet, type Profile, type TemplateKind };

/** `52:54:00:AB:CD:EF` → `52-54-00-ab-cd-ef` (PXELINUX's and iPXE's `${net0/mac:hexhyp}` spelling). */
export const macHyphen = (mac: string): string => mac.toLowerCase().replace(/:/g, '-');

/** Where a fleet's files go, and what its templates may say about the site. */
interface FleetPaths {
  tftpRoot?: string;
  http?: { baseUrl: string; root: string };
  nas?: string;
  router?: string;
}

function profilesOf(root: string, profiles: Site['profiles']): Map<string, Profile> {
  const out = new Map<string, Profile>();
  for (const [name, p] of Object.entries(profiles ?? {})) {
    const templates: Profile['templates'] = {};
    for (const kind of TEMPLATE_KINDS) {
      const path = p[kind];
      if (path) templates[kind] = resolve(root, path);
    }
    out.set(name, { name, templates, kernelArgs: p.kernelArgs || '' });
  }
  return out;
}

/** The files generation writes for a node of a profile with these templates. */
function outputsOf(fleet: Fleet, profile: Profile | undefined, paths: FleetPaths, name: string, hyphen: string) {
  const outputs: NodeVars['outputs'] = {
    ...(profile?.templates.ipxe ? { ipxe: join(fleet.nodesDir, `${hyphen}.ipxe`) } : {}),
    ...(profile?.templates.pxelinux && paths.tftpRoot
      ? { pxelinux: join(paths.tftpRoot, 'pxelinux.cfg', `01-${hyphen}`) }
      : {}),
    ...(profile?.templates.ignition ? { ignition: join(fleet.nodesDir, `${name}.ign`) } : {}),
  };
  return outputs;
}

/** A node of the table as template variables and outputs; undefined without a name, MAC or profile. */
function nodeOf(fleet: Fleet, n: SiteNode, paths: FleetPaths): NodeVars | undefined {
  const name = n.name || undefined;
  const mac = n.mac?.toLowerCase();
  const profileName = n.profile || undefined;
  if (!name || !mac || !profileName) return undefined;
  const profile = fleet.profiles.get(profileName);
  const hyphen = macHyphen(mac);
  const kernelArgs = [profile?.kernelArgs, n.kernelArgs].filter(Boolean).join(' ');
  return {
    name,
    profile: profileName,
    vars: {
      'node.name': name,
      'node.mac': mac,
      'node.macHyphen': hyphen,
      'node.ip': n.ip || '',
      'node.firmware': n.firmware === 'uefi' ? 'uefi' : 'bios',
      'node.profile': profileName,
      'node.kernelArgs': kernelArgs,
      'node.ignitionUrl': fleet.nodesUrl ? `${fleet.nodesUrl}${encodeURIComponent(name)}.ign` : '',
      'site.baseUrl': paths.http?.baseUrl ?? '',
      'site.nas': paths.nas ?? '',
      'site.router': paths.router ?? '',
    },
    outputs: outputsOf(fleet, profile, paths, name, hyphen),
  };
}

/** The fleet of a site (`profiles` and `nodes`), or undefined when it has neither. */
export function fleetOf(root: string, site: Pick<Site, 'profiles' | 'nodes'>, paths: FleetPaths): Fleet | undefined {
  if (!site.profiles && !site.nodes) return undefined;
  const nodesDir = join(paths.http?.root ?? paths.tftpRoot ?? root, 'nodes');
  const nodesUrl = paths.http ? `${paths.http.baseUrl.replace(/\/?$/, '/')}nodes/` : undefined;
  const profiles = profilesOf(root, site.profiles);
  const fleet: Fleet = { profiles, nodes: [], templates: new Map(), nodesDir, ...(nodesUrl ? { nodesUrl } : {}) };
  for (const n of site.nodes ?? []) {
    const node = nodeOf(fleet, n, paths);
    if (!node) continue;
    fleet.nodes.push(node);
    for (const kind of TEMPLATE_KINDS) {
      const template = profiles.get(node.profile)?.templates[kind];
      if (!template) continue;
      const entry = fleet.templates.get(template) ?? { kind, nodes: [] };
      entry.nodes.push(node);
      fleet.templates.set(template, entry);
    }
  }
  return fleet;
}

/** Extra Ignition snippets of a node (absolute paths). */
export function nodeSnippets(root: string, site: Pick<Site, 'nodes'>, name: string): string[] {
  const node = (site.nodes ?? []).find((n) => n.name === name);
  return (node?.ignition ?? []).map((s) => resolve(root, s));
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
export function invalidNodes(site: Pick<Site, 'nodes'>): string[] {
  const problems: string[] = [];
  const quoted = (value: string): string => escapeControl(JSON.stringify(value));
  (site.nodes ?? []).forEach((n, i) => {
    const label = n.name !== undefined ? `node ${quoted(n.name)} (nodes[${i}])` : `nodes[${i}]`;
    if (n.name !== undefined && !NAME.test(n.name))
      problems.push(
        `${label}: the name is not a host name; ` +
          'use lower case letters, digits and hyphens (at most 63, no hyphen at either end)',
      );
    if (n.mac !== undefined && !MAC.test(n.mac))
      problems.push(`${label}: mac ${quoted(n.mac)} is not a MAC address like 52:54:00:12:34:56`);
    if (n.ip !== undefined && !IPV4.test(n.ip))
      problems.push(`${label}: ip ${quoted(n.ip)} is not an IPv4 address like 192.168.255.71`);
  });
  return problems;
}
