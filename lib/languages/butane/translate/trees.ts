/**
 * `storage.trees` (base 0.2 and later): a local folder embedded as files, links and (when ownership or a
 * directory mode is asked for) directories, walked in Butane's order (depth first, names byte-sorted).
 * Modes come from the file system as Butane takes them (0755 when any execute bit is set, else 0644) unless
 * the tree or an existing `files` entry sets one. A node the config already has with contents, or of another
 * type, is a conflict. Beyond Butane: the tree's root must really be inside the files dir (links followed),
 * each file is read capped, and a walk stops after TREE_LIMITS.entries entries.
 */
import { lstatSync, readdirSync, readlinkSync, type Stats } from 'node:fs';
import { join, posix } from 'node:path';
import type { ConfigPath } from '../ast';
import { readCapped } from '../../../core/untrusted';
import { BUTANE } from '../ruleIds';
import type { Decoded, DecodedObject, Json, JsonObject, TranslateContext } from './context';
import { makeDataUrl } from './dataUrl';
import { baseLevel, listAt, objectAt, stringAt } from './features';
import { joinUnder, MAX_LOCAL_BYTES, NO_FILES_DIR, resolveReal } from './local';

/** Most entries one tree may have (a files dir pointed at a home folder must not hang the editor); tests lower it. */
export const TREE_LIMITS = { entries: 10_000 };

const NODE_EXISTS =
  'matching filesystem node has existing contents or different type. Remove the entry from files, directories ' +
  'or links (or its contents/target), or the file from the tree.';

type Kind = 'files' | 'directories' | 'links';

/**
 * The config's files, directories and links by path (Butane's nodeTracker), growing as the tree adds: one
 * index per kind, and of two entries with one path the later one is found (as Go's map fills).
 */
export class Nodes {
  private readonly storage: JsonObject;
  private readonly index: Record<Kind, Map<string, number>> = {
    files: new Map(),
    directories: new Map(),
    links: new Map(),
  };

  constructor(ignition: JsonObject) {
    if (!isObject(ignition.storage)) ignition.storage = {};
    this.storage = ignition.storage as JsonObject;
    for (const kind of ['files', 'directories', 'links'] as const) {
      this.list(kind).forEach((node, i) => {
        const path = isObject(node) ? node.path : undefined;
        if (typeof path === 'string') this.index[kind].set(path, i);
      });
    }
  }

  list(kind: Kind): Json[] {
    const list = this.storage[kind];
    return Array.isArray(list) ? list : [];
  }

  exists(path: string): boolean {
    return this.index.files.has(path) || this.index.directories.has(path) || this.index.links.has(path);
  }

  get(kind: Kind, path: string): { i: number; node: JsonObject } | undefined {
    const i = this.index[kind].get(path);
    return i === undefined ? undefined : { i, node: this.list(kind)[i] as JsonObject };
  }

  add(kind: Kind, node: JsonObject): number {
    const list = this.list(kind);
    if (!Array.isArray(this.storage[kind])) this.storage[kind] = list;
    list.push(node);
    this.index[kind].set(String(node.path), list.length - 1);
    return list.length - 1;
  }
}

const isObject = (v: Json | undefined): v is JsonObject => v !== null && typeof v === 'object' && !Array.isArray(v);

interface Walk {
  ctx: TranslateContext;
  nodes: Nodes;
  at: ConfigPath;
  tree: DecodedObject;
  dest: string;
  entries: number;
}

/** `user`/`group` as Ignition nodes have them (id and name, each only when set). */
function owner(v: Decoded | undefined): JsonObject | undefined {
  const o = objectAt(v);
  const out: JsonObject = {};
  if (typeof o.id === 'number') out.id = o.id;
  if (typeof o.name === 'string') out.name = o.name;
  return Object.keys(out).length > 0 ? out : undefined;
}

function nodeOf(w: Walk, path: string): JsonObject {
  const user = owner(w.tree.user);
  const group = owner(w.tree.group);
  return { path, ...(user ? { user } : {}), ...(group ? { group } : {}) };
}

function error(w: Walk, message: string): void {
  w.ctx.report(BUTANE.localFile, 'error', w.at, message);
}

/** Go's path.Join: cleaned, no trailing slash (but `/`). */
function goJoin(base: string, rel: string): string {
  const joined = posix.normalize(rel === '' ? base : `${base}/${rel}`);
  return joined.length > 1 && joined.endsWith('/') ? joined.slice(0, -1) : joined;
}

function conflict(w: Walk): void {
  w.ctx.report(BUTANE.conflict, 'error', w.at, NODE_EXISTS);
}

function addDirectory(w: Walk, dest: string): void {
  const t = w.tree;
  if (t.dir_mode === undefined && owner(t.user) === undefined && owner(t.group) === undefined) return;
  if (w.nodes.exists(dest)) return conflict(w);
  const dir = { ...nodeOf(w, dest), mode: typeof t.dir_mode === 'number' ? t.dir_mode : 0o755 };
  const i = w.nodes.add('directories', dir);
  w.ctx.translations.addFromCommonSource(w.at, ['storage', 'directories', i], dir);
  if (i === 0) w.ctx.translations.add(w.at, ['storage', 'directories']);
}

