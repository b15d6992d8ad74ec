import { describe, expect, it } from 'vitest';
import { flagged } from '../../helpers/markers';
import { parseRouterOs } from '../../../lib/languages/routeros';
import { everyStatementOf } from '../../../lib/languages/routeros/statements';

const USE = '/ip dhcp-server network\nadd address=192.168.255.0/24 dhcp-option-set=pxe\n';

/** Issue #20, class 1: every semantic rule sees a statement however its menu path is written. */
describe('RouterOS menu paths written every way', () => {
  it.each([
    ['space form', '/ip dhcp-server option sets add name=pxe options=boot\n'],
    ['v7 slash form with a command word', '/ip dhcp-server/option/sets add name=pxe options=boot\n'],
    ['v7 slash form throughout', '/ip/dhcp-server/option/sets/add name=pxe options=boot\n'],
    ['mixed', '/ip dhcp-server/option sets add name=pxe options=boot\n'],
    ['a menu line, then add', '/ip dhcp-server option sets\nadd name=pxe options=boot\n'],
    ['a slash menu line, then add', '/ip/dhcp-server/option/sets\nadd name=pxe options=boot\n'],
    ['relative to the menu in effect', '/ip dhcp-server\noption sets add name=pxe options=boot\n'],
    ['a menu block', '/ip dhcp-server option sets {\n    add name=pxe options=boot\n}\n'],
    ['a root block', '/{\n    /ip dhcp-server option sets add name=pxe options=boot\n}\n'],
    ['an :if block', ':if (true) do={\n    /ip/dhcp-server/option/sets/add name=pxe options=boot\n}\n'],
    ['a :do block', ':do {\n    /ip dhcp-server option sets add name=pxe options=boot\n} on-error={}\n'],
  ])('an option set added in the %s is seen as added', (_form, add) => {
    const text = `/ip dhcp-server option add code=67 name=boot value="'lpxelinux.0'"\n${add}${USE}`;
    expect(flagged('routeros.undefinedOptionSet', 'a.rsc', text)).toEqual([]);
    expect(flagged('routeros.undefinedOption', 'a.rsc', text)).toEqual([]);
    expect(flagged('routeros.unknownCommand', 'a.rsc', text)).toEqual([]);
  });

  it('reads the same menu and command from every form', () => {
    const forms = [
      '/ip dhcp-server option sets add name=a',
      '/ip/dhcp-server/option/sets/add name=a',
      '/ip dhcp-server/option/sets add name=a',
      '/ip/dhcp-server/option/sets\nadd name=a',
    ];
    for (const text of forms) {
      const s = everyStatementOf(parseRouterOs(text).ast).find((x) => x.command);
      expect([s?.menu, s?.command?.text, text.slice(s!.command!.start, s!.command!.end)], text).toEqual([
        '/ip dhcp-server option sets',
        'add',
        'add',
      ]);
    }
  });

  it('still catches a set that is never added, and a duplicate, in the slash form', () => {
    const text =
      '/ip/dhcp-server/option/sets/add name=pxe\n/ip/dhcp-server/option/sets/add name=pxe\n/ip/dhcp-server/network/add ' +
      'address=10.0.0.0/24 dhcp-option-set=pex\n';
    expect(flagged('routeros.undefinedOptionSet', 'a.rsc', text)).toEqual(['pex']);
    expect(flagged('routeros.duplicateName', 'a.rsc', text)).toEqual(['pxe']);
  });

  it('reads a menu whose name starts with a digit (/interface 6to4), also with CRLF line endings', () => {
    const text = '/interface 6to4\r\nadd name=6to4-tunnel1 remote-address=192.88.99.1\r\n/ip dhcp-server optoin\r\n';
    expect(flagged('routeros.unknownCommand', 'a.rsc', text)).toEqual(['optoin']);
  });
});
