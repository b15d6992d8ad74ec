import type { Problem } from '../../../core/problem';
import { report, type RuleMeta } from '../../../core/rule';
import { didYouMean } from '../../../core/suggest';
import type { Token } from '../ast';
import { resolvedCommands } from '../resolve';
import { changeTo, routerosRule } from './shared';

export const unknownFilterProperty = routerosRule({
  id: 'routeros.unknownFilterProperty',
  language: 'routeros',
  severity: 'warning',
  summary:
    'A `[ find … ]` filter on a property name that looks like a typo of one the menu has: it matches nothing, so the ' +
    'command changes nothing.',
  example: '/ip dhcp-server network\nset [ find adress=192.168.255.0/24 ] next-server=192.168.255.2',
  fix: 'Correct the property name (the message suggests it).',
  levelWhy:
    'The line runs but the filter matches nothing, so the change silently does not happen: very likely wrong, and nothing stops.',
  check(script) {
    const problems: Problem[] = [];
    const byMenu = new Map<string, Set<string>>();
    const commands = resolvedCommands(script);
    for (let i = 0; i < commands.length; i++) {
      const { statement, menu, command, tree } = commands[i]!;
      let properties = byMenu.get(menu);
      if (!properties) {
        const node = tree.menus.get(menu);
        byMenu.set(
          menu,
          (properties = new Set([...(node?.commands.get('set') ?? []), ...(node?.commands.get('add') ?? [])])),
        );
      }
      if (!properties.size) continue;
      // `[ find … ]` is a statement of its own (read against the menu of the line around it); `print where …`.
      let inFind = command === 'find';
      for (let k = 0; k < statement.tokens.length; k++) {
        const token = statement.tokens[k]!;
        if (token.kind !== 'word') continue;
        if (token.text === 'where') {
          inFind = true;
          continue;
        }
        if (!inFind) continue;
        const name = /^!?([a-z][a-z0-9-]*)(=|~|!=|<|>)/.exec(token.text)?.[1];
        if (!name || properties.has(name)) continue;
        const suggestion = didYouMean(name, properties);
        if (!suggestion) continue; // read-only properties (dynamic, default-name, …) are not in the catalog
        problems.push(problem(this, token, name, suggestion, menu));
      }
    }
    return problems;
  },
});

function problem(rule: RuleMeta, token: Token, name: string, suggestion: string, menu: string): Problem {
  const start = token.start + token.text.indexOf(name);
  return report(
    rule,
    { start, end: start + name.length },
    `${menu} has no property "${name}": did you mean "${suggestion}"? The filter matches nothing.`,
    changeTo({ start, end: start + name.length }, suggestion),
  );
}
