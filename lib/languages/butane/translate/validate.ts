/**
 * Butane's checks of the decoded config that come before the translation (its Validate methods of the base
 * spec): one source per resource, one of `contents`/`contents_local`, modes that look like decimal. The
 * variant's checks (mount units, trees, boot device, GRUB) are fcos.ts's `validateSugar`.
 */
import type { ConfigPath } from '../ast';
import { BUTANE } from '../ruleIds';
import type { Decoded, DecodedObject, TranslateContext } from './context';
import { validateEmbeddedConfig } from './embedded';

const isObject = (v: Decoded | undefined): v is DecodedObject =>
  v !== undefined && typeof v === 'object' && !Array.isArray(v);
const objects = (v: Decoded | undefined): DecodedObject[] => (Array.isArray(v) ? v.filter(isObject) : []);
const object = (v: Decoded | undefined): DecodedObject => (isObject(v) ? v : {});

/** Butane's isTypicalMode: permissions a person would choose (readable, x only with r, no odd special bits). */
export function isTypicalMode(mode: number, directory: boolean): boolean {
  if (mode === 0) return true;
  let hadR = false;
  let hadW = false;
  let hadX = false;
  for (const perm of [mode & 0o7, (mode & 0o70) >> 3, (mode & 0o700) >> 6]) {
    const r = (perm & 4) !== 0;
    const w = (perm & 2) !== 0;
    const x = (perm & 1) !== 0;
    if ((!r && hadR) || (!w && hadW) || (!x && hadX)) return false;
    if (x && hadR && !hadX) return false;
    if ((w || x) && !r) return false;
    hadR ||= r;
    hadW ||= w;
    hadX ||= x;
  }
  if (!hadR) return false;
  if (directory) return hadX && (mode & 0o4000) === 0 && ((mode & 0o3000) === 0 || hadW);
  if ((mode & 0o6000) !== 0 && (!hadX || (mode & 2) !== 0)) return false;
  return (mode & 0o1000) === 0;
}

/** The octal reading of a mode written as decimal digits (`644` → 0o644), or undefined. */
export function decimalModeToOctal(mode: number): number | undefined {
  if (mode < 0 || mode > 7777 || !Number.isInteger(mode)) return undefined;
  let out = 0;
  for (let divisor = 1000; divisor > 0; divisor = Math.floor(divisor / 10)) {
    const digit = Math.floor(mode / divisor) % 10;
    if (digit > 7) return undefined;
    out = out * 8 + digit;
  }
  return out;
}

/** True when a mode is odd as written but typical read as octal: `mode: 644` meant `0644`. */
export function looksDecimal(mode: number, directory: boolean): boolean {
  const octal = decimalModeToOctal(mode);
  return octal !== undefined && !isTypicalMode(mode, directory) && isTypicalMode(octal, directory);
}

function checkMode(ctx: TranslateContext, node: DecodedObject, at: ConfigPath, directory: boolean): void {
  if (typeof node.mode !== 'number' || !looksDecimal(node.mode, directory)) return;
  const octal = (decimalModeToOctal(node.mode) ?? 0).toString(8).padStart(4, '0');
  ctx.report(
    BUTANE.decimalMode,
    'warning',
    [...at, 'mode'],
    `unreasonable mode would be reasonable if specified in octal; remember to add a leading zero (${node.mode} is ` +
      `0${node.mode.toString(8)} in octal; write ${octal}).`,
  );
}

/** One of `local`, `inline`, `source`; an inline Ignition config must be one. */
function checkResource(ctx: TranslateContext, res: DecodedObject, at: ConfigPath): void {
  const set = (['local', 'inline', 'source'] as const).filter((k) => res[k] !== undefined);
  if (set.length > 1) {
    // Butane names the last one set; fcos 1.0.0 (Ignition 3.0.0, no `local` yet) names `inline`.
    const named = ctx.spec.ignition === '3.0.0' ? 'inline' : (set[set.length - 1] as string);
    ctx.report(
      BUTANE.tooManySources,
      'error',
      [...at, named],
      `only one of the following can be set: inline, local, source (this one sets ${set.join(' and ')}). Keep one.`,
    );
    return;
  }
  if (at[0] === 'ignition' && at[1] === 'config' && set[0] === 'inline' && typeof res.inline === 'string')
    validateEmbeddedConfig(ctx, at, 'inline', Buffer.from(res.inline, 'utf8'));
}

function checkSystemd(ctx: TranslateContext, node: DecodedObject, at: ConfigPath): void {
  if (node.contents !== undefined && node.contents_local !== undefined)
    ctx.report(
      BUTANE.tooManySources,
      'error',
      [...at, 'contents_local'],
      'only one of the following can be set: contents, contents_local. Keep one.',
    );
}

function checkResources(ctx: TranslateContext): void {
  const ignition = object(ctx.source.ignition);
  const config = object(ignition.config);
  objects(config.merge).forEach((r, i) => checkResource(ctx, r, ['ignition', 'config', 'merge', i]));
  if (isObject(config.replace)) checkResource(ctx, config.replace, ['ignition', 'config', 'replace']);
  const tls = object(object(ignition.security).tls);
  objects(tls.certificate_authorities).forEach((r, i) =>
    checkResource(ctx, r, ['ignition', 'security', 'tls', 'certificate_authorities', i]),
  );
  const storage = object(ctx.source.storage);
  objects(storage.files).forEach((f, i) => {
    if (isObject(f.contents)) checkResource(ctx, f.contents, ['storage', 'files', i, 'contents']);
    objects(f.append).forEach((r, j) => checkResource(ctx, r, ['storage', 'files', i, 'append', j]));
  });
  objects(storage.luks).forEach((l, i) => {
    if (isObject(l.key_file)) checkResource(ctx, l.key_file, ['storage', 'luks', i, 'key_file']);
  });
}

/** Butane's base Validate methods, in the order its walk meets them. */
export function validateBase(ctx: TranslateContext): void {
  checkResources(ctx);
  const storage = object(ctx.source.storage);
  objects(storage.directories).forEach((d, i) => checkMode(ctx, d, ['storage', 'directories', i], true));
  objects(storage.files).forEach((f, i) => checkMode(ctx, f, ['storage', 'files', i], false));
  const systemd = object(ctx.source.systemd);
  objects(systemd.units).forEach((u, i) => {
    checkSystemd(ctx, u, ['systemd', 'units', i]);
    objects(u.dropins).forEach((d, j) => checkSystemd(ctx, d, ['systemd', 'units', i, 'dropins', j]));
  });
}
