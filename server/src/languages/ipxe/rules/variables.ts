import type { Problem } from '../../../core/problem';
import type { Rule } from '../../../core/rule';
import type { IpxeScript } from '../ast';
import { SETTINGS, SETTING_TYPES } from '../catalog';
import { modelOf } from '../model';

export const undefinedVariable: Rule<IpxeScript> = {
  id: 'ipxe.undefinedVariable',
  language: 'ipxe',
  severity: 'info',
  summary: '`${name}` is never set in this script and is not a built-in setting: it expands to nothing unless a script that chains here set it.',
  example: '#!ipxe\nchain http://${sever}/boot.ipxe',
  fix: 'Set it first (`set name value`), correct the spelling, or ignore when an earlier script sets it.',
  check(script, text) {
    const model = modelOf(script, text);
    const defined = new Set(model.defs.map((d) => d.name));
    const problems: Problem[] = [];
    const reported = new Set<string>();
    for (const ref of model.refs) {
      if (ref.dynamic || !ref.name || defined.has(ref.name) || SETTINGS.has(ref.name) || /^[\d.]+$/.test(ref.name)) continue;
      // Once per name: the first use says it, the others would only repeat it.
      if (reported.has(ref.name)) continue;
      reported.add(ref.name);
      // Scoped names outside a network block (smbios/…, pci/…) are the firmware's, not ours to know.
      if (ref.scope && !/^net(X|\d+)/.test(ref.scope)) continue;
      const uses = model.refs.filter((r) => r.name === ref.name).length;
      problems.push({
        ruleId: this.id,
        start: ref.nameStart,
        end: ref.nameEnd,
        message: `\`${ref.name}\` is never set in this script and is not a built-in setting: \`\${${ref.name}}\` expands to nothing unless a script that chains here sets it${uses > 1 ? ` (used ${uses} times)` : ''}.`,
      });
    }
    return problems;
  },
};

export const unusedVariable: Rule<IpxeScript> = {
  id: 'ipxe.unusedVariable',
  language: 'ipxe',
  severity: 'hint',
  summary: 'A setting this script sets but never uses (fine when a chained script or the kernel command line reads it).',
  example: '#!ipxe\nset base http://nas/tftp\nchain http://nas/tftp/boot.ipxe',
  fix: 'Use it (`${name}`) or remove the `set` line.',
  check(script, text) {
    const model = modelOf(script, text);
    const used = new Set(model.refs.map((r) => r.name));
    // A chained script shares the settings, so only flag scripts that chain nothing.
    if (model.commands.some(({ command }) => command.name.text === 'chain')) return [];
    return model.defs
      .filter((d) => d.command.name.text === 'set' && !used.has(d.name) && !SETTINGS.has(d.name))
      .map((d) => ({ ruleId: this.id, start: d.nameStart, end: d.nameEnd, message: `\`${d.name}\` is set but never used in this script.` }));
  },
};

export const unclosedExpansion: Rule<IpxeScript> = {
  id: 'ipxe.unclosedExpansion',
  language: 'ipxe',
  severity: 'warning',
  summary: 'A `${` without its `}`: iPXE leaves the text as it is instead of the setting\'s value.',
  example: '#!ipxe\nchain http://${next-server/boot.ipxe',
  fix: 'Close the expansion with `}`.',
  check(script, text) {
    return modelOf(script, text).unclosed.map((u) => ({ ruleId: this.id, start: u.start, end: u.start + 2, message: '`${` is never closed with `}`: the text stays as it is.' }));
  },
};

export const unknownSettingType: Rule<IpxeScript> = {
  id: 'ipxe.unknownSettingType',
  language: 'ipxe',
  severity: 'warning',
  summary: 'A `${name:type}` with a type iPXE does not know: the expansion fails.',
  example: '#!ipxe\necho ${net0/mac:hexdash}',
  fix: `Use one of: ${[...SETTING_TYPES].join(', ')}.`,
  check(script, text) {
    return modelOf(script, text)
      .refs.filter((r) => r.type !== undefined && !SETTING_TYPES.has(r.type))
      .map((r) => ({
        ruleId: this.id,
        start: r.nameEnd + 1,
        end: r.end - 1,
        message: `Unknown setting type \`${r.type}\`; iPXE knows ${[...SETTING_TYPES].join(', ')}.`,
      }));
  },
};
