import type { ErrorObject } from 'ajv';
import { resolve } from 'node:path';
import type { Node } from 'jsonc-parser';
import { inSubnet } from '../core/ipv4';
import type { Problem } from '../core/problem';
import { report, ruleOver } from '../core/rule';
import type { RuleContext } from '../core/ruleContext';
import type { JsonDocument } from '../json/parse';
import { placeErrors } from '../json/schemaErrors';

import { siteValidator as validator } from './load';

/** Declares a site rule (its id stays a literal type). */
export const siteRule = ruleOver<JsonDocument>();

function describe(error: ErrorObject): { message: string; key?: string } {
  const where = error.instancePath ? `\`${error.instancePath.slice(1).replace(/\//g, '.')}\`` : 'The site file';
  switch (error.keyword) {
    case 'required':
      return { message: `${where} needs \`${String(error.params.missingProperty)}\`.` };
    case 'additionalProperty':
    case 'additionalProperties': {
      const key = String(error.params.additionalProperty);
      return {
        key,
        message: `Unknown property \`${key}\` in ${where === 'The site file' ? 'the site file' : where}: remove it or check the spelling.`,
      };
    }
    case 'pattern':
    case 'format':
      return {
        message: `${where} is not in the expected form (${String((schemaDescription(error) ?? error.message) || '')}).`,
      };
    case 'enum':
      return {
        message: `${where} must be one of ${(error.params.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ')}.`,
      };
    case 'const':
      return { message: `${where} must be ${JSON.stringify(error.params.allowedValue)}.` };
    default:
      return { message: `${where} ${error.message ?? 'is invalid'}.` };
  }
}

function schemaDescription(error: ErrorObject): string | undefined {
  const s = error.parentSchema as { description?: string } | undefined;
  return s?.description;
}

export function nodeRange(node: Node): { start: number; end: number } {
  return { start: node.offset, end: node.offset + node.length };
}

export const schemaRule = siteRule({
  id: 'site.schema',
  language: 'site',
  severity: 'error',
  summary: 'pxe-site.json does not match its schema (a missing, misspelled or malformed setting).',
  example: '{ "version": 1, "name": "lab", "network": { "subnet": "192.168.255.0/24" }, "tftp": { "root": "tftp" } }',
  fix: 'Follow the message; the editor completes every property of the site file.',
  levelWhy:
    'a value of the wrong type stops every command (the loader refuses it), and one of the ' +
    'wrong form fails where it is used: nothing deploys or boots as written.',
  check(doc) {
    if (!doc.root) return [];
    const problems: Problem[] = [];
    for (const placed of placeErrors(doc.root, validator())) {
      // A secret is reported by its own rule with a clearer message.
      if (placed.key && SECRET_KEY.test(placed.key)) continue;
      problems.push(report(this, { start: placed.start, end: placed.end }, describe(placed.error).message));
    }
    return problems;
  },
});

export const SECRET_KEY = /pass(word|phrase)|secret|token|private.?key$|^key$/i;

export const secretRule = siteRule({
  id: 'site.secret',
  language: 'site',
  severity: 'error',
  summary: 'A password, passphrase, token or private key in pxe-site.json, a file meant to be shared and committed.',
  example:
    '"targets": { "nas": { "kind": "synology", "host": "192.168.255.2", "user": "admin", "password": "hunter2" } }',
  fix: 'Remove it: PXE Workbench asks for secrets when it needs them and keeps them in secret storage (CLI: environment variable).',
  levelWhy: 'a secret in a file meant to be committed leaks the moment it is shared; the harm is certain once pushed.',
  check(doc) {
    const problems: Problem[] = [];
    const visit = (node: Node | undefined): void => {
      if (!node) return;
      if (node.type === 'property') {
        const [keyNode, value] = node.children ?? [];
        if (keyNode && SECRET_KEY.test(String(keyNode.value))) {
          problems.push(
            report(
              this,
              nodeRange(keyNode),
              `\`${String(keyNode.value)}\` looks like a secret: never store it in pxe-site.json. Remove ` +
                `it; PXE Workbench asks once and keeps it in the editor's secret storage (CLI: PXE_WORKBENCH_PASSWORD).`,
              { fixes: [{ title: `Remove \`${String(keyNode.value)}\``, edits: [removalEdit(node)] }] },
            ),
          );
        }
        visit(value);
        return;
      }
      node.children?.forEach(visit);
    };
    visit(doc.root);
    return problems;
  },
});

/** An edit removing a property together with one neighbouring comma. */
function removalEdit(property: Node): { start: number; end: number; newText: string } {
  const siblings = property.parent?.children ?? [];
  const index = siblings.indexOf(property);
  const next = siblings[index + 1];
  const previous = siblings[index - 1];
  if (next) return { start: property.offset, end: next.offset, newText: '' };
  if (previous)
    return { start: previous.offset + previous.length, end: property.offset + property.length, newText: '' };
  return { start: property.offset, end: property.offset + property.length, newText: '' };
}

