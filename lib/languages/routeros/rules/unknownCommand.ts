import type { Statement } from '../statements';
import { commandProblems, routerosRule } from './shared';

const runNow = (s: Statement): boolean => s.nesting !== 'quoted';

export const unknownCommand = routerosRule({
  id: 'routeros.unknownCommand',
  language: 'routeros',
  severity: 'error',
  summary:
    'A menu or command RouterOS does not have — also inside `{ … }` blocks (checked against the built-in catalog of PXE ' +
    'menus, or the full command tree when one is loaded).',
  example: '/ip dhcp-server optoin\nadd code=66 name=tftp value="s\'192.168.255.2\'"',
  fix: 'Correct the spelling (the message suggests the closest), or load the command tree of your RouterOS version.',
  levelWhy:
    'RouterOS parses the whole line, blocks included, before running it: "bad command name" stops the import there.',
  check(script, text, context) {
    return commandProblems(this, script, text, context.path, { which: runNow, quoted: false });
  },
});
