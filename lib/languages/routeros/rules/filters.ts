import type { Problem } from '../../../core/problem';
import type { Rule } from '../../../core/rule';
import { didYouMean } from '../../../core/suggest';
import type { RouterOsScript, Token } from '../ast';
import { arg } from '../dhcp';
import { resolvedCommands } from './tree';

/** Arguments `add` needs in each menu, or the router refuses it (facts for the menus PXE users write). */
const REQUIRED: Record<string, string[]> = {
  '/ip dhcp-server option': ['name', 'code'],
  '/ip dhcp-server option sets': ['name'],
  '/ip dhcp-server network': ['address'],
  '/ip pool': ['name', 'ranges'],
  '/ip dhcp-server': ['interface'],
};

export const missingArgument: Rule<RouterOsScript> = {
  id: 'routeros.missingArgument',
  language: 'routeros',
  severity: 'error',
  summary:
    'An `add` without an argument the router requires (an option without name or code, a network without address, …).',
  example: '/ip dhcp-server option\nadd name=boot value="\'lpxelinux.0\'"',
  fix: 'Add the argument the message names.',
  levelWhy: 'The router refuses an `add` without its required arguments: the import stops at that line.',
  check(script) {
    const problems: Problem[] = [];
    for (const { statement, menu, command } of resolvedCommands(script)) {
      // `copy-from` takes the rest from an existing entry.
      // Quoted scripts are stored as they are: routeros.unknownInStoredScript speaks for them.
      if (command !== 'add' || !statement.command || statement.nesting === 'quoted' || arg(statement, 'copy-from'))
        continue;
      const missing = REQUIRED[menu]?.filter((name) => !arg(statement, name));
      if (!missing?.length) continue;
      problems.push({
        ruleId: this.id,
        start: statement.command.start,
        end: statement.command.end,
        message: `\`${command}\` in ${menu} needs ${missing.map((m) => `${m}=`).join(' and ')}: the router refuses it otherwise.`,
      });
    }
    return problems;
  },
};

export const unknownFilterProperty: Rule<RouterOsScript> = {
  id: 'routeros.unknownFilterProperty',
  language: 'routeros',
  severity: 'warning',
  summary:
    'A `[ find … ]` filter on a property name that looks like a typo of one the menu has: it matches nothing, so the command changes nothing.',
  example: '/ip dhcp-server network\nset [ find adress=192.168.255.0/24 ] next-server=192.168.255.2',
  fix: 'Correct the property name (the message suggests it).',
  levelWhy:
    'The line runs but the filter matches nothing, so the change silently does not happen: very likely wrong, and nothing stops.',
  check(script) {
    const problems: Problem[] = [];
    const byMenu = new Map<string, Set<string>>();
    for (const { statement, menu, command, tree } of resolvedCommands(script)) {
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
      for (const token of statement.tokens) {
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
        problems.push(problem(this.id, token, name, suggestion, menu));
      }
    }
    return problems;
  },
};

function problem(ruleId: string, token: Token, name: string, suggestion: string, menu: string): Problem {
  const start = token.start + token.text.indexOf(name);
  return {
    ruleId,
    start,
    end: start + name.length,
    message: `${menu} has no property "${name}": did you mean "${suggestion}"? The filter matches nothing.`,
    fixes: [
      {
        title: `Change to ${suggestion}`,
        edits: [{ start, end: start + name.length, newText: suggestion }],
        preferred: true,
      },
    ],
  };
}
