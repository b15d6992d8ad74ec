import { describe, expect, it } from 'vitest';
import { applyFix, flagged, lintFixture } from '../../helpers/markers';
import { describeBytes, parseOptionValue } from '../../../lib/languages/routeros/optionValue';
import { parseRouterOs } from '../../../lib/languages/routeros';
import { argValue, statementsOf } from '../../../lib/languages/routeros/statements';

const OPTIONS = '/ip dhcp-server option\n';

describe('RouterOS DHCP option values', () => {
  it.each([
    ["'lpxelinux.0'", '0x6c7078656c696e75782e30'],
    ["'192.168.255.2'", '0xc0a8ff02'],
    ["s'10'", '0x3130'],
    ["'10'", '0x0a'],
    ["0x01'lab'$(HOSTNAME)", '0x01 + 0x6c6162 + $(HOSTNAME)'],
  ])('%s sends %s', (value, bytes) => {
    expect(describeBytes(parseOptionValue(value))).toBe(bytes);
  });

  it.each([
    ["'open", 'never closed'],
    ['0x123', 'odd number'],
    ['0x', 'no hex digits'],
    ['text', 'unexpected'],
    ['', 'empty'],
  ])('rejects %j (%s)', (value, message) => {
    expect(parseOptionValue(value).error).toContain(message);
  });
});

describe('RouterOS statements', () => {
  it('carry the menu set by a menu line, the command and its arguments, with quotes removed', () => {
    const text =
      `${OPTIONS}add code=66 name=tftp value="s'192.168.255.2'" comment="a \\"b\\""\n/ip pool add name=p ` +
      `ranges=1.1.1.1-1.1.1.2\nset [ find name=x ] disabled=yes`;
    const statements = statementsOf(parseRouterOs(text).ast).filter((s) => s.command);
    expect(statements.map((s) => [s.menu, s.command?.text, s.args.map((a) => `${a.name}=${argValue(a)}`)])).toEqual([
      ['/ip dhcp-server option', 'add', ['code=66', 'name=tftp', "value=s'192.168.255.2'", 'comment=a "b"']],
      ['/ip pool', 'add', ['name=p', 'ranges=1.1.1.1-1.1.1.2']],
      ['/ip dhcp-server option', 'set', ['disabled=yes']],
    ]);
  });
});

