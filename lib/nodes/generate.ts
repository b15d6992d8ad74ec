/**
 * PXE: Generate Node Files: per node, the files each loader looks for — `pxelinux.cfg/01-<mac>`,
 * `nodes/<mac>.ipxe` (chained by `nodes/boot.ipxe` with `${net0/mac:hexhyp}`), `nodes/<name>.ign` (the
 * profile's config with /etc/hostname and the node's snippets) — and the router script's static leases
 * with an option set and an option-12 host name each, in a marked block of router.config. Idempotent;
 * a file changed by hand since it was generated is never overwritten without saying so.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, relative, sep } from 'node:path';
import { createTwoFilesPatch } from 'diff';
import { render, type NodeVars, type Rendered } from '../core/template';
import { butaneFilesDir } from '../core/ruleContext';
import { reportLine, translateText } from '../deploy/butane';
import { butane, looksLikeButane } from '../languages/butane';
import { confine, escapeControl, readTextOrThrow, readTextOrUndefined, UntrustedInputError } from '../core/untrusted';
import { parseRouterOs } from '../languages/routeros/parser';
import { argValue, statementsOf } from '../languages/routeros/statements';
import { dhcpFacts, offerFor, type DhcpFacts } from '../chain/offer';
import { loaderOf } from '../chain/hops';
import { loadSite } from '../site/load';
import type { Site } from '../site/model';
import { invalidNodes, nodeSnippets, type Fleet } from '../site/nodes';
import { siteView } from '../site/view';
import type { SiteView } from '../core/ruleContext';
import { scriptString, scriptValue } from '../router/plan';

export class NodesError extends Error {
  override readonly name = 'NodesError';
}

export const BLOCK_START =
  '# >>> PXE Workbench nodes: generated from the node table in pxe-site.json (edit that, then PXE: Generate Node Files) >>>';
export const BLOCK_END = '# <<< PXE Workbench nodes <<<';
const MANIFEST = '.pxe-nodes.json';
const MANIFEST_NOTE = 'What PXE: Generate Node Files wrote (sha256 per file), to tell a hand edit from its own output.';

export type NodeAction = 'add' | 'change' | 'same' | 'handEdited';

export interface NodeFile {
  /** Absolute path. */
  path: string;
  text: string;
  action: NodeAction;
  /** Unified diff against what is there (change, handEdited). */
  diff?: string;
  /** The node it is for (none for the dispatcher and the router block). */
  node?: string;
}

export interface NodesPlan {
  site: SiteView;
  files: NodeFile[];
  /** Why some node file could not be made (the rest still can). */
  problems: string[];
}

const sha = (text: string): string => createHash('sha256').update(text).digest('hex');

function manifestOf(site: SiteView): Record<string, string> {
  const text = readTextOrUndefined(join(site.root, MANIFEST));
  try {
    const files = text === undefined ? undefined : (JSON.parse(text) as { files?: unknown }).files;
    return files && typeof files === 'object' ? (files as Record<string, string>) : {};
  } catch {
    return {}; // a broken manifest only means every changed file counts as edited by hand
  }
}

/** A file generation reads (template, router script, its own earlier output) as an untrusted file. */
function readText(path: string): string {
  try {
    return readTextOrThrow(path);
  } catch (error) {
    if (error instanceof UntrustedInputError) throw new NodesError(error.message);
    throw error;
  }
}

/**
 * The output path when, resolved for real (symlinks followed), it stays inside the site folder; refuses
 * anything that would leave it. The path is kept as written (it names the file in the plan and manifest).
 */
function confined(site: SiteView, path: string, node?: string): string {
  if (confine(site.root, path) === undefined)
    throw new NodesError(
      `${node ? `node ${escapeControl(node)}: ` : ''}${escapeControl(rel(site, path))} is ` +
        `outside the site folder ${escapeControl(site.root)} (through a symlink, or a folder set ` +
        'outside it): nothing was generated. Keep tftp.root, http.root and router.config inside ' +
        'the site folder.',
    );
  return path;
}

