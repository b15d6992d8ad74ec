import type { Problem } from '../../../core/problem';
import { argValue, valueEnd, valueStart } from '../ast';
import { report } from '../../../core/rule';
import { arg, OPTION_MENU, statementsIn } from '../dhcpModel';
import { isLegacyOptionValue } from '../optionValue';
import { routerosRule } from './shared';

export const legacyOptionValue = routerosRule({
  id: 'routeros.legacyOptionValue',
  language: 'routeros',
  severity: 'warning',
  summary: "A bare IP address as an option value: RouterOS v5's form, read differently since v6.8.",
  example: '/ip dhcp-server option\nadd code=66 name=tftp value=192.168.255.2',
  fix: 'Write value="\'192.168.255.2\'" (4 address bytes) or value="s\'192.168.255.2\'" (the text, which option 66 wants).',
  levelWhy:
    'The import succeeds, but since v6.8 the router sends other bytes than a v5-era script meant: very likely wrong, yet ' +
    'a deliberate 4-byte address is possible.',
  check(script) {
    const problems: Problem[] = [];
    for (const s of statementsIn(script, OPTION_MENU)) {
      const value = arg(s, 'value');
      const text = value && argValue(value);
      if (value && text && isLegacyOptionValue(text)) {
        problems.push(
          report(
            this,
            { start: valueStart(value), end: valueEnd(value) },
            `A bare IP is RouterOS v5's form. Write value="s'${text}'" to send it as text (what option 66 ` +
              `expects) or value="'${text}'" for 4 address bytes.`,
            {
              fixes: [
                {
                  title: `Send it as text: "s'${text}'"`,
                  edits: [{ start: valueStart(value), end: valueEnd(value), newText: `"s'${text}'"` }],
                },
              ],
            },
          ),
        );
      }
    }
    return problems;
  },
});
