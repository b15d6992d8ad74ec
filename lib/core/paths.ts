/**
 * Cheap twins of `dirname` and `join` for resolved paths, for the lookups a site's first check repeats
 * hundreds of times (every file the chain or a rule asks about, every folder on the way to the site file).
 * node's versions scan and normalise the whole path on each call (`dirname` got hot enough for TurboFan
 * while a site opened). On Windows (another separator, drive roots) they are node's own.
 */
import { dirname, join, sep } from 'node:path';

/** `dirname(path)` for a resolved path (no trailing separator but the root's). */
export function parentOf(path: string): string {
  if (sep !== '/') return dirname(path);
  const slash = path.lastIndexOf('/');
  return slash > 0 ? path.slice(0, slash) : slash === 0 ? '/' : '.';
}

/** `join(dir, name)` for a resolved folder and a plain name (no separator, not `.` or `..`). */
export function childOf(dir: string, name: string): string {
  if (sep !== '/') return join(dir, name);
  return dir.endsWith('/') ? dir + name : `${dir}/${name}`;
}
