import type { Problem } from '../../../core/problem';
import type { Rule } from '../../../core/rule';
import type { IpxeScript } from '../ast';
import { SETTINGS, SETTING_TYPES } from '../catalog';
import { modelOf, type IpxeModel } from '../model';
import type { SettingRef } from '../expansion';
import { distance } from 'fastest-levenshtein';

/** True when `a` becomes `b` by one edit: a letter changed, added or removed, or two neighbours swapped. */
function oneEditApart(a: string, b: string): boolean {
  if (distance(a, b) === 1) return true;
  if (a.length !== b.length) return false;
  const diff = [...a].flatMap((c, i) => (c === b[i] ? [] : [i]));
  return (
    diff.length === 2 &&
    diff[1] === (diff[0] as number) + 1 &&
    a[diff[0] as number] === b[diff[1] as number] &&
    a[diff[1] as number] === b[diff[0] as number]
  );
}

/** References this script can say nothing about: set here, built in, numeric, computed, or another block's. */
function unresolved(model: IpxeModel): SettingRef[] {
  const defined = new Set(model.defs.map((d) => d.name));
  return model.refs.filter(
    (ref) =>
      !ref.dynamic &&
      ref.name &&
      !defined.has(ref.name) &&
      !SETTINGS.has(ref.name) &&
      !/^[\d.]+$/.test(ref.name) &&
      // Scoped names outside a network block (smbios/…, pci/…) are the firmware's, not ours to know.
      !(ref.scope && !/^net(X|\d+)/.test(ref.scope)),
  );
}

/** The setting an unresolved name is one typo away from (set in this script first, then built in). */
function typoOf(name: string, model: IpxeModel): string | undefined {
  if (name.length < 3) return undefined;
  const lower = name.toLowerCase();
  const near = (candidate: string): boolean => candidate.length >= 3 && oneEditApart(lower, candidate.toLowerCase());
  return model.defs.map((d) => d.name).find(near) ?? [...SETTINGS.keys()].find(near);
}

export const undefinedVariable: Rule<IpxeScript> = {
  id: 'ipxe.undefinedVariable',
  language: 'ipxe',
  severity: 'info',
  summary:
    '`${name}` is never set in this script and is not a built-in setting: it expands to nothing unless a script that chains here set it.',
  example: '#!ipxe\nchain http://${sever}/boot.ipxe',
  fix: 'Set it first (`set name value`), correct the spelling, or ignore when an earlier script sets it.',
  levelWhy:
    'Info: a setting the script never sets is usually set by the script that chains it (or by DHCP, or a build), which the linter cannot see; one letter away from a set one is ipxe.misspelledVariable, a warning.',
  check(script, text) {
    const model = modelOf(script, text);
    const problems: Problem[] = [];
    const reported = new Set<string>();
    for (const ref of unresolved(model)) {
      // Once per name: the first use says it, the others would only repeat it.
      if (reported.has(ref.name)) continue;
      reported.add(ref.name);
      if (typoOf(ref.name, model)) continue;
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

export const misspelledVariable: Rule<IpxeScript> = {
  id: 'ipxe.misspelledVariable',
  language: 'ipxe',
  severity: 'warning',
  summary:
    '`${name}` is never set, and one letter away from a setting that is (`${BASEURLL}` beside `set BASEURL`): almost always a typo, and it expands to nothing.',
  example: '#!ipxe\nset base-url http://nas\nkernel ${base-ur}/vmlinuz',
  fix: 'Correct the name (quick fix).',
  levelWhy:
    'Warning: an unset name one edit from a set or built-in one is a typo far more often than a setting of a parent script; the expansion is empty and the URL or argument is wrong.',
  check(script, text) {
    const model = modelOf(script, text);
    const problems: Problem[] = [];
    for (const ref of unresolved(model)) {
      const typo = typoOf(ref.name, model);
      if (!typo) continue;
      const where = model.defs.some((d) => d.name === typo) ? 'set in this script' : 'a built-in setting';
      problems.push({
        ruleId: this.id,
        start: ref.nameStart,
        end: ref.nameEnd,
        message: `\`\${${ref.name}}\` is never set, so it expands to nothing: did you mean \`${typo}\` (${where})?`,
        fixes: [
          {
            title: `Change to \`${typo}\``,
            edits: [{ start: ref.nameStart, end: ref.nameEnd, newText: typo }],
            preferred: true,
          },
        ],
      });
    }
    return problems;
  },
};

export const unusedVariable: Rule<IpxeScript> = {
  id: 'ipxe.unusedVariable',
  language: 'ipxe',
  severity: 'hint',
  summary:
    'A setting this script sets but never uses (fine when a chained script or the kernel command line reads it).',
  example: '#!ipxe\nset base http://nas/tftp\nchain http://nas/tftp/boot.ipxe',
  fix: 'Use it (`${name}`) or remove the `set` line.',
  levelWhy: 'Hint: style; the kernel command line, a chained script or a later edit may read it.',
  check(script, text) {
    const model = modelOf(script, text);
    const used = new Set(model.refs.map((r) => r.name));
    // A chained script shares the settings, so only flag scripts that chain nothing.
    if (model.commands.some(({ command }) => command.name.text === 'chain')) return [];
    return model.defs
      .filter((d) => d.command.name.text === 'set' && !used.has(d.name) && !SETTINGS.has(d.name))
      .map((d) => ({
        ruleId: this.id,
        start: d.nameStart,
        end: d.nameEnd,
        message: `\`${d.name}\` is set but never used in this script.`,
      }));
  },
};

export const unclosedExpansion: Rule<IpxeScript> = {
  id: 'ipxe.unclosedExpansion',
  language: 'ipxe',
  severity: 'warning',
  summary: "A `${` without its `}`: iPXE leaves the text as it is instead of the setting's value.",
  example: '#!ipxe\nchain http://${next-server/boot.ipxe',
  fix: 'Close the expansion with `}`.',
  levelWhy: 'Warning: the literal `${…` text ends up in a URL or argument, which is never what was meant.',
  check(script, text) {
    return modelOf(script, text).unclosed.map((u) => ({
      ruleId: this.id,
      start: u.start,
      end: u.start + 2,
      message: '`${` is never closed with `}`: the text stays as it is.',
    }));
  },
};

export const unknownSettingType: Rule<IpxeScript> = {
  id: 'ipxe.unknownSettingType',
  language: 'ipxe',
  severity: 'warning',
  summary: 'A `${name:type}` with a type iPXE does not know: the expansion fails.',
  example: '#!ipxe\necho ${net0/mac:hexdash}',
  fix: `Use one of: ${[...SETTING_TYPES].join(', ')}.`,
  levelWhy:
    'Warning: the expansion fails when the line runs; the type list grows between iPXE versions, so not an error.',
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
