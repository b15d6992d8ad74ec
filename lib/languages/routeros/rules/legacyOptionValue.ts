import type { Problem } from '../../../core/problem';
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
      if (value?.value && isLegacyOptionValue(value.value)) {
        problems.push(
          report(
            this,
            { start: value.valueStart, end: value.valueEnd },
            `A bare IP is RouterOS v5's form. Write value="s'${value.value}'" to send it as text (what option 66 ` +
              `expects) or value="'${value.value}'" for 4 address bytes.`,
            {
              fixes: [
                {
                  title: `Send it as text: "s'${value.value}'"`,
                  edits: [{ start: value.valueStart, end: value.valueEnd, newText: `"s'${value.value}'"` }],
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
