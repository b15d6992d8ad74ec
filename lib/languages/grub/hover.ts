import type { HoverInfo } from '../../core/language';
import type { GrubConfig, Word } from './ast';
import { COMMANDS, variableSpec, type CommandSpec } from './catalog';

const PLATFORMS: Record<string, string> = { pc: 'BIOS', efi: 'UEFI', ieee1275: 'Open Firmware' };

function notes(spec: CommandSpec): string[] {
  const out: string[] = [];
  if (spec.vendor) out.push(`Not in upstream GRUB: ${spec.vendor}.`);
  if (spec.since) out.push(`Since GRUB ${spec.since}.`);
  if (spec.platforms) out.push(`Only in GRUB for ${spec.platforms.map((p) => PLATFORMS[p] ?? p).join(', ')}.`);
  if (spec.lockdown) out.push('Refused under UEFI Secure Boot lockdown (GRUB 2.06 and later).');
  if (spec.module) out.push(`Module: ${spec.module}.`);
  return out;
}

const inside = (w: { start: number; end: number }, offset: number): boolean => offset >= w.start && offset <= w.end;

/** Docs for the command or the variable under the cursor. */
export function hoverGrub(config: GrubConfig, _text: string, offset: number): HoverInfo | undefined {
  for (const command of config.commands) {
    if (offset < command.start || offset > command.end) continue;
    const words: Word[] = [command.name, ...command.args];
    for (const word of words) {
      if (!inside(word, offset)) continue;
      const v = word.vars.find((x) => inside(x, offset));
      if (v) return variableHover(v.name, v);
      if (word === command.name && !word.quoted) {
        const spec = COMMANDS.get(word.value);
        if (spec)
          return {
            markdown: [`**${word.value}** ${spec.args}`.trim(), spec.summary, ...notes(spec)].join('\n\n'),
            start: word.start,
            end: word.end,
          };
      }
      const assigned = config.assignments.find((a) => a.command === command && inside(a.nameSpan, offset));
      if (assigned) return variableHover(assigned.name, assigned.nameSpan);
    }
  }
  return undefined;
}

function variableHover(name: string, span: { start: number; end: number }): HoverInfo | undefined {
  const found = variableSpec(name);
  if (!found) return undefined;
  return { markdown: `**$${name}**\n\n${found.spec.summary}`, start: span.start, end: span.end };
}
