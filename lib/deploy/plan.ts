/** What a deploy would change: local files against the remote copy by size and time, then by sha256. */
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { escapeControl, readTextOrThrow, UntrustedInputError } from '../core/untrusted';
import { mib } from '../core/units';
import { DeployError } from './errors';
import { listLocal, sha256Of, SKIP, type LocalEntry } from './local';
import { shellQuote as quote, type Remote } from './ssh';
import type { NasTarget } from './target';

export type Action = 'add' | 'change' | 'same' | 'remove' | 'extra';

export interface PlanEntry {
  path: string;
  kind: 'file' | 'link';
  action: Action;
  size: number;
  mtime: number;
  linkTarget?: string;
  /** Why it is not `same`, in words. */
  reason?: string;
  /** Same content, other time: only the remote time is set (so the next plan needs no hashing). */
  fixTime?: boolean;
  /** The bytes to send when they are generated (a Butane translation), not a file on disk. */
  content?: Buffer;
}

export interface NginxPlan {
  action: 'add' | 'change' | 'same';
  remote: string;
  content: string;
  /** The remote snippet before the deploy (restored when `nginx -t` fails). */
  previous?: string;
  generated: boolean;
}

export interface Plan {
  target: NasTarget;
  entries: PlanEntry[];
  nginx?: NginxPlan;
  /** Leftover temp files of an interrupted deploy (removed by the next apply). */
  stale: string[];
  /** Bytes to upload. */
  bytes: number;
}

interface RemoteEntry {
  kind: 'file' | 'link' | 'dir';
  size: number;
  mtime: number;
  linkTarget?: string;
}

const STALE = /\.pxe-(upload|old)-[0-9a-f]+(\.tmp)?$/;

async function listRemote(remote: Remote, root: string, stale: string[]): Promise<Map<string, RemoteEntry>> {
  const out = new Map<string, RemoteEntry>();
  const rootStat = await remote.stat(root);
  if (!rootStat) return out;
  if (!rootStat.isDirectory()) throw new DeployError(`${root} on the NAS is not a folder: check targets.*.remoteRoot.`);
  const walk = async (dir: string, rel: string): Promise<void> => {
    for (const { filename, attrs } of await remote.readdir(dir)) {
      const path = rel ? `${rel}/${filename}` : filename;
      if (STALE.test(filename)) {
        stale.push(path);
        continue;
      }
      const full = `${dir}/${filename}`;
      if (attrs.isDirectory()) {
        out.set(path, { kind: 'dir', size: 0, mtime: attrs.mtime });
        await walk(full, path);
      } else if (attrs.isSymbolicLink()) {
        out.set(path, { kind: 'link', size: 0, mtime: attrs.mtime, linkTarget: await remote.readlink(full) });
      } else {
        out.set(path, { kind: 'file', size: attrs.size, mtime: attrs.mtime });
      }
    }
  };
  await walk(root, '');
  return out;
}

/** sha256 of remote files by running `sha256sum` on the NAS; undefined when the NAS cannot run it. */
async function remoteHashes(remote: Remote, root: string, paths: string[]): Promise<Map<string, string> | undefined> {
  const hashes = new Map<string, string>();
  for (let i = 0; i < paths.length; i += 100) {
    const batch = paths.slice(i, i + 100);
    const result = await remote
      .exec(`cd ${quote(root)} && sha256sum -- ${batch.map(quote).join(' ')}`, 600_000)
      .catch(() => undefined);
    if (!result || result.code !== 0) return undefined;
    for (const line of result.stdout.split('\n')) {
      const m = /^([0-9a-f]{64}) [ *](.+)$/.exec(line);
      if (m) hashes.set(m[2] as string, m[1] as string);
    }
  }
  return hashes;
}

/** Words the generated snippet writes bare: nothing nginx reads as syntax (`;`, `{`, quotes) or a variable (`$`). */
const NGINX_WORD = /^[\w./%+@:,~-]+$/;