describe('routeros DHCP rules', () => {
  it('routeros.dhcpOptionValue flags broken expressions', () => {
    expect(flagged('routeros.dhcpOptionValue', 'a.rsc', `${OPTIONS}add code=67 name=b value="'lpxelinux.0"\n`)).toEqual(
      [`"'lpxelinux.0"`],
    );
    expect(flagged('routeros.dhcpOptionValue', 'a.rsc', `${OPTIONS}add code=43 name=v value=0x123\n`)).toEqual([
      '0x123',
    ]);
    expect(
      flagged('routeros.dhcpOptionValue', 'a.rsc', `${OPTIONS}add code=67 name=b value="'lpxelinux.0'"\n`),
    ).toEqual([]);
  });

  it('routeros.legacyOptionValue warns about bare IPs and quotes them as text', () => {
    const r = lintFixture('a.rsc', `${OPTIONS}add code=66 name=t value=192.168.255.2\n`, 'routeros.legacyOptionValue');
    expect(r.findings).toHaveLength(1);
    expect(applyFix(r.text, r.findings[0]!)).toContain(`value="s'192.168.255.2'"`);
  });

  it('routeros.dhcpOptionCode flags codes that are no number; routeros.badValue the ones outside 1-254', () => {
    const text =
      `${OPTIONS}add code=0 name=a value=0x01\nadd code=255 name=b value=0x01\nadd code=x name=c ` +
      `value=0x01\nadd code=254 name=d value=0x01\n`;
    expect(flagged('routeros.dhcpOptionCode', 'a.rsc', text)).toEqual(['x']);
    expect(flagged('routeros.badValue', 'a.rsc', text)).toEqual(['0', '255']);
  });

  it('routeros.badValue flags IPs, MACs, yes/no and numbers of the wrong kind, and leaves computed values alone', () => {
    const text =
      '/ip dhcp-server network\nadd address=192.168.255.0/24 next-server=192.168.255.300 dns-none=maybe netmask=40 ' +
      'gateway=2.2\n/ip dhcp-server lease\nadd address=$ip mac-address=52:54:00:12:34 disabled=[:pick ' +
      '"no" 0]\n/ip pool\nadd name=p ranges=10.0.0.10-10.0.0.20\n/system scheduler\nadd name=s ' +
      'start-time=03:00:00 interval=1d\n';
    expect(flagged('routeros.badValue', 'a.rsc', text)).toEqual(['192.168.255.300', 'maybe', '40', '52:54:00:12:34']);
  });

  it('routeros.badValue flags a lease or DHCP network address that is not one address, saying what to write', () => {
    const mac = (n: number): string => ` mac-address=52:54:00:12:34:5${n}`;
    const text = [
      '/ip dhcp-server network',
      'add address=192.168.255.0/24,restrict=off',
      'add address=192.168.255.0/24',
      'add address=$net',
      '/ip dhcp-server lease',
      `add address="192.168.255.50,hostfwd=tcp:127.0.0.1:25555-:22"${mac(0)}`,
      `add address=192.168.255.51-192.168.255.60${mac(1)}`,
      `add address=192.168.255.0/24${mac(2)}`,
      `add address=192.168.255.52${mac(3)}`,
      `add address=0.0.0.0${mac(4)}`,
      `add address=lab-pool${mac(5)}`,
      `set [ find mac-address=52:54:00:12:34:53 ] address=192.168.255.53,192.168.255.54`,
      '',
    ].join('\n');
    expect(flagged('routeros.badValue', 'a.rsc', text)).toEqual([
      '192.168.255.0/24,restrict=off',
      '"192.168.255.50,hostfwd=tcp:127.0.0.1:25555-:22"',
      '192.168.255.51-192.168.255.60',
      '192.168.255.0/24',
      '192.168.255.53,192.168.255.54',
    ]);
    const messages = lintFixture('a.rsc', text, 'routeros.badValue').findings.map((f) => f.message);
    expect(messages[0]).toMatch(/is not one IPv4 network: .* like address=192\.168\.255\.0\/24/);
    expect(messages[1]).toMatch(
      /is not one IPv4 address: a lease takes a single address, like address=192\.168\.255\.50/,
    );
  });

  it('routeros.undefinedOption and undefinedOptionSet flag references to names never added, with suggestions', () => {
    const text =
      `${OPTIONS}add code=66 name=tftp-server value="s'x'"\n/ip dhcp-server option sets\nadd name=pxe ` +
      `options=tftp-sever,tftp-server\n/ip dhcp-server lease\nadd mac-address=52:54:00:12:34:56 ` +
      `dhcp-option-set=pxee\n/ip dhcp-server network\nadd address=192.168.255.0/24 ` +
      `next-server=192.168.255.2 dhcp-option-set=pxe\n`;
    expect(flagged('routeros.undefinedOption', 'a.rsc', text)).toEqual(['tftp-sever']);
    expect(flagged('routeros.undefinedOptionSet', 'a.rsc', text)).toEqual(['pxee']);
    const r = lintFixture('a.rsc', text, 'routeros.undefinedOptionSet');
    expect(applyFix(r.text, r.findings[0]!)).toContain('dhcp-option-set=pxe\n/ip');
  });

  it('routeros.duplicateName flags a second add of the same name in one menu', () => {
    expect(
      flagged(
        'routeros.duplicateName',
        'a.rsc',
        `${OPTIONS}add code=67 name=boot value=0x01\nadd code=67 name=boot value=0x02\n/ip pool\nadd name=boot ranges=1.1.1.1\n`,
      ),
    ).toEqual(['boot']);
  });

  it('routeros.missingNextServer flags option 66 without next-server on any network', () => {
    const base = `${OPTIONS}add code=66 name=tftp value="s'192.168.255.2'"\n/ip dhcp-server network\n`;
    expect(
      flagged('routeros.missingNextServer', 'a.rsc', `${base}add address=192.168.255.0/24 gateway=192.168.255.1\n`),
    ).toEqual(['code=66']);
    expect(
      flagged('routeros.missingNextServer', 'a.rsc', `${base}add address=192.168.255.0/24 next-server=192.168.255.2\n`),
    ).toEqual([]);
  });
});