const rel = (site: SiteView, path: string): string => relative(site.root, path).split(sep).join('/');

function routerFacts(text: string, file: string): DhcpFacts {
  return dhcpFacts(file, parseRouterOs(text).ast);
}

/** The router script without the generated block (what the block is computed from). */
export function withoutBlock(text: string): { before: string; block?: string; after: string } {
  const start = text.indexOf(BLOCK_START);
  const end = text.indexOf(BLOCK_END);
  if (start < 0 || end < start) return { before: text, after: '' };
  return {
    before: text.slice(0, start),
    block: text.slice(start, end + BLOCK_END.length),
    after: text.slice(end + BLOCK_END.length).replace(/^\r?\n/, ''),
  };
}

/** The loader an option 67 must name for a node of this kind and firmware (for the message when none does). */
function loaderWanted(family: 'ipxe' | 'pxelinux', firmware: 'bios' | 'uefi'): string {
  const name =
    family === 'ipxe'
      ? firmware === 'uefi'
        ? 'ipxe.efi'
        : 'undionly.kpxe'
      : firmware === 'uefi'
        ? 'syslinux.efi'
        : 'lpxelinux.0';
  return `${family === 'ipxe' ? 'an iPXE' : 'a PXELINUX'} loader for ${firmware.toUpperCase()} (${name})`;
}

/** The generated RouterOS block: a hostname option, an option set and a static lease per node. */
function routerBlock(site: SiteView, nodes: readonly NodeVars[], base: string, problems: string[]): string | undefined {
  const facts = routerFacts(base, site.routerConfig ?? '');
  const named = statementsOf(parseRouterOs(base).ast)
    .find((s) => s.menu === '/ip dhcp-server' && s.command?.text === 'add')
    ?.args.find((a) => a.name === 'name');
  const server = named && argValue(named);
  const lines = [BLOCK_START];
  const options: string[] = [];
  const sets: string[] = [];
  const leases: string[] = [];
  const ipxeNodes = nodes.some((n) => n.outputs.ipxe);
  const dispatcherUrl = site.fleet?.nodesUrl ? `${site.fleet.nodesUrl}boot.ipxe` : undefined;
  if (ipxeNodes && dispatcherUrl)
    options.push(`add code=17 name=nodes-root-path value=${scriptString(`'${dispatcherUrl}'`)}`);
  for (const node of nodes) {
    const firmware = node.vars['node.firmware'] === 'uefi' ? 'uefi' : 'bios';
    const offer = offerFor(facts, firmware);
    // The boot file: an option 67 whose loader is the profile's kind (iPXE or PXELINUX) for this firmware.
    const family = node.outputs.ipxe ? 'ipxe' : 'pxelinux';
    const boot = [...facts.options.values()].find(
      (o) =>
        o.code === '67' &&
        o.text &&
        (/^https?:\/\//.test(o.text)
          ? family === 'ipxe'
          : loaderOf(o.text).family === family && loaderOf(o.text).firmware === firmware),
    );
    if (!boot) {
      problems.push(
        `${node.name}: the router config has no option 67 with ${loaderWanted(family, firmware)} ` +
          'to give it: add one (outside the generated block).',
      );
      continue;
    }
    const names = [...offer.options.values()].filter((o) => o.code === '66').map((o) => o.name);
    names.push(boot.name);
    if (node.outputs.ipxe && dispatcherUrl) names.push('nodes-root-path');
    // Names, MACs and IPs are checked (invalidNodes) before this; every value is still written escaped.
    options.push(`add code=12 name=${scriptValue(`hostname-${node.name}`)} value=${scriptString(`s'${node.name}'`)}`);
    names.push(`hostname-${node.name}`);
    sets.push(`add name=${scriptValue(`node-${node.name}`)} options=${scriptValue(names.join(','))}`);
    const ip = node.vars['node.ip'];
    const address = ip ? `address=${scriptValue(ip)} ` : '';
    const mac = `mac-address=${scriptValue(node.vars['node.mac']!.toUpperCase())}`;
    const onServer = server ? ` server=${scriptValue(server)}` : '';
    const comment = `comment=${scriptString(`${node.name} (${node.profile})`)}`;
    leases.push(`add ${address}${mac} dhcp-option-set=${scriptValue(`node-${node.name}`)}${onServer} ${comment}`);
  }
  if (!leases.length) return undefined;
  lines.push(
    '/ip dhcp-server option',
    ...options,
    '/ip dhcp-server option sets',
    ...sets,
    '/ip dhcp-server lease',
    ...leases,
    BLOCK_END,
  );
  return lines.join('\n');
}

