import type { Problem } from '../../../core/problem';
import { argValue, valueEnd } from '../ast';
import { report } from '../../../core/rule';
import { arg, statementsIn } from '../dhcpModel';
import { routerosRule } from './shared';

export const nextServerCleared = routerosRule({
  id: 'routeros.nextServerCleared',
  language: 'routeros',
  severity: 'warning',
  summary: '`next-server` set to an empty value: RouterOS expects 0.0.0.0 to clear it.',
  example: '/ip dhcp-server network\nset [ find address=192.168.255.0/24 ] next-server=""',
  fix: 'Write next-server=0.0.0.0 to clear it, or give the TFTP server address.',
  levelWhy:
    'An empty next-server does not clear the field the way 0.0.0.0 does (older versions refuse it): very likely not what ' +
    'was meant, though nothing else breaks.',
  check(script) {
    const problems: Problem[] = [];
    for (const s of statementsIn(script, '/ip dhcp-server network')) {
      const next = arg(s, 'next-server');
      if (next && argValue(next) === '')
        problems.push(
          report(
            this,
            { start: next.key.start, end: valueEnd(next) },
            'An empty next-server does not clear it: write next-server=0.0.0.0.',
            {
              fixes: [
                {
                  title: 'Use next-server=0.0.0.0',
                  edits: [{ start: next.key.start, end: valueEnd(next), newText: 'next-server=0.0.0.0' }],
                  preferred: true,
                },
              ],
            },
          ),
        );
    }
    return problems;
  },
});
