import type { Problem } from '../../../core/problem';
import { argValue, isClosed, valueEnd, valueStart } from '../ast';
import { report } from '../../../core/rule';
import { arg, OPTION_MENU, statementsIn } from '../dhcpModel';
import { optionValueError } from '../optionValue';
import { routerosRule } from './shared';

export const dhcpOptionValue = routerosRule({
  id: 'routeros.dhcpOptionValue',
  language: 'routeros',
  severity: 'error',
  summary:
    'A DHCP option `value` that is not a valid RouterOS option expression (unclosed quote, odd number of hex digits, stray text).',
  example: '/ip dhcp-server option\nadd code=66 name=tftp value="\'192.168.255.2"',
  fix: "Quote text as '…' inside the double quotes (value=\"'lpxelinux.0'\"), write bytes as 0x… with pairs of digits.",
  levelWhy: 'RouterOS refuses an option value it cannot parse, so the `add` fails and the import stops there.',
  check(script) {
    const problems: Problem[] = [];
    for (const s of statementsIn(script, OPTION_MENU)) {
      const value = arg(s, 'value');
      // An unclosed "…" is the tokenizer's error already; judging its contents would only repeat it.
      if (!value || !isClosed(value)) continue;
      const error = optionValueError(argValue(value));
      if (error)
        problems.push(
          report(
            this,
            { start: valueStart(value), end: valueEnd(value) },
            `Invalid option value: ${error}. Example: value="'lpxelinux.0'" for text, value=0x0a for bytes.`,
          ),
        );
    }
    return problems;
  },
});
