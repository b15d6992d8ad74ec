import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { flagged, lintFixture } from '../../helpers/markers';
import { lintText } from '../../../lib/engine';
import { treeFromInspect, useTree } from '../../../lib/languages/routeros/catalog';

const REFERENCE = join('..', 'shared', 'reference', 'routeros');

/** False positives and missed mistakes the real-world corpus showed (issue #20), beyond the two named classes. */
describe('RouterOS 6 and 7', () => {
  const NTP = '/system ntp client set enabled=yes primary-ntp=193.78.240.12\n';
  it("says an argument RouterOS 7 dropped is RouterOS 6's, and is quiet when the script says it is for v6", () => {
    const r = lintFixture('a.rsc', NTP, 'routeros.unknownArgument');
    expect(r.findings.map((f) => f.message)).toEqual([expect.stringContaining("RouterOS 6's")]);
    expect(r.findings[0]!.message).toContain('RouterOS 7');
    expect(flagged('routeros.unknownArgument', 'a.rsc', `# sep/25/2018 by RouterOS 6.42.5\n${NTP}`)).toEqual([]);
    const named = lintText('/x/ntp-client-v6.rsc', NTP, { context: { path: '/x/ntp-client-v6.rsc' } });
    expect(named.findings.filter((f) => f.ruleId === 'routeros.unknownArgument')).toEqual([]);
    expect(flagged('routeros.unknownArgument', 'a.rsc', `# by RouterOS 7.19.4\n${NTP}`)).toEqual(['primary-ntp']);
  });

  it("takes v7's dotted shorthand (.skip-dfs-channels= after channel.frequency=) as the full name", () => {
    const text = '/interface wifi\nadd name=w channel.frequency=5180 .skip-dfs-channels=all .widht=20mhz\n';
    if (!existsSync(REFERENCE)) return;
    useTree(treeFromInspect(JSON.parse(readFileSync(join(REFERENCE, 'restraml-7.24-inspect.json'), 'utf8')), '7.24'));
    expect(flagged('routeros.unknownArgument', 'a.rsc', text)).toEqual(['.widht']);
  });
  afterEach(() => useTree(undefined));

  it('knows menus that packages and the hardware add (container, veth, routerboard) and does not call them typos', () => {
    const text =
      '/container config set registry-url=https://registry-1.docker.io\n/interface veth add name=veth1 ' +
      'address=172.17.0.2/24\n/system routerboard settings set auto-upgrade=yes\n';
    expect(flagged('routeros.unknownCommand', 'a.rsc', text)).toEqual([]);
    expect(flagged('routeros.unknownCommand', 'a.rsc', '/interface vteh add name=x\n')).toEqual(['vteh']);
    expect(flagged('routeros.unknownCommand', 'a.rsc', '/contianer add\n/ip dhcp-sever\n')).toEqual([
      'contianer',
      'dhcp-sever',
    ]);
  });
});

describe('RouterOS syntax the corpus showed', () => {
  it('takes `#` after `;` as a comment (a quote in it opens no string)', () => {
    const text = ':global files; # {"anthropic";"groq";google-gemini"]\n:put "ok"\n';
    expect(lintFixture('a.rsc', text).findings.filter((f) => f.severity === 'error')).toEqual([]);
  });

  it('puts an unclosed string where the quotes start to pair up wrong, not at the end of the file', () => {
    const text =
      '/ip firewall filter\nadd chain=input comment="Jump to IN-LAN" rules" jump-target=IN-LAN\nadd chain=input ' +
      'comment="Allow DNS" dst-port=53\nadd chain=input comment="Drop" log-prefix="IN:"\n';
    const r = lintFixture('a.rsc', text, 'routeros.unterminatedString');
    expect(r.actual).toEqual([`1:46-47 routeros.unterminatedString`]);
    expect(r.findings[0]!.message).toContain('pair up wrong');
  });

  it('reports a duplicate name only in menus keyed by name, and not after a remove or for a computed name', () => {
    const dns =
      '/ip dns static\nadd name=a.example address=10.0.0.1\nadd name=a.example type=AAAA address=fd00::1\n/container ' +
      'envs\nadd name=e key=A value=1\nadd name=e key=B value=2\n';
    expect(flagged('routeros.duplicateName', 'a.rsc', dns)).toEqual([]);
    const pools =
      '/ip pool\nadd name=p ranges=10.0.0.2-10.0.0.9\nremove [find name=p]\nadd name=p ' +
      'ranges=10.0.0.2-10.0.0.9\n/interface list\nadd name="$"WAN""\nadd name="$"WAN""\n';
    expect(flagged('routeros.duplicateName', 'a.rsc', pools)).toEqual([]);
    expect(
      flagged('routeros.duplicateName', 'a.rsc', '/ip pool\nadd name=p ranges=10.0.0.2\nadd name=p ranges=10.0.0.3\n'),
    ).toEqual(['p']);
  });

  it('does not read an array literal or an expression as commands', () => {
    const text =
      ':local notes { {660;100}; 150; {510;100} }\n:set $played ($played,{{0;$lnms}})\n:foreach n in={"a";"b"} do={ :put $n }\n';
    expect(flagged('routeros.unknownCommand', 'a.rsc', text)).toEqual([]);
  });
});

describe('RouterOS 7 syntax in a script for RouterOS 6', () => {
  it('reports slash paths and scripting commands v7 added, saying since which version', () => {
    const text =
      '# by RouterOS 6.49.10\n/ip/dhcp-server/option/add code=66 name=t value="s\'10.0.0.5\'"\n:onerror e { :put "x" } ' +
      'do={ :put $e }\n/ip dhcp-server option add code=67 name=b value="\'pxelinux.0\'"\n';
    const r = lintFixture('a.rsc', text, 'routeros.unknownCommand');
    expect(r.findings.map((f) => text.slice(f.start, f.end))).toEqual(['/ip/dhcp-server/option/add', ':onerror']);
    expect(r.findings[0]!.message).toContain('RouterOS 6');
    expect(r.findings[1]!.message).toContain('RouterOS 7.13');
    expect(flagged('routeros.unknownCommand', 'a.rsc', text.replace('6.49.10', '7.16'))).toEqual([]);
  });
});

describe('a loaded command tree without a package', () => {
  afterEach(() => useTree(undefined));
  it('says a package or hardware menu is missing from the loaded tree, not that it is a typo', () => {
    if (!existsSync(REFERENCE)) return;
    useTree(treeFromInspect(JSON.parse(readFileSync(join(REFERENCE, 'restraml-7.24-inspect.json'), 'utf8')), '7.24'));
    const r = lintFixture('a.rsc', '/interface veth add name=veth1 address=172.17.0.2/24\n', 'routeros.unknownCommand');
    expect(r.findings.map((f) => f.message)).toEqual([expect.stringContaining('extra package or with the hardware')]);
    expect(r.findings[0]!.fixes).toBeUndefined();
  });
});
