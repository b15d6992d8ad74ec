import type { HoverInfo } from '../../core/language';
import type { Command, IpxeScript, Word } from './ast';
import { COMMANDS, COREOS_ARGS, SETTINGS, type CommandSpec } from './catalog';
import type { SettingRef } from './expansion';
import { modelOf, type IpxeModel } from './model';

/** Docs for the command, option, setting, label or kernel argument under the cursor. */
export function hoverIpxe(script: IpxeScript, text: string, offset: number): HoverInfo | undefined {
  const model = modelOf(script, text);
  const ref = model.refs.filter((r) => offset >= r.start && offset <= r.end && !r.dynamic).at(-1);
  if (ref) return hoverSetting(model, text, ref);
  for (const { target } of model.gotos) {
    if (offset < target.start || offset > target.end) continue;
    const label = model.labels.get(target.text)?.[0];
    return {
      markdown: label
        ? `Label \`:${target.text}\` on line ${lineOf(text, label.start)}.`
        : `No label \`:${target.text}\` in this script.`,
      start: target.start,
      end: target.end,
    };
  }
  for (const line of script.lines) {
    if (offset < line.start || offset > line.end) continue;
    for (const command of line.commands) {
      const spec = COMMANDS.get(command.name.text);
      const found = spec && hoverCommand(command, spec, offset);
      if (found) return found;
    }
  }
  return undefined;
}

/** A `${setting}`: its type and docs when built in, and the value it was last given before this point. */
function hoverSetting(model: IpxeModel, text: string, ref: SettingRef): HoverInfo {
  const spec = SETTINGS.get(ref.name);
  // The value it was last given before this point, as the script reads top to bottom.
  const defs = model.defs.filter((d) => d.name === ref.name);
  const last = defs.filter((d) => d.command.start < ref.start).at(-1) ?? defs.at(-1);
  const kind = spec ? ` — ${spec.type}${spec.dhcpOption ? `, DHCP option ${spec.dhcpOption}` : ''}` : '';
  const lines: string[] = [`**\${${ref.name}}**${kind}`];
  if (spec) lines.push(spec.summary);
  if (last)
    lines.push(
      last.value !== undefined
        ? `Set to \`${last.value}\` on line ${lineOf(text, last.command.start)}.`
        : `Set by \`${last.command.name.text}\` on line ${lineOf(text, last.command.start)}.`,
    );
  else if (!spec) lines.push('Not set in this script: empty unless a script that chains here sets it.');
  return { markdown: lines.join('\n\n'), start: ref.start, end: ref.end };
}

/** The command's name, a Fedora CoreOS kernel argument or an option of the command. */
function hoverCommand(command: Command, spec: CommandSpec, offset: number): HoverInfo | undefined {
  const { name } = command;
  if (offset >= name.start && offset <= name.end) {
    const since = spec.since ? `\n\nSince iPXE ${spec.since}.` : '';
    return {
      markdown: `**${name.text}** — \`${spec.synopsis}\`\n\n${spec.summary}${since}`,
      start: name.start,
      end: name.end,
    };
  }
  for (const arg of command.args) {
    if (offset < arg.start || offset > arg.end) continue;
    const found = hoverArgument(arg, name, spec);
    if (found) return found;
  }
  return undefined;
}

function hoverArgument(arg: Word, name: Word, spec: CommandSpec): HoverInfo | undefined {
  const key = /^((?:coreos|ignition)\.[^=]+)/.exec(arg.text)?.[1];
  const karg = key ? COREOS_ARGS.get(key) : undefined;
  if (key && karg)
    return {
      markdown: `**${key}** (Fedora CoreOS kernel argument)\n\n${karg.summary}`,
      start: arg.start,
      end: arg.start + key.length,
    };
  const match = /^--?([\w-]+)/.exec(arg.text);
  const option = match && spec.options?.find((o) => (arg.text.startsWith('--') ? o.long : o.short) === match[1]);
  if (!option) return undefined;
  const value = option.arg ? ` <${option.arg}>` : '';
  return {
    markdown: `\`--${option.long}${value}\` (\`-${option.short}\`): option of **${name.text}**\n\n\`${spec.synopsis}\``,
    start: arg.start,
    end: arg.end,
  };
}

function lineOf(text: string, offset: number): number {
  let line = 1;
  for (let i = text.indexOf('\n'); i >= 0 && i < offset; i = text.indexOf('\n', i + 1)) line++;
  return line;
}
