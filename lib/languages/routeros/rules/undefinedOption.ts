import { dhcpModelOf } from '../dhcpModel';
import { routerosRule, unaddedNames } from './shared';

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
    return unaddedNames(
      this,
      model.optionLists,
      model.options,
      'option',
      '; the set only works if the router already has it.',
    );
  },
});
