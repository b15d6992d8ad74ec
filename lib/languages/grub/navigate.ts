import { dirname, join } from 'node:path';
import type { Definition } from '../../core/language';
import type { RuleContext } from '../../core/ruleContext';
import type { GrubConfig, MenuEntry } from './ast';
import { grubFileRefs, localPathOf } from './fileRefs';

const inside = (s: { start: number; end: number }, offset: number): boolean => offset >= s.start && offset <= s.end;

/** The entry `spec` names in `menu` (number, title or --id; `a>b` into a submenu). */
function entryNamed(menu: MenuEntry[], spec: string): MenuEntry | undefined {
  const [head, ...rest] = spec.split(/(?<!>)>(?!>)/);
  const entry = /^\d+$/.test(head ?? '')
    ? menu[Number(head)]
    : menu.find((e) => e.title?.value === head || e.id?.value === head);
  return entry && rest.length && entry.entries.length ? (entryNamed(entry.entries, rest.join('>')) ?? entry) : entry;
}

/**
 * `default` leads to its entry; `source`/`configfile` (and the kernel, initrd) to the file; a function call
 * to the function.
 */
export function definitionGrub(config: GrubConfig, _text: string, offset: number, context?: RuleContext): Definition[] {
  const assignment = config.assignments.find((a) => a.name === 'default' && a.value && inside(a.value, offset));
  if (assignment?.value) {
    const where = config.placement.get(assignment.command)?.entry;
    const entry = entryNamed(where?.kind === 'submenu' ? where.entries : config.entries, assignment.value.text);
    const target = entry?.title ?? entry?.command.name;
    if (target) return [{ start: target.start, end: target.end }];
  }
  const ref = grubFileRefs(config).find((r) => inside(r.word, offset));
  if (ref && context) {
    const path =
      localPathOf(ref, context) ??
      (context.path && ref.protocol === 'root' && !ref.base ? join(dirname(context.path), ref.path) : undefined);
    if (path && context.files?.exists(path)) return [{ start: 0, end: 0, file: path }];
  }
  const call = config.commands.find((c) => inside(c.name, offset));
  const fn = call && config.functions.find((f) => f.name?.value === call.name.value);
  if (fn?.name) return [{ start: fn.name.start, end: fn.name.end }];
  return [];
}
