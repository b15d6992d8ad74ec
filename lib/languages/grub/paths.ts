/**
 * GRUB's device and path syntax, as grub-core/net/net.c and kern/file.c read it: `(tftp)/p`, `(tftp,host)/p`,
 * `(http,host:port)/p`, `(pxe)/p`, `($root)/p`, `$prefix/p`, and a bare `/p` (or `p`) on `$root`, which on a
 * network boot is `tftp,<the server GRUB came from>`. Where such a path is on disk: the TFTP root or the
 * site's HTTP folder.
 */
import { basename, dirname, join, posix, sep } from 'node:path';
import { servedPath, type RuleContext } from '../../core/ruleContext';

export type Protocol = 'tftp' | 'http' | 'root' | 'other';

/** A device as GRUB names it (without the parentheses). */
export interface Device {
  protocol: Protocol;
  /** The literal host (with its `:port`), absent for the default server or a variable. */
  host?: string;
  /** The variable naming the host (`http_server` in `(http,${http_server})`), when it is not the default server. */
  hostVariable?: string;
}

export interface GrubPath extends Device {
  /** The path on that device, without the leading `/` (may hold `$variables`). */
  path: string;
  /** `$prefix/…` or `$config_directory/…`: the path is relative to that folder. */
  base?: 'prefix' | 'config_directory';
}

const DEFAULT_SERVER = /^\$\{?(net_default_server|pxe_default_server)\}?$/;

/** Reads a device name such as `tftp,10.0.0.1`, `http`, `pxe:host`, `$root`, `hd0,gpt1`. */
export function parseDevice(name: string): Device {
  const device = name.trim();
  if (/^\$\{?root\}?$/.test(device)) return { protocol: 'root' };
  const m = /^(tftp|http|pxe)(?:([,:])(.*))?$/i.exec(device);
  if (!m) return { protocol: 'other' };
  const protocol: Protocol = (m[1] as string).toLowerCase() === 'http' ? 'http' : 'tftp';
  const host = m[3];
  if (host === undefined || host === '' || DEFAULT_SERVER.test(host)) return { protocol };
  if (/\$/.test(host)) {
    const variable = /^\$\{?(\w+)\}?/.exec(host)?.[1];
    return { protocol, ...(variable ? { hostVariable: variable } : {}) };
  }
  return { protocol, host };
}

/** Reads a file name as GRUB does: `(device)/path`, `$prefix/path`, `/path` or `path` (on `$root`). */
export function parseGrubPath(value: string): GrubPath | undefined {
  const name = value.trim();
  if (!name || /^[a-z][a-z0-9+.-]*:\/\//i.test(name)) return undefined;
  const device = /^\(([^)]*)\)(.*)$/s.exec(name);
  if (device) {
    const rest = device[2] as string;
    // A blocklist (`(hd0)+1`) or a device alone names no file.
    if (!rest.startsWith('/')) return undefined;
    return { ...parseDevice(device[1] as string), path: rest.replace(/^\/+/, '') };
  }
  const based = /^\$\{?(prefix|config_directory)\}?(\/.*)?$/.exec(name);
  if (based)
    return { protocol: 'root', path: (based[2] ?? '').replace(/^\/+/, ''), base: based[1] as GrubPath['base'] };
  if (/^\+\d/.test(name) || /^\$/.test(name)) return undefined;
  return { protocol: 'root', path: name.replace(/^\/+/, '') };
}

/** Loader names a TFTP root for GRUB holds (GRUB itself, shim, or the loaders that share the root). */
const LOADER = new RegExp(
  String.raw`^(grub(net)?(x64|aa64|ia32|riscv64)?(-installer)?\.efi|(bootnet|shim|boot)(x64|aa64|ia32)?\.efi|` +
    String.raw`core\.(efi|0)|l?pxelinux\.0|undionly\.kpxe|ipxe\.efi|snponly\.efi)(\.signed)?$`,
  'i',
);
/** Folders GRUB keeps its modules (and a platform's core image) in. */
const PLATFORM_DIR =
  /^(x86_64|i386|arm64|arm|riscv64|loongarch64|ia64)-(efi|pc|ieee1275|coreboot|xen)$|^powerpc-ieee1275$/;

