import type { Completion, Span } from '../../core/language';
import type { IpxeScript } from './ast';
import { COMMAND_LINE_COMMANDS, COMMANDS, COREOS_ARGS, SETTING_SCOPES, SETTING_TYPES, SETTINGS } from './catalog';
import { modelOf } from './model';

/** What to offer at `offset`: commands, options, `${…}` settings and types, labels, item names, FCOS arguments. */
export function completeIpxe(script: IpxeScript, text: string, offset: number): Completion[] {
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  const before = text.slice(lineStart, offset).replace(/^\s*:\S+\s+/, ' ');
  const model = modelOf(script, text);

  const open = openExpansion(before);
  if (open !== undefined) return completeSetting(model, open, offset);

  // The command this word belongs to: the text after the last separator on the line.
  const segment = before.split(/(?:^|\s)(?:\|\||&&|;)(?=\s|$)/).pop() ?? before;
  const words = segment.trimStart().split(/\s+/);
  const current = words[words.length - 1] ?? '';
  const replace = { start: offset - current.length, end: offset };
  if (words.length <= 1) {
    return [...COMMANDS].map(([name, spec]) => ({
      label: name,
      kind: 'function',
      detail: spec.synopsis,
      documentation: spec.summary,
      replace,
    }));
  }
  const command = words[0] as string;
  const spec = COMMANDS.get(command);
  const previous = words[words.length - 2];
  if (command === 'goto' && words.length === 2) {
    return [...model.labels.keys()].map((name) => ({ label: name, kind: 'reference', detail: `:${name}`, replace }));
  }
  if (command === 'choose' && (previous === '--default' || previous === '-d')) {
    return model.items.map((item) => ({ label: item.label.text, kind: 'reference', detail: 'menu item', replace }));
  }
  if (current.startsWith('-') && spec?.options) {
    return spec.options.map((o) => ({
      label: `--${o.long}`,
      kind: 'property',
      detail: o.arg ? `--${o.long} <${o.arg}> (-${o.short})` : `-${o.short}`,
      documentation: spec.synopsis,
      replace,
    }));
  }
  if (COMMAND_LINE_COMMANDS.has(command) && /^[a-z._]*$/i.test(current) && words.length > 2) {
    return kernelArgCompletions(replace);
  }
  return [];
}

/** Fedora CoreOS kernel arguments (`ignition.config.url=`, …) on a kernel command line: iPXE's or PXELINUX's APPEND. */
export function kernelArgCompletions(replace: Span): Completion[] {
  return [...COREOS_ARGS].map(([name, arg]) => ({
    label: name,
    kind: 'property',
    detail: arg.value === 'flag' ? 'flag' : `${name}=<${arg.value}>`,
    documentation: arg.summary,
    insertText: arg.value === 'flag' ? name : `${name}=`,
    replace,
  }));
}

/** The text after an unclosed `${` at the end of `before`, or undefined. */
function openExpansion(before: string): string | undefined {
  const at = before.lastIndexOf('${');
  if (at < 0) return undefined;
  const after = before.slice(at + 2);
  return /[}\s]/.test(after) ? undefined : after;
}

function completeSetting(model: ReturnType<typeof modelOf>, typed: string, offset: number): Completion[] {
  const colon = typed.lastIndexOf(':');
  if (colon >= 0) {
    const start = offset - (typed.length - colon - 1);
    return [...SETTING_TYPES].map((t) => ({
      label: t,
      kind: 'value',
      detail: 'setting type',
      replace: { start, end: offset },
    }));
  }
  const slash = typed.lastIndexOf('/');
  const start = offset - (typed.length - slash - 1);
  const replace = { start, end: offset };
  const items: Completion[] = [];
  const seen = new Set<string>();
  for (const def of model.defs) {
    if (seen.has(def.name)) continue;
    seen.add(def.name);
    items.push({
      label: def.name,
      kind: 'variable',
      detail: def.value !== undefined ? `set to ${def.value}` : `set by ${def.command.name.text}`,
      replace,
    });
  }
  for (const [name, spec] of SETTINGS) {
    if (!seen.has(name))
      items.push({
        label: name,
        kind: 'property',
        detail: spec.type + (spec.dhcpOption ? ` (DHCP option ${spec.dhcpOption})` : ''),
        documentation: spec.summary,
        replace,
      });
  }
  if (slash < 0)
    for (const scope of SETTING_SCOPES)
      items.push({ label: `${scope}/`, kind: 'value', detail: 'settings scope', replace });
  return items;
}