/** The object node of `root.<key>` (jsonc-parser tree). */
export function member(node: Node | undefined, key: string): Node | undefined {
  return node?.children?.find((p) => p.type === 'property' && p.children?.[0]?.value === key)?.children?.[1];
}

/** A finding of site.nodes before it is given the rule's id: the node it marks and what to say. */
interface Spot {
  node: Node;
  message: string;
}

const KEY_WORDS = { name: 'name', mac: 'MAC address', ip: 'IP address' } as const;

/** The node's name, MAC or IP when an earlier node (in `seen`, by value) has it too. */
function duplicates(item: Node, seen: Map<string, string>): Spot[] {
  const spots: Spot[] = [];
  const label = nodeLabel(item);
  for (const key of ['name', 'mac', 'ip'] as const) {
    const value = member(item, key);
    if (typeof value?.value !== 'string' || !value.value) continue;
    const id = `${key}\0${key === 'mac' ? value.value.toLowerCase() : value.value}`;
    const first = seen.get(id);
    if (first === undefined) seen.set(id, label);
    else
      spots.push({
        node: value,
        message: `${label}: ${key} ${value.value} is also ${first}'s: every node needs its own ${KEY_WORDS[key]}.`,
      });
  }
  return spots;
}

function nodeLabel(item: Node): string {
  const name = member(item, 'name');
  return typeof name?.value === 'string' ? name.value : 'this node';
}

/** An IP outside network.subnet, or a profile that is not defined. */
function misplaced(item: Node, subnet: unknown, profileNames: Set<string>): Spot[] {
  const spots: Spot[] = [];
  const label = nodeLabel(item);
  const ip = member(item, 'ip');
  const address = ip?.value;
  if (ip && typeof address === 'string' && typeof subnet === 'string' && /^\d+\.\d+\.\d+\.\d+$/.test(address)) {
    if (!inSubnet(address, subnet))
      spots.push({
        node: ip,
        message: `${label}: ${address} is outside network.subnet ${subnet}: the DHCP server cannot hand it out there.`,
      });
  }
  const profile = member(item, 'profile');
  if (profile && typeof profile.value === 'string' && !profileNames.has(profile.value)) {
    const known = [...profileNames];
    const list = known.length ? ` (profiles: ${known.join(', ')})` : '';
    spots.push({
      node: profile,
      message: `${label}: there is no profile "${profile.value}"${list}: define it under "profiles" or correct the name.`,
    });
  }
  return spots;
}

/** Template files a profile names must exist (relative to the site file). */
function missingTemplates(profiles: Node | undefined, context: RuleContext): Spot[] {
  const root = context.site?.root;
  const files = context.files;
  if (!root || !files) return [];
  const spots: Spot[] = [];
  for (const p of profiles?.children ?? []) {
    for (const kind of ['ipxe', 'pxelinux', 'ignition']) {
      const file = member(p.children?.[1], kind);
      if (!file || typeof file.value !== 'string' || files.exists(resolve(root, file.value))) continue;
      const profile = String(p.children?.[0]?.value);
      spots.push({
        node: file,
        message: `Profile ${profile}: the ${kind} template ${file.value} does not exist (relative to the site file).`,
      });
    }
  }
  return spots;
}

export const nodesRule = siteRule({
  id: 'site.nodes',
  language: 'site',
  severity: 'error',
  summary:
    'A node of the fleet table that cannot work: its name, MAC or IP is used twice, its IP is outside the subnet, ' +
    'or its profile (or a profile template) does not exist.',
  example: '"nodes": [{ "name": "cp1", "mac": "52:54:00:00:01:01", "ip": "10.9.9.9", "profile": "controll" }]',
  fix:
    'Give every node its own name, MAC and IP in network.subnet, ' +
    'and a profile defined under "profiles" whose template files exist.',
  levelWhy:
    'duplicate MACs or IPs give two machines one lease, and a missing profile or template makes generation fail.',
  check(doc, _text, context) {
    const nodes = member(doc.root, 'nodes');
    if (nodes?.type !== 'array') return [];
    const profiles = member(doc.root, 'profiles');
    const profileNames = new Set((profiles?.children ?? []).map((p) => String(p.children?.[0]?.value)));
    const subnet = member(member(doc.root, 'network'), 'subnet')?.value as unknown;
    const seen = new Map<string, string>();
    const spots: Spot[] = [];
    for (const item of nodes.children ?? []) {
      if (item.type === 'object') spots.push(...duplicates(item, seen), ...misplaced(item, subnet, profileNames));
    }
    spots.push(...missingTemplates(profiles, context));
    return spots.map(({ node, message }) => report(this, nodeRange(node), message));
  },
});
