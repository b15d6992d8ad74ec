import { report } from '../../../core/rule';
import { SETTING_TYPES } from '../catalog';
import { factsOf } from '../facts';
import { ipxeRule } from './shared';

export const unknownSettingType = ipxeRule({
  id: 'ipxe.unknownSettingType',
  language: 'ipxe',
  severity: 'warning',
  summary: 'A `${name:type}` with a type iPXE does not know: the expansion fails.',
  example: '#!ipxe\necho ${net0/mac:hexdash}',
  fix: `Use one of: ${[...SETTING_TYPES].join(', ')}.`,
  levelWhy:
    'Warning: the expansion fails when the line runs; the type list grows between iPXE versions, so not an error.',
  check(script) {
    return factsOf(script)
      .refs.filter((r) => r.type !== undefined && !SETTING_TYPES.has(r.type))
      .map((r) =>
        report(
          this,
          { start: r.nameEnd + 1, end: r.end - 1 },
          `Unknown setting type \`${r.type}\`; iPXE knows ${[...SETTING_TYPES].join(', ')}.`,
        ),
      );
  },
});
