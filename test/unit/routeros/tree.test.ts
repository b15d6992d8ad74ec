import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { builtInTree, TreeError, treeFromInspect, useTree } from '../../../lib/languages/routeros/catalog';
import { flagged, lintFixture, applyFix } from '../../helpers/markers';

const REFERENCE = join('..', 'shared', 'reference', 'routeros');
const dump = (file: string): unknown => JSON.parse(readFileSync(join(REFERENCE, file), 'utf8'));

describe.skipIf(!existsSync(REFERENCE))('RouterOS command trees', () => {
  it('the built-in catalog agrees with RouterOS 7.24 on every menu, command and argument it lists', () => {
    const full = treeFromInspect(dump('restraml-7.24-inspect.json'), '7.24');
    const mine = builtInTree();
    expect([...mine.topMenus].sort()).toEqual([...full.topMenus].sort());
    expect([...mine.topCommands].sort()).toEqual([...full.topCommands].sort());
    for (const [path, menu] of mine.menus) {
      const theirs = full.menus.get(path);
      expect(theirs, path).toBeDefined();
      expect([...menu.children].sort(), path).toEqual([...theirs!.children].sort());
      for (const [command, args] of menu.commands) {
        expect(theirs!.commands.has(command), `${path} ${command}`).toBe(true);
        if (args) expect([...args].sort(), `${path} ${command}`).toEqual([...theirs!.commands.get(command)!].sort());
      }
    }
  });

  it('every argument the catalog documents is one its menu has', () => {
    const catalog = JSON.parse(readFileSync(join('lib', 'data', 'routeros-catalog.json'), 'utf8')) as {
      docs: Record<string, string>;
    };
    const tree = builtInTree();
    for (const key of Object.keys(catalog.docs)) {
      const [menu, arg] = key.split('|') as [string, string];
      const commands = tree.menus.get(menu)?.commands;
      // `/tool fetch|url`: an argument of the command `fetch` in /tool.
      const command = menu.slice(menu.lastIndexOf(' ') + 1);
      const args = commands
        ? [...(commands.get('add') ?? []), ...(commands.get('set') ?? [])]
        : [...(tree.menus.get(menu.slice(0, menu.lastIndexOf(' ')))?.commands.get(command) ?? [])];
      expect(args, key).toContain(arg);
    }
  });

  it('every enumerated value in the catalog is one RouterOS offers for that argument', () => {
    const offered = dump('routeros-lsp-choices.json') as Record<string, string[]>;
    const catalog = JSON.parse(readFileSync(join('lib', 'data', 'routeros-catalog.json'), 'utf8')) as {
      choices: Record<string, { values: string[] }>;
    };
    expect(Object.keys(catalog.choices).length).toBeGreaterThan(100);
    for (const [key, { values }] of Object.entries(catalog.choices)) {
      const [menuCommand, arg] = key.split('|') as [string, string];
      const theirs = offered[`${menuCommand.slice(1).replaceAll(' ', '/')}|${arg}`];
      expect(theirs, key).toBeDefined();
      expect(
        values.filter((v) => !theirs!.includes(v)),
        key,
      ).toEqual([]);
    }
  });

  it('loads the 7.22.3 deep-inspect dump through the same loader, and refuses other JSON', () => {
    const tree = treeFromInspect(dump('restraml-7.22.3-deep-inspect.json'), '7.22.3');
    expect(tree.complete).toBe(true);
    expect(tree.menus.get('/ip dhcp-server option')?.commands.get('add')?.has('value')).toBe(true);
    expect(() => treeFromInspect({ foo: 1 }, 'x')).toThrow(TreeError);
    expect(() => treeFromInspect([], 'x')).toThrow(/expected an object/);
  });
});

describe('routeros.unknownCommand and routeros.unknownArgument', () => {
  afterEach(() => useTree(undefined));

  it('flag typos in covered menus, commands, scripting commands and arguments, with fixes', () => {
    const text =
      '/ip dhcp-server optoin\nadd code=1 name=a value=0x01\n/ip dhcp-server network\nadd address=192.168.255.0/24 ' +
      'next-sever=192.168.255.2\nremvoe 0\nremov 1\n:putt "x"\n:log info "ok"\n:typ "x"\n';
    // RouterOS takes an unambiguous beginning of a name: `remov` is remove, `:typ` is :typeof.
    expect(flagged('routeros.unknownCommand', 'a.rsc', text)).toEqual(['optoin', 'remvoe', ':putt']);
    expect(flagged('routeros.unknownArgument', 'a.rsc', text)).toEqual(['next-sever']);
    const r = lintFixture('a.rsc', text, 'routeros.unknownArgument');
    expect(applyFix(r.text, r.findings[0]!)).toContain('next-server=192.168.255.2');
  });

  it('reports only likely typos outside the built-in catalog, and everything once a full tree is loaded', () => {
    const text =
      '/interface wireless\nset 0 disabled=yes\n/interface wiregard\nadd name=wg0\n/interface wireguard\nadd name=wg0 listen-prot=51820\n';
    // Without a full tree only a likely typo of a known menu is reported: "wireless" comes from a package.
    expect(flagged('routeros.unknownCommand', 'a.rsc', text)).toEqual(['wiregard']);
    expect(flagged('routeros.unknownArgument', 'a.rsc', text)).toEqual([]);
    if (!existsSync(REFERENCE)) return;
    useTree(treeFromInspect(dump('restraml-7.24-inspect.json'), '7.24'));
    expect(flagged('routeros.unknownCommand', 'a.rsc', text)).toEqual(['wireless', 'wiregard']);
    expect(flagged('routeros.unknownArgument', 'a.rsc', text)).toEqual(['listen-prot']);
  });
});

