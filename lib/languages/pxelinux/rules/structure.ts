import type { Problem } from '../../../core/problem';
import type { Rule } from '../../../core/rule';
import { basename, dirname } from 'node:path';
import type { RuleContext } from '../../../core/ruleContext';
import type { Directive, LabelBlock, PxelinuxConfig } from '../ast';
import { KEYWORDS, MENU_KEYWORDS } from '../catalog';

function spec(directive: Directive) {
  return directive.name === 'menu' && directive.sub
    ? MENU_KEYWORDS.get(directive.sub.text.toLowerCase())
    : KEYWORDS.get(directive.name);
}

function title(directive: Directive): string {
  return directive.name === 'menu' && directive.sub
    ? `MENU ${directive.sub.text.toUpperCase()}`
    : directive.keyword.text.toUpperCase();
}

/** Per-entry MENU directives that, before any LABEL of a submenu, set the submenu's own entry (menu readconfig.c). */
const SUBMENU_ENTRY = new Set(['menu label', 'menu passwd', 'menu default']);
/** Global keywords each (sub)menu keeps for itself in menu.c32: inside MENU BEGIN they are that submenu's. */
const PER_MENU = new Set([
  'timeout',
  'ontimeout',
  'allowoptions',
  'f1',
  'f2',
  'f3',
  'f4',
  'f5',
  'f6',
  'f7',
  'f8',
  'f9',
  'f10',
  'f11',
  'f12',
  'f0',
]);

function key(directive: Directive): string {
  return directive.name === 'menu' && directive.sub ? `menu ${directive.sub.text.toLowerCase()}` : directive.name;
}