function ignitionFor(
  site: SiteView,
  node: NodeVars,
  text: string,
  snippets: string[],
  problems: string[],
): string | undefined {
  let config: Record<string, unknown>;
  try {
    config = JSON.parse(text) as Record<string, unknown>;
  } catch (error) {
    problems.push(
      `${node.name}: the profile's Ignition template is not JSON once filled in (${(error as Error).message}); fix the template.`,
    );
    return undefined;
  }
  const ignition = (config.ignition ??= {}) as Record<string, unknown>;
  const storage = (config.storage ??= {}) as Record<string, unknown>;
  const files = (storage.files ??= []) as Record<string, unknown>[];
  if (!files.some((f) => f.path === '/etc/hostname'))
    files.push({
      path: '/etc/hostname',
      mode: 420,
      overwrite: true,
      contents: { source: `data:,${encodeURIComponent(`${node.name}\n`)}` },
    });
  if (snippets.length) {
    const merge = (((ignition.config ??= {}) as Record<string, unknown>).merge ??= []) as Record<string, unknown>[];
    for (const snippet of snippets) {
      const http = site.http;
      const inside =
        http && !relative(http.root, snippet).startsWith('..')
          ? `${http.baseUrl.replace(/\/?$/, '/')}${relative(http.root, snippet).split(sep).map(encodeURIComponent).join('/')}`
          : undefined;
      if (!inside) {
        problems.push(
          `${node.name}: the Ignition snippet ${rel(site, snippet)} is not in the HTTP folder, so the node cannot fetch it: move it there.`,
        );
        continue;
      }
      if (!merge.some((m) => m.source === inside)) merge.push({ source: inside });
    }
  }
  return `${JSON.stringify(config, null, 2)}\n`;
}

/** A Butane profile template (`.bu`, `.butane`, or YAML that names a variant and version). */
function isButane(template: string): boolean {
  const name = basename(template).toLowerCase();
  return butane.files.byName(name) || (/\.ya?ml$/.test(name) && looksLikeButane(readText(template)));
}

/**
 * A Butane template filled in for a node, translated to Ignition JSON (`local:` paths resolve against
 * butane.filesDir, else the template's folder); undefined, with the reports at their template lines, when it
 * does not translate.
 */
function translatedTemplate(
  site: SiteView,
  filled: { node: NodeVars; template: string; source: string; rendered: Rendered },
  problems: string[],
): string | undefined {
  const { node, template, source, rendered } = filled;
  const result = translateText(rendered.text, butaneFilesDir(site, template));
  if (result.output !== undefined) return result.output;
  const reports = result.errors
    .slice(0, 3)
    .map((r) => reportLine({ ...r, start: rendered.toTemplate(r.start) }, source));
  problems.push(
    `${node.name}: the Butane template ${rel(site, template)} of profile ${node.profile} does not translate once ` +
      `filled in (${reports.join('; ')}${result.errors.length > 3 ? '; …' : ''}); fix the template.`,
  );
  return undefined;
}

