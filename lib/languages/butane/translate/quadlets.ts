/**
 * `systemd.quadlets` (fcos 1.8.0-experimental, flatcar 1.2.0-experimental): Podman Quadlet files written under
 * /etc/containers/systemd (rootful) or its `users` folder, each drop-in beside it in `NAME.d/`; a template
 * instance (`web@1.container`) becomes a link to its template (`web@.container`) and may not have contents.
 */
import { posix } from 'node:path';
import type { ConfigPath } from '../ast';
import { BUTANE } from '../ruleIds';
import type { Decoded, DecodedObject, JsonObject, TranslateContext } from './context';
import { makeDataUrl } from './dataUrl';
import { baseLevel, listAt, objectAt, stringAt } from './features';
import { Nodes } from './trees';

const EXTENSIONS = ['.container', '.volume', '.network', '.kube', '.image', '.build', '.pod', '.artifact'];

const NODE_EXISTS =
  'matching filesystem node has existing contents or different type. Another entry already writes this path; ' +
  'keep one of them.';

const hasQuadlets = (ctx: Pick<TranslateContext, 'spec'>): boolean => baseLevel(ctx.spec) >= 8;

/** The template a template instance stands for (`foo@1.container` → `foo@.container`), or undefined. */
export function templateOf(name: string): string | undefined {
  const at = name.indexOf('@');
  const dot = name.lastIndexOf('.');
  if (at < 0 || dot < 0 || at + 1 === dot) return undefined;
  return `${name.slice(0, at)}@.${name.slice(dot + 1)}`;
}

/** Where a quadlet file goes. */
export function quadletPath(rootful: boolean, name: string): string {
  return posix.join(rootful ? '/etc/containers/systemd' : '/etc/containers/systemd/users', name);
}

/** Butane's checks of each quadlet (before translation): the extension, no contents for a template instance. */
export function validateQuadlets(ctx: TranslateContext): void {
  if (!hasQuadlets(ctx)) return;
  listAt(objectAt(ctx.source.systemd).quadlets).forEach((item, i) => {
    const q = objectAt(item);
    const at: ConfigPath = ['systemd', 'quadlets', i];
    const name = stringAt(q.name) ?? '';
    if (!EXTENSIONS.some((e) => name.endsWith(e))) {
      const list = EXTENSIONS.join(', ').replace(/, (?=[^,]*$)/, ', or ');
      const message = `unsupported file extension for quadlet: must be one of ${list}. Rename the file.`;
      return ctx.report(BUTANE.unit, 'error', [...at, 'name'], message);
    }
    if (templateOf(name) !== undefined) {
      for (const field of ['contents', 'contents_local']) {
        if (q[field] === undefined) continue;
        const message =
          'template instances cannot have contents or contents_local. ' +
          `The instance links to ${templateOf(name)}; put the contents there.`;
        ctx.report(BUTANE.unit, 'error', [...at, field], message);
      }
    } else if (q.contents !== undefined && q.contents_local !== undefined) {
      ctx.report(
        BUTANE.tooManySources,
        'error',
        [...at, 'contents_local'],
        'only one of the following can be set: contents, contents_local. Keep one.',
      );
    }
    listAt(q.dropins).forEach((d, j) => {
      const dropin = objectAt(d);
      if (dropin.contents === undefined || dropin.contents_local === undefined) return;
      const dropinAt: ConfigPath = [...at, 'dropins', j, 'contents_local'];
      ctx.report(
        BUTANE.tooManySources,
        'error',
        dropinAt,
        'only one of the following can be set: contents, contents_local. Keep one.',
      );
    });
  });
}

/** The contents of a quadlet or drop-in and the field they came from (a local file read first, inline wins). */
function contentsOf(
  ctx: TranslateContext,
  o: DecodedObject,
  at: ConfigPath,
): { bytes: Buffer; from: ConfigPath } | undefined {
  let found: { bytes: Buffer; from: ConfigPath } = { bytes: Buffer.alloc(0), from: at };
  const local = stringAt(o.contents_local);
  if (local) {
    const bytes = ctx.readLocal([...at, 'contents_local'], local);
    if (bytes === undefined) return undefined;
    found = { bytes, from: [...at, 'contents_local'] };
  }
  const inline = stringAt(o.contents);
  if (inline) found = { bytes: Buffer.from(inline, 'utf8'), from: [...at, 'contents'] };
  return found;
}

function addFile(ctx: TranslateContext, nodes: Nodes, o: DecodedObject, dest: string, at: ConfigPath): void {
  if (nodes.exists(dest)) return ctx.report(BUTANE.conflict, 'error', at, NODE_EXISTS);
  const file: JsonObject = { path: dest };
  const i = nodes.add('files', file);
  const to: ConfigPath = ['storage', 'files', i];
  if (i === 0) ctx.translations.add(at, ['storage', 'files']);
  ctx.translations.addFromCommonSource(at, to, file);
  ctx.translations.add([...at, 'name'], [...to, 'path']);
  const contents = contentsOf(ctx, o, at);
  if (!contents) return;
  const url = makeDataUrl(contents.bytes);
  file.contents = { source: url.source, ...(url.compression !== undefined ? { compression: url.compression } : {}) };
  ctx.translations.add(contents.from, [...to, 'contents', 'source']);
  if (url.compression !== undefined) ctx.translations.add(at, [...to, 'contents', 'compression']);
  ctx.translations.add(contents.from, [...to, 'contents']);
  file.mode = 0o644;
  ctx.translations.add(at, [...to, 'mode']);
}

function addLink(ctx: TranslateContext, nodes: Nodes, dest: string, target: string, at: ConfigPath): void {
  if (nodes.exists(dest)) return ctx.report(BUTANE.conflict, 'error', at, NODE_EXISTS);
  const link: JsonObject = { path: dest, target };
  const i = nodes.add('links', link);
  const to: ConfigPath = ['storage', 'links', i];
  if (i === 0) ctx.translations.add(at, ['storage', 'links']);
  ctx.translations.addFromCommonSource(at, to, link);
  ctx.translations.add([...at, 'name'], [...to, 'path']);
  ctx.translations.add(at, [...to, 'target']);
}

/** Writes every quadlet and drop-in into the config (Butane's processQuadlets, after the trees). */
export function processQuadlets(ctx: TranslateContext): void {
  const quadlets = listAt(objectAt(ctx.source.systemd).quadlets).map(objectAt);
  if (!hasQuadlets(ctx) || quadlets.length === 0) return;
  const nodes = new Nodes(ctx.ignition);
  ctx.translations.add(['systemd', 'quadlets'], ['storage']);
  quadlets.forEach((q, i) => {
    const at: ConfigPath = ['systemd', 'quadlets', i];
    const name = stringAt(q.name) ?? '';
    const dest = quadletPath(q.rootful === true, name);
    const template = templateOf(name);
    if (template !== undefined) addLink(ctx, nodes, dest, template, at);
    else addFile(ctx, nodes, q, dest, at);
    listAt(q.dropins).forEach((d: Decoded, j) => {
      const dropin = objectAt(d);
      addFile(ctx, nodes, dropin, `${dest}.d/${stringAt(dropin.name) ?? ''}`, [...at, 'dropins', j]);
    });
  });
}