/** True for a file name that is a network boot loader (GRUB, shim, or another in the same root). */
export function isLoaderName(name: string): boolean {
  return LOADER.test(name);
}

/**
 * The TFTP root a GRUB config's paths resolve against: the site's TFTP root when the config lives in it;
 * otherwise the nearest folder above it (up to three levels) that holds a network loader, or that holds a
 * `<platform>/core.efi` under `grub/` or `boot/grub/` (grub-mknetdir's layout). Undefined elsewhere.
 */
export function tftpRootOf(context: RuleContext): string | undefined {
  if (!context.path) return undefined;
  const root = context.site?.tftpRoot;
  const dir = dirname(context.path);
  if (root && (dir === root || dir.startsWith(root + sep))) return root;
  return loaderRootOf(context);
}

/** The folder found by a loader in it (see tftpRootOf), without the site. */
export function loaderRootOf(context: RuleContext): string | undefined {
  if (!context.path || !context.files) return undefined;
  let dir = dirname(context.path);
  for (let level = 0; level < 4; level++) {
    const names = context.files.list(dir) ?? [];
    if (names.some((n) => LOADER.test(n))) return dir;
    const platform = names.find(
      (n) => PLATFORM_DIR.test(n) && context.files?.list(join(dir, n))?.some((m) => /^core\.(efi|0|elf)$/.test(m)),
    );
    if (platform) {
      if (/[\\/]boot[\\/]grub2?$/.test(dir)) return dirname(dirname(dir));
      if (/^grub2?$/.test(basename(dir))) return dirname(dir);
      return dir;
    }
    const up = dirname(dir);
    if (up === dir) break;
    dir = up;
  }
  return undefined;
}

/**
 * `$prefix` of the config, relative to the TFTP root: its folder (the platform folder's parent for Debian's
 * `grub/x86_64-efi/grub.cfg`).
 */
export function prefixOf(context: RuleContext, root: string): string | undefined {
  if (!context.path) return undefined;
  let dir = dirname(context.path);
  if (PLATFORM_DIR.test(basename(dir))) dir = dirname(dir);
  if (dir !== root && !dir.startsWith(root + sep)) return undefined;
  return dir.slice(root.length).split(sep).filter(Boolean).join('/');
}

/**
 * Where a GRUB path is on disk: TFTP paths (the default server, or the site's TFTP server by name) under
 * the TFTP root; HTTP paths through the site's HTTP base URL. Undefined when it cannot be known (another
 * host, a variable, a local disk, no context).
 */
export function localPathOfPath(p: GrubPath, context: RuleContext): string | undefined {
  if (/\$/.test(p.path) || p.hostVariable) return undefined;
  const site = context.site;
  if (p.protocol === 'http') {
    const host = p.host ?? site?.tftpServer;
    return host ? servedPath(site?.http, `http://${host}/${p.path}`) : undefined;
  }
  if (p.protocol === 'other') return undefined;
  if (p.protocol === 'tftp' && p.host && p.host !== site?.tftpServer) return undefined;
  const root = tftpRootOf(context);
  if (!root) return undefined;
  let relative = p.path;
  if (p.base === 'prefix') {
    const prefix = prefixOf(context, root);
    if (prefix === undefined) return undefined;
    relative = posix.join(prefix, p.path);
  } else if (p.base === 'config_directory') {
    if (!context.path) return undefined;
    return join(dirname(context.path), ...p.path.split('/').filter(Boolean));
  }
  const normal = posix.normalize(relative.replace(/^\/+/, '') || '.');
  if (normal === '..' || normal.startsWith('../')) return undefined;
  return join(root, ...normal.split('/').filter(Boolean));
}