interface Placed {
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
function placed(config: PxelinuxConfig): Placed[] {
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
    out.push({ directive, ...(label ? { label } : {}), depth, unknown });
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

export const misplacedKeyword: Rule<PxelinuxConfig> = {
  id: 'pxelinux.misplacedKeyword',
  language: 'pxelinux',
  severity: 'warning',
  summary:
    'A per-entry keyword (KERNEL-type, TEXT HELP, MENU LABEL, …) where no LABEL is open: SYSLINUX and menu.c32 drop it.',
  example: 'LINUX vmlinuz\nLABEL fcos',
  fix: 'Move it under the LABEL it belongs to.',
  levelWhy:
    "Warning: the line is parsed and then dropped with the empty entry, so the kernel, help text or menu label it gives never shows. Before a submenu's first LABEL, MENU LABEL/PASSWD/DEFAULT name the submenu itself and are not flagged.",
  check(config, _text, context) {
    const problems: Problem[] = [];
    const top = topLevel(context);
    for (const { directive, label, depth, unknown } of placed(config)) {
      if (label || unknown || spec(directive)?.where !== 'label' || directive.name === 'endtext') continue;
      // In a submenu (MENU BEGIN here, or this file MENU INCLUDEd with a tag) these set the submenu's entry.
      if (SUBMENU_ENTRY.has(key(directive)) && (depth > 0 || !top)) continue;
      const what = directive.name === 'text' ? `${title(directive)} … ENDTEXT` : title(directive);
      problems.push({
        ruleId: this.id,
        start: directive.keyword.start,
        end: (directive.sub ?? directive.keyword).end,
        message: `${what} comes before any LABEL of its menu, so it belongs to no entry and SYSLINUX drops it. Move it under its LABEL.`,
      });
    }
    return problems;
  },
};

export const globalInLabel: Rule<PxelinuxConfig> = {
  id: 'pxelinux.globalInLabel',
  language: 'pxelinux',
  severity: 'hint',
  summary:
    'A global keyword (TIMEOUT, UI, MENU TITLE, …) written inside a LABEL entry: it still applies to the whole menu.',
  example: 'LABEL fcos\n  KERNEL vmlinuz\n  TIMEOUT 50',
  fix: 'Move it above the first LABEL, where readers look for global settings.',
  levelWhy:
    'Hint: SYSLINUX applies it all the same (the last one given wins), so the boot is as written; only a reader may take it for a per-entry setting.',
  check(config) {
    const problems: Problem[] = [];
    for (const { directive, label, depth, unknown } of placed(config)) {
      if (!label || unknown || spec(directive)?.where !== 'global') continue;
      // Inside MENU BEGIN … MENU END, MENU settings and the menu timeouts belong to that submenu.
      if (depth > 0 && (directive.name === 'menu' || PER_MENU.has(directive.name))) continue;
      problems.push({
        ruleId: this.id,
        start: directive.keyword.start,
        end: (directive.sub ?? directive.keyword).end,
        message: `${title(directive)} is a global setting: inside LABEL ${label.name.text} it still applies to the whole menu. Move it above the first LABEL.`,
      });
    }
    return problems;
  },
};

/** Names DEFAULT, ONTIMEOUT, ONERROR and MENU GOTO boot by (the first word of each). */
function referencedNames(config: PxelinuxConfig): Set<string> {
  const names = new Set<string>();
  for (const d of config.directives) {
    if (['default', 'ontimeout', 'onerror'].includes(d.name) || key(d) === 'menu goto')
      names.add(d.argument?.text.split(/\s+/)[0] ?? '');
  }
  return names;
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

export const duplicateLabel: Rule<PxelinuxConfig> = {
  id: 'pxelinux.duplicateLabel',
  language: 'pxelinux',
  severity: 'warning',
  summary:
    'Two LABELs with the same name where it matters: DEFAULT, ONTIMEOUT, MENU GOTO and the boot: prompt only ever reach the first.',
  example: 'DEFAULT fcos\nLABEL fcos\n  KERNEL a\nLABEL fcos\n  KERNEL b',
  fix: 'Rename one of them.',
  levelWhy:
    'Warning: the second entry cannot be booted by name. With a menu module and no reference by name both entries stay reachable from the menu, so the rule is quiet there.',
  check(config) {
    const seen = new Map<string, Directive>();
    const problems: Problem[] = [];
    const referenced = referencedNames(config);
    const menu = usesMenu(config);
    for (const label of config.labels) {
      const first = seen.get(label.name.text);
      if (first && (!menu || referenced.has(label.name.text))) {
        const why = menu
          ? `DEFAULT/ONTIMEOUT/MENU GOTO \`${label.name.text}\` boots the first one`
          : 'at the boot: prompt only the first one can be booted';
        problems.push({
          ruleId: this.id,
          start: label.name.start,
          end: label.name.end,
          message: `LABEL ${label.name.text} is defined twice: ${why}.`,
          related: [{ start: first.start, end: first.end, message: 'first definition' }],
        });
      } else if (label.name.text && !first) seen.set(label.name.text, label.directive);
    }
    return problems;
  },
};

export const duplicateDefault: Rule<PxelinuxConfig> = {
  id: 'pxelinux.duplicateDefault',
  language: 'pxelinux',
  severity: 'warning',
  summary: 'DEFAULT (or UI, or MENU DEFAULT) given more than once: only the last one counts.',
  example: 'DEFAULT fcos\nDEFAULT local',
  fix: 'Keep only the one you mean, usually the last.',
  levelWhy: 'Warning: SYSLINUX silently uses the last one, so the earlier line, which its author meant, does nothing.',
  check(config) {
    const problems: Problem[] = [];
    const last = new Map<string, Directive>();
    // Each submenu (MENU BEGIN … MENU END) has its own MENU DEFAULT.
    const menus = [0];
    let nextMenu = 1;
    for (const directive of config.directives) {
      const sub = directive.name === 'menu' ? directive.sub?.text.toLowerCase() : undefined;
      if (sub === 'begin') menus.push(nextMenu++);
      if (sub === 'end' && menus.length > 1) menus.pop();
      const k =
        directive.name === 'default' || directive.name === 'ui'
          ? directive.name
          : sub === 'default'
            ? `menu default ${menus.at(-1) ?? 0}`
            : undefined;
      if (!k) continue;
      const earlier = last.get(k);
      if (earlier) {
        problems.push({
          ruleId: this.id,
          start: earlier.keyword.start,
          end: earlier.end,
          message: `${title(earlier)} is given again further down; this one is ignored.`,
          related: [{ start: directive.start, end: directive.end, message: 'the one that counts' }],
        });
      }
      last.set(k, directive);
    }
    return problems;
  },
};

export const initrdTwice: Rule<PxelinuxConfig> = {
  id: 'pxelinux.initrdTwice',
  language: 'pxelinux',
  severity: 'warning',
  summary:
    'An entry gives its initrd both with INITRD and as initrd= in APPEND: the kernel receives two initrd= arguments.',
  example: 'LABEL fcos\n  KERNEL vmlinuz\n  INITRD initrd.img\n  APPEND initrd=initrd.img',
  fix: 'Keep one of them (INITRD is clearer).',
  levelWhy:
    'Warning: the kernel gets two initrd= arguments and which files are loaded differs between SYSLINUX versions; usually a leftover of moving APPEND initrd= to INITRD.',
  check(config) {
    const problems: Problem[] = [];
    for (const label of config.labels) {
      const initrd = label.directives.find((d) => d.name === 'initrd');
      const append = label.directives.find(
        (d) => d.name === 'append' && d.argument && /(^|\s)initrd=/.test(d.argument.text),
      );
      const match = append?.argument && /(?:^|\s)(initrd=\S*)/.exec(append.argument.text);
      if (!initrd || !append?.argument || !match) continue;
      const at = append.argument.start + match.index + match[0].length - (match[1] as string).length;
      const end = at + (match[1] as string).length;
      problems.push({
        ruleId: this.id,
        start: at,
        end,
        message: `LABEL ${label.name.text} has INITRD and also initrd= in APPEND: drop one.`,
        related: [{ start: initrd.start, end: initrd.end, message: 'INITRD here' }],
      });
    }
    return problems;
  },
};