describe('routeros.missingArgument and routeros.unknownFilterProperty', () => {
  it('flag an add the router would refuse, but not one that copies from another entry', () => {
    const text =
      '/ip dhcp-server option\nadd name=boot value="\'lpxelinux.0\'"\nadd code=67 name=ok value="\'x\'"\n/ip pool\nadd ' +
      'name=p\nadd copy-from=p name=q\n/ip dhcp-server network\nadd gateway=192.168.255.1\n';
    expect(flagged('routeros.missingArgument', 'a.rsc', text)).toEqual(['add', 'add', 'add']);
    const messages = lintFixture('a.rsc', text, 'routeros.missingArgument').findings.map((f) => f.message);
    expect(messages[0]).toContain('code=');
    expect(messages[1]).toContain('ranges=');
    expect(messages[2]).toContain('address=');
  });

  it('flag a find filter on a misspelt property, with a fix, and leave real properties alone', () => {
    const text =
      '/ip dhcp-server network\nset [ find adress=192.168.255.0/24 ] next-server=192.168.255.2\nset [ find ' +
      'address=192.168.255.0/24 ] boot-file-name=x\nremove [ find where comment~"old" ]\nremove [ find ' +
      'gatway=192.168.255.1 ]\nset [ find dynamic=no ] dns-server=192.168.255.1\n';
    expect(flagged('routeros.unknownFilterProperty', 'a.rsc', text)).toEqual(['adress', 'gatway']);
    const r = lintFixture('a.rsc', text, 'routeros.unknownFilterProperty');
    expect(applyFix(r.text, r.findings[0]!)).toContain('[ find address=192.168.255.0/24 ] next-server');
  });
});

describe('RouterOS completion', () => {
  it('offers menus after /, commands of the menu in effect, and the arguments of the command', async () => {
    const { routeros } = await import('../../../lib/languages/routeros');
    const complete = (text: string): string[] =>
      routeros.complete!(routeros.parse(text).ast, text, text.length).map((c) => c.label);
    expect(complete('/ip dhcp-server ')).toEqual(expect.arrayContaining(['option', 'lease', 'network', 'add']));
    expect(complete('/ip dhcp-server option\n')).toEqual(expect.arrayContaining(['add', 'set', 'remove']));
    expect(complete('/ip dhcp-server option\nadd ')).toEqual(expect.arrayContaining(['code=', 'name=', 'value=']));
    expect(complete('/ip dhcp-server network\nadd next')).toContain('next-server=');
    expect(complete('/ip dhcp-server network\nadd dns-none=')).toEqual(['yes', 'no']);
    const text = '/ip dhcp-server option\nadd code=66 name=t value=0x01\n';
    expect(routeros.hover!(routeros.parse(text).ast, text, text.indexOf('code') + 1)?.markdown).toContain(
      'a number from 1 to 254',
    );
  });

  it('offers and checks the words an enumerated argument takes, and says in hover what is checked', async () => {
    const { routeros } = await import('../../../lib/languages/routeros');
    const complete = (text: string): string[] =>
      routeros.complete!(routeros.parse(text).ast, text, text.length).map((c) => c.label);
    const hover = (text: string, at: string): string | undefined =>
      routeros.hover!(routeros.parse(text).ast, text, text.indexOf(at) + 1)?.markdown;
    expect(complete('/ip dhcp-server\nadd authoritative=')).toEqual([
      'after-10sec-delay',
      'after-2sec-delay',
      'no',
      'yes',
    ]);
    expect(complete('/ip tftp\nadd reading-window-size=')).toEqual(['none', 'pipelining']);
    const text =
      '/ip dhcp-server\nadd authoritative=after-2sec-dealy bootp-support=static interface=bridge\n/ip firewall ' +
      'filter\nadd chain=pxe action=acept connection-state=established,relatd\nadd chain=input ' +
      'action=$act connection-state=!invalid\n';
    expect(flagged('routeros.badValue', 'a.rsc', text)).toEqual(['after-2sec-dealy', 'acept', 'relatd']);
    const r = lintFixture('a.rsc', text, 'routeros.badValue');
    expect(r.findings[2]!.message).toContain('comma-separated list');
    expect(applyFix(r.text, r.findings[1]!)).toContain('action=accept ');
    expect(hover(text, 'authoritative')).toContain('one of `after-10sec-delay`');
    expect(hover(text, '/ip dhcp-server')).toContain('checked against the built-in catalog');
    expect(hover('/interface wireless\nset 0 disabled=yes\n', 'wireless')).toContain('outside the built-in catalog');
    // The PXE arguments explain themselves, in hover and in completion.
    expect(
      hover('/ip dhcp-server network\nadd address=192.168.255.0/24 next-server=192.168.255.2\n', 'next-server'),
    ).toContain('TFTP server address');
    const text2 = '/ip dhcp-server network\nadd ';
    const nextServer = routeros.complete!(routeros.parse(text2).ast, text2, text2.length).find(
      (c) => c.label === 'next-server=',
    );
    expect(nextServer?.documentation).toContain('siaddr');
    expect(hover('/tool fetch url=http://192.168.255.2/x dst-path=x\n', 'url')).toContain('The URL to download');
  });
});
