import type { Problem } from '../../../core/problem';
import { argValue, valueEnd, valueStart } from '../ast';
import { report } from '../../../core/rule';
import { arg, OPTION_MENU, statementsIn } from '../dhcpModel';
import { computedAtRunTime, routerosRule } from './shared';

const DIGITS = /^\d+$/;

export const dhcpOptionCode = routerosRule({
  id: 'routeros.dhcpOptionCode',
  language: 'routeros',
  severity: 'error',
  summary: 'A DHCP option `code` that is not a number (numbers outside 1–254 are routeros.badValue).',
  example: '/ip dhcp-server option\nadd code=300 name=x value=0x01',
  fix: 'Use the option number from RFC 2132 or the vendor: 66 TFTP server, 67 boot file, 17 root path, 12 host name.',
  levelWhy: 'A code that is no number is refused by the router: the `add` fails and the import stops.',
  check(script) {
    const problems: Problem[] = [];
    for (const s of statementsIn(script, OPTION_MENU)) {
      const code = arg(s, 'code');
      const value = code && argValue(code);
      if (!code || !value) continue;
      // The range of a number is routeros.badValue's; this rule catches what is no number at all.
      if (!DIGITS.test(value) && !computedAtRunTime(value))
        problems.push(
          report(
            this,
            { start: valueStart(code), end: valueEnd(code) },
            `DHCP option code ${value} is not a number from 1 to 254.`,
          ),
        );
    }
    return problems;
  },
});
