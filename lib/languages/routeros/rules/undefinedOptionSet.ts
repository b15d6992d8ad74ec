import { dhcpModelOf } from '../dhcpModel';
import { routerosRule, unaddedNames } from './shared';

export const undefinedOptionSet = routerosRule({
  id: 'routeros.undefinedOptionSet',
  language: 'routeros',
  severity: 'warning',
  summary: '`dhcp-option-set=` names an option set this script never adds.',
  example: '/ip dhcp-server lease\nadd address=192.168.255.50 mac-address=52:54:00:12:34:56 dhcp-option-set=pxe-uefl',
  fix: 'Correct the name, or add the set under /ip dhcp-server option sets.',
  levelWhy:
    'RouterOS refuses an unknown option set, but the router may already have that set from earlier configuration: very ' +
    'likely wrong, not certain.',
  check(script) {
    const model = dhcpModelOf(script);
    return unaddedNames(
      this,
      model.setLists,
      model.sets,
      'option set',
      '; it only works if the router already has it.',
    );
  },
});
