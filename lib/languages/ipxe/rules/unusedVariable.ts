import { report } from '../../../core/rule';
import { SETTINGS } from '../catalog';
import { factsOf } from '../facts';
import { ipxeRule } from './shared';

export const unusedVariable = ipxeRule({
  id: 'ipxe.unusedVariable',
  language: 'ipxe',
  severity: 'hint',
  summary:
    'A setting this script sets but never uses (fine when a chained script or the kernel command line reads it).',
  example: '#!ipxe\nset base http://nas/tftp\nchain http://nas/tftp/boot.ipxe',
  fix: 'Use it (`${name}`) or remove the `set` line.',
  levelWhy: 'Hint: style; the kernel command line, a chained script or a later edit may read it.',
  check(script) {
    const model = factsOf(script);
    // A chained script shares the settings, so only flag scripts that chain nothing.
    if (model.named.has('chain')) return [];
    const used = new Set(model.refs.map((r) => r.name));
    return model.defs
      .filter((d) => script.commandName[d.command] === 'set' && !used.has(d.name) && !SETTINGS.has(d.name))
      .map((d) =>
        report(this, { start: d.nameStart, end: d.nameEnd }, `\`${d.name}\` is set but never used in this script.`),
      );
  },
});