const DISPATCHER = [
  '#!ipxe',
  '# Generated by PXE Workbench: chains the script of this machine in the node table (pxe-site.json).',
  'chain --autofree ${net0/mac:hexhyp}.ipxe || goto unknown',
  ':unknown',
  'echo ${net0/mac} is not in the node table of pxe-site.json: add it there and generate the node files.',
  'sleep 10',
  'exit 1',
  '',
].join('\n');

/** A file generation wants to be there, before it is compared with what is. */
interface Wanted {
  path: string;
  text: string;
  node?: string;
}

/** The node files of the fleet: each node's templates rendered, and the dispatcher when a node boots iPXE. */
function nodeFiles(site: SiteView, model: Site, fleet: Fleet, problems: string[]): Wanted[] {
  const wanted: Wanted[] = [];
  for (const node of fleet.nodes) {
    const profile = fleet.profiles.get(node.profile);
    if (!profile) {
      problems.push(`${node.name}: there is no profile "${escapeControl(node.profile)}" in pxe-site.json.`);
      continue;
    }
    for (const kind of ['ipxe', 'pxelinux', 'ignition'] as const) {
      const template = profile.templates[kind];
      const output = node.outputs[kind];
      if (!template || !output) continue;
      if (!existsSync(template)) {
        problems.push(
          `${node.name}: the ${kind} template ${rel(site, template)} of profile ${profile.name} does not exist.`,
        );
        continue;
      }
      const source = readText(template);
      const rendered = render(source, node.vars);
      if (rendered.unknown.length)
        problems.push(
          `${node.name}: ${rel(site, template)} uses ${rendered.unknown.map((u) => `\${${u.name}}`).join(', ')}, ` +
            'which are not template variables (they stay as written).',
        );
      const json =
        kind === 'ignition' && isButane(template)
          ? translatedTemplate(site, { node, template, source, rendered }, problems)
          : rendered.text;
      const text =
        kind === 'ignition' && json !== undefined
          ? ignitionFor(site, node, json, nodeSnippets(site.root, model, node.name), problems)
          : json;
      if (text !== undefined) wanted.push({ path: confined(site, output, node.name), text, node: node.name });
    }
  }
  if (fleet.nodes.some((n) => n.outputs.ipxe))
    wanted.push({ path: confined(site, join(fleet.nodesDir, 'boot.ipxe')), text: DISPATCHER });
  return wanted;
}

/** router.config with the generated block of static leases (put in, or replaced). */
function routerFile(site: SiteView, fleet: Fleet, problems: string[]): Wanted | undefined {
  if (!site.routerConfig || !existsSync(site.routerConfig)) {
    problems.push(
      'pxe-site.json has no router.config (or it does not exist): no static leases were generated; ' +
        'add the router script first.',
    );
    return undefined;
  }
  const parts = withoutBlock(readText(site.routerConfig));
  const block = routerBlock(site, fleet.nodes, `${parts.before}${parts.after}`, problems);
  if (!block) return undefined;
  const base = parts.block !== undefined ? parts.before : `${parts.before.replace(/\s*$/, '')}\n\n`;
  return { path: confined(site, site.routerConfig), text: `${base}${block}\n${parts.after}` };
}

/** What to do with a wanted file, given what is there and what generation recorded writing. */
function actionOf(site: SiteView, w: Wanted, there: string | undefined, manifest: Record<string, string>): NodeAction {
  if (there === undefined) return 'add';
  if (there === w.text) return 'same';
  const isRouter = w.path === site.routerConfig;
  // What generation owns: the whole file, or the router script's block.
  const mine = isRouter ? (withoutBlock(there).block ?? '') : there;
  const recorded = manifest[rel(site, w.path)];
  if (recorded === undefined) return isRouter && mine === '' ? 'change' : 'handEdited';
  return recorded === sha(mine) ? 'change' : 'handEdited';
}