/** The nginx snippet that serves the HTTP base URL's path from the remote root. */
export function generatedSnippet(target: NasTarget): string {
  const path = target.site.http ? new URL(target.site.http.baseUrl).pathname : '/tftp/';
  const words: [string, string][] = [
    ["http.baseUrl's path", path],
    [`targets.${target.name}.remoteRoot`, target.remoteRoot],
  ];
  for (const [what, value] of words) {
    if (!NGINX_WORD.test(value))
      throw new DeployError(
        `${escapeControl(what)} (${escapeControl(value)}) has characters nginx would read as syntax: ` +
          'write the nginx snippet yourself (http.nginxConfig in pxe-site.json), or use a plain path.',
      );
  }
  return [
    `# nginx on the NAS: serve the TFTP root over HTTP as well (written by PXE Workbench).`,
    `location ${path} {`,
    `    alias ${target.remoteRoot}/;`,
    '    autoindex on;',
    '}',
    '',
  ].join('\n');
}

/** The local snippet, read as an untrusted file (a regular file of bounded size). */
function snippetText(path: string): string {
  try {
    return readTextOrThrow(path);
  } catch (error) {
    if (error instanceof UntrustedInputError) throw new DeployError(`The nginx snippet ${error.message}`);
    throw error;
  }
}

export async function makePlan(
  remote: Remote,
  target: NasTarget,
  options: { only?: readonly string[]; log?: (line: string) => void; local?: readonly LocalEntry[] } = {},
): Promise<Plan> {
  const local = (options.local ?? (await listLocal(target.localRoot, options.log))).filter(
    (e) => !options.only || options.only.includes(e.path),
  );
  const stale: string[] = [];
  const remoteFiles = await listRemote(remote, target.remoteRoot, stale);
  const entries = local.map((file) => compared(file, remoteFiles.get(file.path)));
  // Files of the same size and another time: only the content can tell. A generated file's time is its
  // source's, which says nothing about the `local:` files it embeds: always compared by content.
  const uncertain = entries.filter(
    (e) => e.kind === 'file' && e.action === 'same' && (e.content || remoteFiles.get(e.path)?.mtime !== e.mtime),
  );
  if (uncertain.length) await settleByHash(remote, target, { uncertain, remoteFiles }, options.log);
  if (!options.only) entries.push(...remoteOnly(remoteFiles, new Set(local.map((e) => e.path)), target));
  entries.sort((a, b) => a.path.localeCompare(b.path));
  const nginx = target.nginx && !options.only ? await nginxPlan(remote, target, target.nginx) : undefined;
  const bytes = entries
    .filter((e) => (e.action === 'add' || e.action === 'change') && e.kind === 'file')
    .reduce((n, e) => n + e.size, 0);
  return { target, entries, ...(nginx ? { nginx } : {}), stale, bytes };
}

/** A local file or link against the NAS's copy: by kind, link target and size (the time is settled later). */
function compared(file: LocalEntry, there: RemoteEntry | undefined): PlanEntry {
  const entry: PlanEntry = {
    path: file.path,
    kind: file.kind,
    action: 'same',
    size: file.size,
    mtime: file.mtime,
    ...(file.linkTarget ? { linkTarget: file.linkTarget } : {}),
    ...(file.content ? { content: file.content } : {}),
  };
  const change = (reason: string): PlanEntry => ({ ...entry, action: 'change', reason });
  if (!there) return { ...entry, action: 'add' };
  if (file.kind === 'link') {
    if (there.kind === 'link' && there.linkTarget === file.linkTarget) return entry;
    return change(
      there.kind === 'link'
        ? `link to ${there.linkTarget}, now ${file.linkTarget}`
        : `a ${there.kind} on the NAS, a link here`,
    );
  }
  if (there.kind !== 'file') return change(`a ${there.kind} on the NAS, a file here`);
  if (there.size !== file.size) return change(`${there.size} → ${file.size} bytes`);
  return entry;
}

/** Files of the same size and another time: the same sha256 only needs the time set, else they change. */
async function settleByHash(
  remote: Remote,
  target: NasTarget,
  { uncertain, remoteFiles }: { uncertain: PlanEntry[]; remoteFiles: Map<string, RemoteEntry> },
  log: ((line: string) => void) | undefined,
): Promise<void> {
  log?.(`comparing ${uncertain.length} file(s) of the same size by sha256 on the NAS`);
  const hashes = await remoteHashes(
    remote,
    target.remoteRoot,
    uncertain.map((e) => e.path),
  );
  for (const entry of uncertain) {
    const theirs = hashes?.get(entry.path);
    const mine = entry.content
      ? createHash('sha256').update(entry.content).digest('hex')
      : await sha256Of(`${target.localRoot}/${entry.path}`);
    if (theirs && theirs === mine) entry.fixTime = remoteFiles.get(entry.path)?.mtime !== entry.mtime;
    else
      Object.assign(entry, {
        action: 'change',
        reason: hashes ? 'same size, other content' : 'same size, other time (the NAS cannot run sha256sum to tell)',
      });
  }
}

