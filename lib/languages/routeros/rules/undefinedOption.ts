import { report } from '../../../core/rule';
import { didYouMean } from '../../../core/suggest';
import { dhcpModelOf } from '../dhcpModel';
import { routerosRule } from './shared';

export const undefinedOption = routerosRule({
  id: 'routeros.undefinedOption',
  language: 'routeros',
  severity: 'warning',
  summary: 'An option set names an option this script never adds (fine only when the router already has it).',
  example: '/ip dhcp-server option sets\nadd name=pxe options=tftp-sever,boot-bios',
  fix: 'Correct the name, or add the option under /ip dhcp-server option.',
  levelWhy:
    'RouterOS refuses a set that names an unknown option, but the router may already have that option from earlier ' +
    'configuration: very likely wrong, not certain.',
  check(script) {
    const model = dhcpModelOf(script);
    return model.optionRefs
      .filter((r) => !model.options.has(r.name))
      .map((r) => {
        const suggestion = didYouMean(r.name, model.options.keys());
        return report(
          this,
          { start: r.start, end: r.end },
          `No option named "${r.name}" is added in this ` +
            `script${suggestion ? `: did you mean "${suggestion}"?` : '; the set only works if the router already has it.'}`,
          suggestion
            ? {
                fixes: [
                  {
                    title: `Change to ${suggestion}`,
                    edits: [{ start: r.start, end: r.end, newText: suggestion }],
                    preferred: true,
                  },
                ],
              }
            : undefined,
        );
      });
  },
});
