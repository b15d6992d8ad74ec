import type { Problem } from '../../../core/problem';
import { report } from '../../../core/rule';
import { arg } from '../dhcpModel';
import type { Statement } from '../statements';
import { resolvedCommands } from '../resolve';
import { routerosRule } from './shared';

/** Arguments `add` needs in each menu, or the router refuses it (facts for the menus PXE users write). */
const REQUIRED = new Map<string, readonly string[]>([
  ['/ip dhcp-server option', ['name', 'code']],
  ['/ip dhcp-server option sets', ['name']],
  ['/ip dhcp-server network', ['address']],
  ['/ip pool', ['name', 'ranges']],
  ['/ip dhcp-server', ['interface']],
]);

/** The required arguments a statement lacks, in order; undefined when it has them all. */
function missingOf(statement: Statement, required: readonly string[]): string[] | undefined {
  let missing: string[] | undefined;
  for (const name of required) if (!arg(statement, name)) (missing ??= []).push(name);
  return missing;
}

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
    const { statements, resolved } = resolvedCommands(script);
    for (let i = 0; i < statements.length; i++) {
      const statement = statements[i]!;
      const { menu, command } = resolved[i]!;
      // `copy-from` takes the rest from an existing entry.
      // Quoted scripts are stored as they are: routeros.unknownInStoredScript speaks for them.
      const required = command === 'add' ? REQUIRED.get(menu) : undefined;
      if (!required || !statement.command || statement.nesting === 'quoted' || arg(statement, 'copy-from')) continue;
      const missing = missingOf(statement, required);
      if (!missing) continue;
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
