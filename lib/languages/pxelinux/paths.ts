import { dirname, join, posix, sep } from 'node:path';
import { servedPath, type RuleContext } from '../../core/ruleContext';

/**
 * The TFTP root a config's relative names resolve against: the folder above `pxelinux.cfg/`, or the site's
 * TFTP root when the config lives inside it, or the folder itself when a loader sits beside it. Undefined
 * elsewhere (an ISO's or a disk's config), where file checks would only guess.
 */
export function tftpRootOf(context: RuleContext): string | undefined {
  if (!context.path) return undefined;
  const dir = dirname(context.path);
  if (/[\\/]pxelinux\.cfg$/i.test(dir)) return dirname(dir);
  // A config beside a network loader (a MENU INCLUDE file, a DHCP option 209 config) is in the TFTP root.
  if (context.files?.list(dir)?.some((name) => /^(l|g)?pxelinux\.0$|^syslinux\.efi$/.test(name))) return dir;
  const root = context.site?.tftpRoot;
  return root && (dir === root || dir.startsWith(root + sep)) ? root : undefined;
}

/**
 * Where a KERNEL/INITRD/UI name lives on disk: relative names (and `::/abs` names) under the TFTP root,
 * `http://` URLs through the site's HTTP base URL. Undefined when it cannot be known (another host, a
 * `${…}`-style placeholder, no context).
 */
export function localPath(name: string, context: RuleContext): string | undefined {
  if (/[{}%$]/.test(name)) return undefined;
  if (/^(https?|ftp):\/\//i.test(name)) return servedPath(context.site?.http, name);
  if (/^[\w.-]+::/.test(name)) return undefined; // another TFTP server
  const root = tftpRootOf(context);
  if (!root) return undefined;
  const relative = posix.normalize(name.replace(/^::/, '/')).replace(/^\/+/, '');
  if (relative.startsWith('..')) return undefined;
  return join(root, ...relative.split('/'));
}

/** The host of an http(s)/ftp URL. */
export function urlHost(url: string): string | undefined {
  return /^(?:https?|ftp):\/\/(?:[^@/]*@)?(\[[^\]]+\]|[^:/?#]+)/i.exec(url)?.[1];
}
