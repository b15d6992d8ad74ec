import type { Problem } from '../../../core/problem';
import { report } from '../../../core/rule';
import { argValue, valueEnd, valueStart } from '../ast';
import { arg, dhcpModelOf } from '../dhcpModel';
import { computedAtRunTime, routerosRule } from './shared';

/**
 * Menus whose entries are keyed by `name` (RouterOS refuses a second entry of the same name). Elsewhere a
 * name repeats freely: /ip dns static holds several records per name, /container envs one key per entry.
 */
const UNIQUE_NAME = new Set([
  '/ip dhcp-server option',
  '/ip dhcp-server option sets',
  '/ip dhcp-server',
  '/ip pool',
  '/system script',
  '/system scheduler',
  '/interface bridge',
  '/interface vlan',
  '/interface list',
  '/interface bonding',
  '/interface wireguard',
  '/interface veth',
  '/user',
  '/user group',
  '/ppp profile',
  '/ppp secret',
  '/queue simple',
  '/queue tree',
  '/routing table',
  '/ip ipsec profile',
  '/ip ipsec proposal',
  '/ip ipsec peer',
]);

export const duplicateName = routerosRule({
  id: 'routeros.duplicateName',
  language: 'routeros',
  severity: 'error',
  summary:
    'Two `add name=…` with the same name in a menu keyed by name (options, option sets, pools, DHCP servers, scripts, ' +
    'interfaces, …): the second add fails on the router ("entry already exists") and the import ' +
    'stops.',
  example: '/ip dhcp-server option\nadd code=67 name=boot value="\'a\'"\nadd code=67 name=boot value="\'b\'"',
  fix: 'Rename one, or use `set [ find name=… ]` to change the existing entry.',
  levelWhy:
    'The second add fails ("failure: entry already exists") and the import stops there; the rule checks only menus keyed ' +
    'by name, lines the import runs in order, and forgets a name after a remove.',
  check(script) {
    // Per menu: each name added so far, and where.
    const seen = new Map<string, Map<string, number>>();
    const problems: Problem[] = [];
    const { statements } = dhcpModelOf(script);
    for (let i = 0; i < statements.length; i++) {
      const s = statements[i]!;
      // Lines the import runs in order; adds inside `:if` branches or stored scripts may never meet.
      if (s.nesting !== 'top' || !UNIQUE_NAME.has(s.menu)) continue;
      if (s.command?.text === 'remove') seen.delete(s.menu);
      const name = s.command?.text === 'add' ? arg(s, 'name') : undefined;
      const value = name && argValue(name);
      if (!name || !value || computedAtRunTime(value)) continue; // a computed name is only known on the router
      let names = seen.get(s.menu);
      if (!names) seen.set(s.menu, (names = new Map()));
      const first = names.get(value);
      if (first !== undefined)
        problems.push(
          report(
            this,
            { start: valueStart(name), end: valueEnd(name) },
            `"${value}" is already added in ${s.menu}: this add fails ("entry already exists") and stops the import.`,
            { related: [{ start: first, end: first, message: 'first added here' }] },
          ),
        );
      else names.set(value, valueStart(name));
    }
    return problems;
  },
});
