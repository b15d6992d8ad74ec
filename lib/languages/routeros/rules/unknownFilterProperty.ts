import type { Problem } from '../../../core/problem';
import { report, type RuleMeta } from '../../../core/rule';
import { didYouMean } from '../../../core/suggest';
import { tokensOf, type Token } from '../ast';
import { resolvedCommands } from '../resolve';
import { changeTo, routerosRule } from './shared';

/** `name=`, `name~`, `name!=`, `name<`, `name>` in a filter. */
const FILTER = /^!?([a-z][a-z0-9-]*)(=|~|!=|<|>)/;

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
  check(script, text) {
    // Without a `where` in the file, only `find` statements and stored scripts (whose escapes could spell one) filter.
    const anyWhere = text.includes('where');
    const problems: Problem[] = [];
    const byMenu = new Map<string, Set<string>>();
    const { tree, statements, resolved } = resolvedCommands(script);
    for (let i = 0; i < statements.length; i++) {
      const statement = statements[i]!;
      const { menu, command } = resolved[i]!;
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
      if (!inFind && !anyWhere && statement.nesting !== 'quoted') continue;
      const tokens = tokensOf(statement);
      for (let k = 0; k < tokens.length; k++) {
        const token = tokens[k]!;
        if (token.kind !== 'word') continue;
        if (token.text === 'where') {
          inFind = true;
          continue;
        }
        if (!inFind) continue;
        const name = FILTER.exec(token.text)?.[1];
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
