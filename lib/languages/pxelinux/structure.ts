/** How SYSLINUX and menu.c32 file a config's directives: entries, submenus, top-level configs, menus. */
import { basename, dirname } from 'node:path';
import type { RuleContext } from '../../core/ruleContext';
import type { Directive, LabelBlock, PxelinuxConfig } from './ast';
import { KEYWORDS, MENU_KEYWORDS } from './catalog';

/** The catalog entry of a directive (a MENU directive's own for `MENU x`). */
export function spec(directive: Directive) {
  return directive.name === 'menu' && directive.sub
    ? MENU_KEYWORDS.get(directive.sub.text.toLowerCase())
    : KEYWORDS.get(directive.name);
}

/** The directive as messages name it: `TIMEOUT`, `MENU LABEL`. */
export function title(directive: Directive): string {
  return directive.name === 'menu' && directive.sub
    ? `MENU ${directive.sub.text.toUpperCase()}`
    : directive.keyword.text.toUpperCase();
}

/** The directive as a lower-case key: `timeout`, `menu label`. */
export function key(directive: Directive): string {
  return directive.name === 'menu' && directive.sub ? `menu ${directive.sub.text.toLowerCase()}` : directive.name;
}

export interface Placed {
  directive: Directive;
  /** The LABEL the directive falls under in its (sub)menu, if any. */
  label?: LabelBlock;
  /** MENU BEGIN nesting depth. */
  depth: number;
  /** After a plain INCLUDE the open entry is the included file's last one, which this file cannot see. */
  unknown: boolean;
}

/**
 * Directives with where SYSLINUX's menu parser files them: MENU BEGIN/END, MENU SEPARATOR and a tagged
 * MENU INCLUDE close the current entry, as `record()` does in menu readconfig.c.
 */
export function placed(config: PxelinuxConfig): Placed[] {
  let found = placedBy.get(config);
  if (!found) placedBy.set(config, (found = place(config)));
  return found;
}

/** Worked out once per parse: two rules read it. */
const placedBy = new WeakMap<PxelinuxConfig, Placed[]>();

function place(config: PxelinuxConfig): Placed[] {
  const byStart = new Map(config.labels.map((l) => [l.directive.start, l]));
  const out: Placed[] = [];
  let label: LabelBlock | undefined;
  let depth = 0;
  let unknown = false;
  for (const directive of config.directives) {
    const k = key(directive);
    if (directive.name === 'label') {
      label = byStart.get(directive.start);
      unknown = false;
    } else if (k === 'include' || (k === 'menu include' && !/\s/.test(directive.argument?.text ?? ''))) {
      unknown = true;
      continue;
    } else if (
      k === 'menu begin' ||
      k === 'menu end' ||
      k === 'menu separator' ||
      (k === 'menu include' && /\s/.test(directive.argument?.text ?? ''))
    ) {
      label = undefined;
      unknown = false;
      if (k === 'menu begin') depth++;
      if (k === 'menu end') depth = Math.max(0, depth - 1);
      continue;
    }
    const entry: Placed = { directive, depth, unknown };
    if (label) entry.label = label;
    out.push(entry);
  }
  return out;
}

/** A config SYSLINUX reads first (never as a submenu): its lookup names in pxelinux.cfg/, or the loader's own file. */
export function topLevel(context: RuleContext): boolean {
  if (!context.path) return true;
  const name = basename(context.path).toLowerCase();
  if (['isolinux.cfg', 'syslinux.cfg', 'extlinux.conf'].includes(name)) return true;
  if (!/[\\/]pxelinux\.cfg$/i.test(dirname(context.path))) return false;
  return (
    name === 'default' ||
    /^[0-9a-f]{1,8}$/.test(name) ||
    /^[0-9a-f]{2}(-[0-9a-f]{2}){6}$/.test(name) ||
    /^[0-9a-f]{8}(-[0-9a-f]{4}){3}-[0-9a-f]{12}$/.test(name)
  );
}

/** True when the config starts a menu module: `UI x.c32`, or the 3.x style `DEFAULT menu.c32`. */
export function usesMenuModule(config: PxelinuxConfig): boolean {
  return config.directives.some(
    (d) => d.name === 'ui' || (d.name === 'default' && /(^|\/)(vesa)?menu\.c32(\s|$)/i.test(d.argument?.text ?? '')),
  );
}

/** True when a menu module shows the entries (or MENU lines say the file is written for one, as an included file). */
export function usesMenu(config: PxelinuxConfig): boolean {
  return usesMenuModule(config) || config.directives.some((d) => d.name === 'menu');
}