function addFile(w: Walk, src: string, dest: string, stat: Stats): void {
  let found = w.nodes.get('files', dest);
  if (found) {
    if (stringAt(objectAt(found.node.contents as Decoded).source)) return conflict(w);
  } else {
    if (w.nodes.exists(dest)) return conflict(w);
    const file = nodeOf(w, dest);
    const i = w.nodes.add('files', file);
    w.ctx.translations.addFromCommonSource(w.at, ['storage', 'files', i], file);
    if (i === 0) w.ctx.translations.add(w.at, ['storage', 'files']);
    found = { i, node: file };
  }
  const read = readCapped(src, MAX_LOCAL_BYTES);
  if (!read.ok) return error(w, `tree file ${src}: ${read.why}`);
  const { i, node } = found;
  const contents = isObject(node.contents) ? node.contents : (node.contents = {});
  const url = makeDataUrl(read.bytes, stringAt(contents.compression as Decoded));
  contents.source = url.source;
  const to: ConfigPath = ['storage', 'files', i];
  w.ctx.translations.add(w.at, [...to, 'contents', 'source']);
  if (url.compression !== undefined) {
    contents.compression = url.compression;
    w.ctx.translations.add(w.at, [...to, 'contents', 'compression']);
  }
  w.ctx.translations.add(w.at, [...to, 'contents']);
  if (node.mode === undefined) {
    const fileMode = w.tree.file_mode;
    node.mode = typeof fileMode === 'number' ? fileMode : stat.mode & 0o111 ? 0o755 : 0o644;
    w.ctx.translations.add(w.at, [...to, 'mode']);
  }
}

function addLink(w: Walk, src: string, dest: string): void {
  let found = w.nodes.get('links', dest);
  if (found) {
    if (stringAt(found.node.target as Decoded)) return conflict(w);
  } else {
    if (w.nodes.exists(dest)) return conflict(w);
    const link = nodeOf(w, dest);
    const i = w.nodes.add('links', link);
    w.ctx.translations.addFromCommonSource(w.at, ['storage', 'links', i], link);
    if (i === 0) w.ctx.translations.add(w.at, ['storage', 'links']);
    found = { i, node: link };
  }
  found.node.target = readlinkSync(src).split('\\').join('/');
  w.ctx.translations.add(w.at, ['storage', 'links', found.i, 'target']);
}

/** Names in Go's order (byte-wise), as filepath.Walk visits them. */
const byteSorted = (names: string[]): string[] => names.sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b)));

function visit(w: Walk, src: string, rel: string): void {
  const max = TREE_LIMITS.entries;
  if (++w.entries > max) {
    const message = `the tree has more than ${max} entries; not embedded past that. Point local at a smaller folder.`;
    if (w.entries === max + 1) error(w, message);
    return;
  }
  let stat: Stats;
  try {
    stat = lstatSync(src);
  } catch (e) {
    return error(w, `lstat ${src}: ${(e as Error).message}`);
  }
  const dest = goJoin(w.dest, rel);
  if (stat.isDirectory()) {
    addDirectory(w, dest);
    let names: string[];
    try {
      names = byteSorted(readdirSync(src));
    } catch (e) {
      return error(w, `open ${src}: ${(e as Error).message}`);
    }
    for (const name of names) visit(w, join(src, name), rel === '' ? name : `${rel}/${name}`);
  } else if (stat.isFile()) addFile(w, src, dest, stat);
  else if (stat.isSymbolicLink()) addLink(w, src, dest);
  else error(w, 'trees may only contain files, directories, and symlinks. Remove the special file from the folder.');
}

/**
 * The tree's folder as Butane joins it (its real path must be inside the files dir), or undefined after
 * reporting why not. Butane walks the joined path: a root that is a link becomes one link node.
 */
function rootOf(ctx: TranslateContext, filesDir: string, at: ConfigPath, local: string): string | undefined {
  const fail = (message: string): undefined => {
    ctx.report(BUTANE.localFile, 'error', at, message);
    return undefined;
  };
  const joined = joinUnder(filesDir, local);
  if (!joined.ok) return fail(joined.message);
  const real = resolveReal(filesDir, joined.path);
  if (!real.ok) return fail(real.message);
  let stat: Stats;
  try {
    stat = lstatSync(real.path);
  } catch {
    return fail(`stat ${local}: no such file or directory. Check the path; it is relative to the files directory.`);
  }
  if (!stat.isDirectory()) return fail('root of tree must be a directory. Name a folder in local.');
  return joined.path;
}

/** Embeds every tree (Butane's processTrees). */
export function processTrees(ctx: TranslateContext): void {
  const trees = listAt(objectAt(ctx.source.storage).trees).map(objectAt);
  if (baseLevel(ctx.spec) < 2 || trees.length === 0) return;
  const nodes = new Nodes(ctx.ignition);
  for (const [i, tree] of trees.entries()) {
    const at: ConfigPath = ['storage', 'trees', i];
    const filesDir = ctx.options.filesDir;
    if (!filesDir) return ctx.report(BUTANE.localFile, 'error', at, NO_FILES_DIR);
    const root = rootOf(ctx, filesDir, at, stringAt(tree.local) ?? '');
    if (root === undefined) continue;
    visit({ ctx, nodes, at, tree, dest: stringAt(tree.path) || '/', entries: 0 }, root, '');
  }
}

/** Butane's check of a tree before translation: `local` is required. */
export function validateTrees(ctx: TranslateContext): void {
  if (baseLevel(ctx.spec) < 2) return;
  listAt(objectAt(ctx.source.storage).trees).forEach((tree, i) => {
    if (stringAt(objectAt(tree).local)) return;
    ctx.report(
      BUTANE.localFile,
      'error',
      ['storage', 'trees', i],
      'local is required. Name the folder to embed, relative to the files directory.',
    );
  });
}
