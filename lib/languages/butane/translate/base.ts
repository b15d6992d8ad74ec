/**
 * Butane's base translation: every field that Ignition has is copied under its camelCase name (the
 * translation set records each copy), and the base sugar is expanded — `inline`/`local` contents become
 * `data:` URLs (gzipped when that is shorter, as Butane decides), `contents_local` becomes unit contents,
 * `ssh_authorized_keys_local` becomes keys. The variant's sugar (trees, mount units, boot device, GRUB) is
 * fcos.ts's, run after this.
 */
import type { ConfigPath } from '../ast';
import { BUTANE } from '../ruleIds';
import type { Decoded, DecodedObject, Json, JsonObject, TranslateContext } from './context';
import { makeDataUrl } from './dataUrl';
import { NO_FILES_DIR } from './local';

/** Butane's own fields: handled by the sugar code, never copied. */
const SUGAR = new Set([
  'inline',
  'local',
  'contents_local',
  'ssh_authorized_keys_local',
  'with_mount_unit',
  'trees',
  'boot_device',
  'grub',
  'variant',
  'version',
  'quadlets',
]);

/** The Butane objects (paths without indexes) that are Ignition resources. */
const RESOURCES = new Set([
  'ignition.config.merge',
  'ignition.config.replace',
  'ignition.security.tls.certificate_authorities',
  'storage.files.contents',
  'storage.files.append',
  'storage.luks.key_file',
]);

/** Butane's Camel: `size_mib` → `sizeMiB`, `http_headers` → `httpHeaders`. */
export function camel(key: string): string {
  const base = key.endsWith('_mib') ? `${key.slice(0, -4)}MiB` : key;
  return base.replace(/_([a-zA-Z0-9])/g, (_m, c: string) => c.toUpperCase()).replace(/_/g, '');
}

const schemaPath = (path: ConfigPath): string => path.filter((p) => typeof p === 'string').join('.');

const isObject = (v: Decoded | undefined): v is DecodedObject =>
  v !== undefined && typeof v === 'object' && !Array.isArray(v);

/** Copies a decoded value to Ignition, recording each copy; objects get their kind's sugar. */
function copy(ctx: TranslateContext, value: Decoded, from: ConfigPath, to: ConfigPath): Json {
  if (Array.isArray(value)) {
    const out = value.map((item, i) => copy(ctx, item, [...from, i], [...to, i]));
    ctx.translations.add(from, to);
    return out;
  }
  if (!isObject(value)) {
    ctx.translations.add(from, to);
    return value;
  }
  const out: JsonObject = {};
  for (const [key, v] of Object.entries(value)) {
    if (v === undefined || SUGAR.has(key)) continue;
    out[camel(key)] = copy(ctx, v, [...from, key], [...to, camel(key)]);
  }
  const kind = schemaPath(from);
  if (RESOURCES.has(kind)) resource(ctx, value, out, from, to);
  else if (kind === 'systemd.units' || kind === 'systemd.units.dropins') contentsLocal(ctx, value, out, from, to);
  else if (kind === 'passwd.users') sshKeysLocal(ctx, value, out, from, to);
  // A list entry is recorded even when empty, so a finding on a path the output fills in (Go's "") finds its
  // entry after a merge moved it (see sourceIn).
  if (Object.keys(out).length > 0 || typeof from[from.length - 1] === 'number') ctx.translations.add(from, to);
  return out;
}

/** Embeds contents as a `data:` URL in `out.source` (and `out.compression` when Butane writes one). */
function embed(ctx: TranslateContext, contents: Uint8Array, out: JsonObject, at: ConfigPath, to: ConfigPath): void {
  const current = typeof out.compression === 'string' ? out.compression : undefined;
  // fcos 1.0.0 (Ignition 3.0.0) neither compresses nor writes `compression`: Butane's first base spec.
  const first = ctx.spec.variant === 'fcos' && ctx.spec.version === '1.0.0';
  const choice = makeDataUrl(contents, current, !first);
  out.source = choice.source;
  ctx.translations.add(at, [...to, 'source']);
  if (choice.compression !== undefined && !first) {
    out.compression = choice.compression;
    ctx.translations.add(at, [...to, 'compression']);
  }
}

/**
 * A resource's `local` then `inline` (Butane's order; validation allows only one of them). An Ignition config
 * embedded from a `local` file is not checked (butane v0.29.0 checks only an `inline` one).
 */
function resource(
  ctx: TranslateContext,
  value: DecodedObject,
  out: JsonObject,
  from: ConfigPath,
  to: ConfigPath,
): void {
  if (typeof value.local === 'string') {
    const at = [...from, 'local'];
    const contents = ctx.readLocal(at, value.local);
    if (contents === undefined) return;
    embed(ctx, contents, out, at, to);
  }
  if (typeof value.inline === 'string') embed(ctx, Buffer.from(value.inline, 'utf8'), out, [...from, 'inline'], to);
}

/** `contents_local` of a unit or drop-in: the file's text becomes `contents`. */
function contentsLocal(
  ctx: TranslateContext,
  value: DecodedObject,
  out: JsonObject,
  from: ConfigPath,
  to: ConfigPath,
): void {
  if (typeof value.contents_local !== 'string' || value.contents_local === '') return;
  const at = [...from, 'contents_local'];
  const contents = ctx.readLocal(at, value.contents_local);
  if (contents === undefined) return;
  ctx.translations.add(at, [...to, 'contents']);
  out.contents = contents.toString('utf8');
}

/** `ssh_authorized_keys_local`: each non-empty line of each file is one more key. */
function sshKeysLocal(
  ctx: TranslateContext,
  value: DecodedObject,
  out: JsonObject,
  from: ConfigPath,
  to: ConfigPath,
): void {
  const files = value.ssh_authorized_keys_local;
  if (!Array.isArray(files) || files.length === 0) return;
  const at = [...from, 'ssh_authorized_keys_local'];
  ctx.translations.add(at, [...to, 'sshAuthorizedKeys']);
  if (!ctx.options.filesDir) {
    ctx.report(BUTANE.localFile, 'error', at, NO_FILES_DIR);
    return;
  }
  const keys: Json[] = Array.isArray(out.sshAuthorizedKeys) ? out.sshAuthorizedKeys : [];
  files.forEach((file, i) => {
    const contents = ctx.readLocal([...at, i], String(file));
    if (contents === undefined) return;
    for (const line of contents.toString('utf8').split(/\r?\n/)) {
      if (line === '') continue;
      ctx.translations.add([...at, i], [...to, 'sshAuthorizedKeys', keys.length]);
      keys.push(line);
    }
  });
  if (keys.length > 0) out.sshAuthorizedKeys = keys;
}

/** The base translation of the whole config into `ctx.ignition` (which holds `ignition.version` already). */
export function translateBase(ctx: TranslateContext): void {
  const src = ctx.source;
  const ignition = (ctx.ignition.ignition ?? {}) as JsonObject;
  if (isObject(src.ignition)) Object.assign(ignition, copy(ctx, src.ignition, ['ignition'], ['ignition']));
  ignition.version = ctx.spec.ignition;
  ctx.ignition.ignition = ignition;
  ctx.translations.add(['version'], ['ignition', 'version']);
  ctx.translations.add(['ignition'], ['ignition']);
  const sections: [string, string][] = [
    ['kernel_arguments', 'kernelArguments'],
    ['passwd', 'passwd'],
    ['storage', 'storage'],
    ['systemd', 'systemd'],
  ];
  for (const [key, to] of sections) {
    const value = src[key];
    if (isObject(value)) ctx.ignition[to] = copy(ctx, value, [key], [to]);
  }
}
