import type { Problem } from '../../../core/problem';
import { changeTo, report } from '../../../core/rule';
import { didYouMean } from '../../../core/suggest';
import type { Assignment, GrubConfig, MenuEntry } from '../ast';
import { grubRule } from './shared';

/** Commands that add entries this file cannot see (another file's, BootLoaderSpec snippets, a SYSLINUX menu). */
const ADDS_ENTRIES = /^(source|\.|configfile|blscfg|bls_import|syslinux_source|legacy_source|extract_\w+)$/;

/** GRUB's reading of a number: leading digits, `0x` hex, a leading 0 octal (kern/misc.c grub_strtoull). */
function leadingNumber(text: string): number | undefined {
  const m = /^\s*(0x[0-9a-f]+|0[0-7]+|\d+)/i.exec(text);
  if (!m) return undefined;
  const digits = m[1] as string;
  return /^0x/i.test(digits)
    ? Number.parseInt(digits.slice(2), 16)
    : /^0\d/.test(digits)
      ? Number.parseInt(digits, 8)
      : Number(digits);
}

/** `a>b>c` split where GRUB splits it (`>>` stands for a literal `>`). */
function pathParts(spec: string): string[] {
  return spec.split(/(?<!>)>(?!>)/).map((p) => p.replace(/>>/g, '>'));
}

const named = (e: MenuEntry): string =>
  `'${e.title?.value ?? ''}'${e.id && e.id.value !== e.title?.value ? ` (--id ${e.id.value})` : ''}`;

/** The menu a `default` set here applies to: the top level's, a submenu's, or none (inside an entry or a function). */
function menuOf(config: GrubConfig, a: Assignment): MenuEntry[] | undefined {
  const where = config.placement.get(a.command);
  if (where?.inFunction) return undefined;
  if (!where?.entry) return config.entries;
  return where.entry.kind === 'submenu' ? where.entry.entries : undefined;
}

/** True when this file alone shows every entry of that menu (literal titles, none from elsewhere). */
function knowable(config: GrubConfig, menu: MenuEntry[], owner: MenuEntry | undefined): boolean {
  if (menu.length === 0) return false;
  // A `$` even in single quotes: templates (Cheetah, shell) fill those in before GRUB sees the file.
  if (
    menu.some(
      (e) => !e.title || e.title.template || e.title.value.includes('$') || e.id?.value.includes('$') || e.id?.template,
    )
  )
    return false;
  if (config.allEntries.some((e) => config.placement.get(e.command)?.inFunction)) return false;
  return !config.commands.some((c) => {
    if (!ADDS_ENTRIES.test(c.name.value) && !c.name.vars.length) return false;
    const where = config.placement.get(c);
    return owner ? where?.entry === owner : !where?.entry;
  });
}

export const unknownDefault = grubRule({
  id: 'grub.unknownDefault',
  language: 'grub',
  severity: 'warning',
  summary:
    '`default` names no menu entry of its menu (by number from 0, title, `--id`, or `submenu>entry`): GRUB boots the ' +
    'first entry instead.',
  example: "set default=fcos\nmenuentry 'Fedora CoreOS' --id fedora-coreos {\n  linux /vmlinuz\n}",
  fix: "Use the entry's exact title or its --id (the message lists them), or its number counting from 0.",
  levelWhy:
    'Warning: when the timeout ends the machine boots the first entry, which is often not the one meant (a local ' +
    'disk, an installer). Only checked when every entry of that menu is written literally in this file.',
  check(config) {
    const problems: Problem[] = [];
    for (const a of config.assignments) {
      if (a.name !== 'default' || !a.value || a.value.template || a.value.hasVariable) continue;
      const spec = a.value.text;
      if (!spec.trim() || spec === 'saved') continue;
      const menu = menuOf(config, a);
      const owner = config.placement.get(a.command)?.entry;
      if (!menu || !knowable(config, menu, owner)) continue;
      const why = resolve(spec, menu);
      if (!why) continue;
      const near = didYouMean(
        pathParts(spec)[0] as string,
        menu.flatMap((e) => [e.title?.value ?? '', e.id?.value ?? '']).filter(Boolean),
      );
      problems.push(
        report(
          this,
          a.value,
          `${why} GRUB boots the first entry instead.${near ? ` Did you mean \`${near}\`?` : ''}`,
          near && !/^\d/.test(near) && a.value.text === spec && !/[\s'"\\]/.test(near)
            ? { fixes: [changeTo(a.value, near)] }
            : undefined,
        ),
      );
    }
    return problems;
  },
});

/** Why `spec` matches no entry of `menu`, or undefined when it does. */
function resolve(spec: string, menu: MenuEntry[]): string | undefined {
  const [head, ...rest] = pathParts(spec);
  const first = head as string;
  const number = leadingNumber(first);
  let entry: MenuEntry | undefined;
  if (number !== undefined) {
    const titled = menu.find((e) => e.title?.value === first || e.id?.value === first);
    if (titled && !/^\d+$/.test(first))
      return (
        `\`default\` is \`${spec}\`: GRUB reads a value that starts with digits as the number ${number}, never as ` +
        `the title ${named(titled)}. Give the entry an --id that starts with a letter and use that.`
      );
    const conditional = menu.filter((e) => e.conditional).length;
    entry = menu[number];
    if (!entry)
      return (
        `\`default\` is entry ${number} (counting from 0), but this menu has ${menu.length} ` +
        `entr${menu.length === 1 ? 'y' : 'ies'}${conditional ? ` (${conditional} of them only under a condition)` : ''}.`
      );
  } else {
    entry = menu.find((e) => e.title?.value === first || e.id?.value === first);
    if (!entry)
      return (
        `\`default\` is \`${first}\`, but no entry of this menu has that title or --id ` +
        `(${menu.slice(0, 6).map(named).join(', ')}${menu.length > 6 ? ', …' : ''}).`
      );
  }
  if (
    rest.length &&
    entry.kind === 'submenu' &&
    entry.entries.length &&
    !entry.entries.some((e) => e.title?.template || e.title?.vars.length)
  ) {
    const inner = resolve(rest.join('>'), entry.entries);
    if (inner) return inner.replace('this menu', `submenu ${named(entry)}`);
  }
  return undefined;
}
