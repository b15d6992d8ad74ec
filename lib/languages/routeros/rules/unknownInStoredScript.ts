import type { Statement } from '../statements';
import { argumentProblems, commandProblems, routerosRule } from './shared';

export const unknownInStoredScript = routerosRule({
  id: 'routeros.unknownInStoredScript',
  language: 'routeros',
  severity: 'warning',
  summary:
    'A menu, command or argument RouterOS does not have, inside a quoted script (`source="…"`, `on-event="…"`, `lease-script="…"`).',
  example: '/system scheduler\nadd name=nightly interval=1d on-event="/system scirpt run backup"',
  fix: 'Correct the spelling inside the quotes (the message suggests the closest).',
  levelWhy:
    'The import stores the quoted text as it is and succeeds; the script then fails each time it runs — very likely ' +
    'wrong, but nothing stops.',
  check(script, text, context) {
    const stored = { which: (s: Statement): boolean => s.nesting === 'quoted', quoted: true };
    return [
      ...commandProblems(this, script, text, context.path, stored),
      ...argumentProblems(this, script, text, context.path, stored),
    ];
  },
});
