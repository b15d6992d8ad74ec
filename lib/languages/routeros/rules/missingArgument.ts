import type { Problem } from '../../../core/problem';
import { report } from '../../../core/rule';
import { arg } from '../dhcpModel';
import { resolvedCommands } from '../resolve';
import { routerosRule } from './shared';

/** Arguments `add` needs in each menu, or the router refuses it (facts for the menus PXE users write). */
const REQUIRED: Record<string, string[]> = {
  '/ip dhcp-server option': ['name', 'code'],
  '/ip dhcp-server option sets': ['name'],
  '/ip dhcp-server network': ['address'],
  '/ip pool': ['name', 'ranges'],
  '/ip dhcp-server': ['interface'],
};

export const missingArgument = routerosRule({
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
    const commands = resolvedCommands(script);
    for (let i = 0; i < commands.length; i++) {
      const { statement, menu, command } = commands[i]!;
      // `copy-from` takes the rest from an existing entry.
      // Quoted scripts are stored as they are: routeros.unknownInStoredScript speaks for them.
      if (command !== 'add' || !statement.command || statement.nesting === 'quoted' || arg(statement, 'copy-from'))
        continue;
      const required = REQUIRED[menu];
      if (!required || required.every((name) => arg(statement, name))) continue;
      const missing = required.filter((name) => !arg(statement, name));
      problems.push(
        report(
          this,
          { start: statement.command.start, end: statement.command.end },
          `\`${command}\` in ${menu} needs ${missing.map((m) => `${m}=`).join(' and ')}: the router refuses it otherwise.`,
        ),
      );
    }
    return problems;
  },
});