/** Everything generation would write, each compared with what is there. */
export function planNodes(siteFile: string): NodesPlan {
  const model = loadSite(siteFile);
  const site = siteView(siteFile, model);
  const fleet = site.fleet;
  if (!fleet?.nodes.length)
    throw new NodesError(
      'pxe-site.json has no "nodes" yet: add the machines (name, mac, ip, firmware, profile) and their "profiles".',
    );
  const invalid = invalidNodes(model);
  if (invalid.length)
    throw new NodesError(
      `Nothing was generated: ${invalid.slice(0, 5).join('; ')}${invalid.length > 5 ? `; and ${invalid.length - 5} more` : ''}. ` +
        'Fix the node table in pxe-site.json.',
    );
  const problems: string[] = [];
  const wanted = nodeFiles(site, model, fleet, problems);
  const router = routerFile(site, fleet, problems);
  if (router) wanted.push(router);
  const manifest = manifestOf(site);
  const files = wanted.map((w): NodeFile => {
    const there = existsSync(w.path) ? readText(w.path) : undefined;
    const action = actionOf(site, w, there, manifest);
    const key = rel(site, w.path);
    return {
      path: w.path,
      text: w.text,
      action,
      ...(w.node ? { node: w.node } : {}),
      ...(there !== undefined && action !== 'same'
        ? { diff: createTwoFilesPatch(`a/${key}`, `b/${key}`, there, w.text, undefined, undefined, { context: 2 }) }
        : {}),
    };
  });
  return { site, files, problems };
}

const SIGN: Record<NodeAction, string> = { add: '+', change: '~', same: '=', handEdited: '!' };

/** A file of the plan as one line: `+ path  (node)`, with the hand-edit warning; `where` names the path. */
export function nodeFileLine(file: NodeFile, where: string): string {
  const node = file.node ? `  (${escapeControl(file.node)})` : '';
  const edited = file.action === 'handEdited' ? '  — changed by hand since it was generated' : '';
  return `${SIGN[file.action]} ${escapeControl(where)}${node}${edited}`;
}

/** One line: how many files generation adds, changes, leaves, and keeps because they were edited by hand. */
export function nodesSummary(plan: NodesPlan): string {
  const count = (a: string): number => plan.files.filter((f) => f.action === a).length;
  const edited = count('handEdited') ? `, ${count('handEdited')} edited by hand (kept unless --force)` : '';
  return `${count('add')} to add, ${count('change')} to change, ${count('same')} unchanged${edited}`;
}

/** Writes what changed (each file atomically) and records what was generated; hand-edited files only when named. */
export function writeNodes(
  plan: NodesPlan,
  options: { overwrite?: readonly string[] } = {},
): { written: string[]; skipped: string[] } {
  const manifest = manifestOf(plan.site);
  const written: string[] = [];
  const skipped: string[] = [];
  for (const file of plan.files) {
    const key = rel(plan.site, file.path);
    const owned = file.path === plan.site.routerConfig ? (withoutBlock(file.text).block ?? '') : file.text;
    if (file.action === 'same') {
      manifest[key] = sha(owned);
      continue;
    }
    if (file.action === 'handEdited' && !options.overwrite?.includes(file.path)) {
      skipped.push(file.path);
      continue;
    }
    confined(plan.site, file.path, file.node); // again: a folder may have become a symlink since the plan
    mkdirSync(dirname(file.path), { recursive: true });
    const tmp = `${file.path}.pxe-${process.pid}.tmp`;
    writeFileSync(tmp, file.text);
    renameSync(tmp, file.path);
    manifest[key] = sha(owned);
    written.push(file.path);
  }
  writeFileSync(
    join(plan.site.root, MANIFEST),
    `${JSON.stringify({ version: 1, note: MANIFEST_NOTE, files: Object.fromEntries(Object.entries(manifest).sort()) }, null, 2)}\n`,
  );
  return { written, skipped };
}