/** What is on the NAS and not here: removed when deleteRemoved is on, else listed and kept. */
function remoteOnly(remoteFiles: Map<string, RemoteEntry>, wanted: Set<string>, target: NasTarget): PlanEntry[] {
  const entries: PlanEntry[] = [];
  for (const [path, there] of remoteFiles) {
    if (wanted.has(path) || there.kind === 'dir' || SKIP.test(path)) continue;
    entries.push({
      path,
      kind: there.kind,
      action: target.deleteRemoved ? 'remove' : 'extra',
      size: there.size,
      mtime: there.mtime,
      reason: target.deleteRemoved ? 'not in the workspace' : 'not in the workspace (kept: deleteRemoved is off)',
    });
  }
  return entries;
}

async function nginxPlan(
  remote: Remote,
  target: NasTarget,
  snippet: NonNullable<NasTarget['nginx']>,
): Promise<NginxPlan> {
  const generated = !existsSync(snippet.local);
  const content = generated ? generatedSnippet(target) : snippetText(snippet.local);
  const previous = (await remote.readFile(snippet.remote))?.toString('utf8');
  return {
    action: previous === undefined ? 'add' : previous === content ? 'same' : 'change',
    remote: snippet.remote,
    content,
    ...(previous !== undefined ? { previous } : {}),
    generated,
  };
}

export function planSummary(plan: Plan): { add: number; change: number; remove: number; same: number; extra: number } {
  const count = (a: Action): number => plan.entries.filter((e) => e.action === a).length;
  return {
    add: count('add'),
    change: count('change'),
    remove: count('remove'),
    same: count('same'),
    extra: count('extra'),
  };
}

/** Nothing to upload, remove, retime or rewrite: the NAS is up to date. */
export function upToDate(plan: Plan): boolean {
  const s = planSummary(plan);
  return (
    !s.add &&
    !s.change &&
    !s.remove &&
    (!plan.nginx || plan.nginx.action === 'same') &&
    !plan.entries.some((e) => e.fixTime)
  );
}

/**
 * The plan as text lines (CLI and the editor's plan view). Every name is shown with its control characters
 * escaped: a file named `a\n+ upload /etc/passwd` must not fake a line of the plan at the prompt.
 */
export function planLines(plan: Plan): string[] {
  const t = plan.target;
  const s = planSummary(plan);
  const esc = escapeControl;
  const lines = [
    `Deploy ${esc(t.localRoot)} → ${esc(t.user)}@${esc(t.host)}:${esc(t.remoteRoot)} (target ${esc(t.name)})`,
    `${s.add} to add, ${s.change} to change, ${s.remove} to remove, ${s.same} unchanged` +
      `${s.extra ? `, ${s.extra} only on the NAS (kept)` : ''}; ${mib(plan.bytes)} to upload`,
  ];
  const mark: Record<Action, string> = { add: '+', change: '~', remove: '-', same: ' ', extra: '?' };
  for (const e of plan.entries)
    if (e.action !== 'same')
      lines.push(
        `  ${mark[e.action]} ${esc(e.path)}${e.kind === 'link' ? ` -> ${esc(e.linkTarget ?? '')}` : ''}` +
          `${e.reason ? `  (${esc(e.reason)})` : ''}`,
      );
  if (plan.nginx) lines.push(`nginx snippet ${esc(plan.nginx.remote)}: ${nginxWords(plan.nginx)}`);
  if (plan.stale.length)
    lines.push(`${plan.stale.length} leftover temp file(s) of an interrupted deploy will be removed`);
  return lines;
}

function nginxWords(nginx: NginxPlan): string {
  if (nginx.action === 'same') return 'unchanged';
  const generated = nginx.generated ? ' (generated: the site names no local snippet file)' : '';
  return `${nginx.action === 'add' ? 'new' : 'changed'}${generated}, then nginx -t and reload`;
}
