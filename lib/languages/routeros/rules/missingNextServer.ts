import { report } from '../../../core/rule';
import { valueEnd, type Statement } from '../ast';
import { arg, argText, OPTION_MENU, statementsIn } from '../dhcpModel';
import { routerosRule } from './shared';

/** Where a statement's last argument ends (or the statement, when it has none). */
function lastValueEnd(s: Statement): number {
  const last = s.args.at(-1);
  return last ? valueEnd(last) : s.end;
}

export const missingNextServer = routerosRule({
  id: 'routeros.missingNextServer',
  language: 'routeros',
  severity: 'warning',
  summary:
    'Option 66 (TFTP server) is handed out but no DHCP network sets `next-server`: many PXE clients ignore option 66 and ask next-server.',
  example:
    '/ip dhcp-server option\nadd code=66 name=tftp value="s\'192.168.255.2\'"\n/ip dhcp-server network\nadd ' +
    'address=192.168.255.0/24 gateway=192.168.255.1',
  fix: 'Add next-server=<TFTP server address> to the /ip dhcp-server network entry (the quick fix does it).',
  levelWhy:
    'The import works and many clients boot from option 66, but PXE ROMs that only read next-server (siaddr) fail: very ' +
    'likely wrong for PXE.',
  check(script) {
    const option66 = statementsIn(script, OPTION_MENU).find(
      (s) => s.command?.text === 'add' && argText(s, 'code') === '66',
    );
    if (!option66) return [];
    const networks = statementsIn(script, '/ip dhcp-server network').filter(
      (s) => s.command?.text === 'add' || s.command?.text === 'set',
    );
    if (!networks.length || networks.some((n) => argText(n, 'next-server'))) return [];
    const code = arg(option66, 'code')!;
    // The quick fix adds the server option 66 names to each network `add` (when it is a plain address).
    const server = /^s?'((?:\d{1,3}\.){3}\d{1,3})'$/.exec(argText(option66, 'value') ?? '')?.[1];
    const adds = networks.filter((n) => n.command?.text === 'add');
    const fixes =
      server && adds.length
        ? [
            {
              title: `Add next-server=${server} to the network`,
              edits: adds.map((n) => ({
                start: lastValueEnd(n),
                end: lastValueEnd(n),
                newText: ` next-server=${server}`,
              })),
              preferred: true,
            },
          ]
        : undefined;
    return [
      report(
        this,
        { start: code.key.start, end: valueEnd(code) },
        'Option 66 names the TFTP server, but no /ip dhcp-server network sets next-server: many PXE ROMs only read ' +
          'next-server. Add next-server= to the network.',
        {
          related: networks.map((n) => ({ start: n.start, end: n.end, message: 'network without next-server' })),
          ...(fixes ? { fixes } : {}),
        },
      ),
    ];
  },
});
