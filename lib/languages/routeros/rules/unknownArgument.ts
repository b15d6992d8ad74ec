import type { Statement } from '../statements';
import { argumentProblems, routerosRule } from './shared';

const runNow = (s: Statement): boolean => s.nesting !== 'quoted';

export const unknownArgument = routerosRule({
  id: 'routeros.unknownArgument',
  language: 'routeros',
  severity: 'error',
  summary: 'An argument the command does not take: RouterOS stops the import with "expected end of command".',
  example: '/ip dhcp-server network\nadd address=192.168.255.0/24 next-sever=192.168.255.2',
  fix: 'Correct the spelling (the message suggests the closest argument).',
  levelWhy: 'RouterOS refuses the line ("expected end of command") and the import stops there.',
  check(script, text, context) {
    return argumentProblems(this, script, text, context.path, { which: runNow, quoted: false });
  },
});
