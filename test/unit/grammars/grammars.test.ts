import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadGrammar, scopeOf, tokenize } from '../../helpers/grammar';

describe('TextMate grammars', () => {
  it('iPXE: header, labels, commands, options, settings, operators and comments', async () => {
    const g = await loadGrammar('source.ipxe');
    const t = tokenize(
      g,
      '#!ipxe\n:start\nkernel --name k ${base}/vmlinuz initrd=main || goto failed\necho a#b # note\n',
    );
    expect(scopeOf(t, '#!ipxe')).toBe('comment.line.shebang.ipxe');
    expect(scopeOf(t, 'start')).toBe('entity.name.label.ipxe');
    expect(scopeOf(t, 'kernel')).toBe('support.function.command.ipxe');
    expect(scopeOf(t, '--name')).toBe('variable.parameter.option.ipxe');
    expect(scopeOf(t, 'base')).toBe('variable.other.setting.ipxe');
    expect(scopeOf(t, '||')).toBe('keyword.operator.logical.ipxe');
    expect(scopeOf(t, 'goto')).toBe('keyword.control.ipxe');
    expect(scopeOf(t, 'failed')).toBe('entity.name.label.ipxe');
    expect(scopeOf(t, '# note')).toBe('comment.line.number-sign.ipxe');
    expect(t.some((x) => x.text.includes('a#b') && x.scopes.some((s) => s.startsWith('comment')))).toBe(false);
  });

  it('PXELINUX: keywords, labels, MENU directives and help text', async () => {
    const g = await loadGrammar('source.pxelinux');
    const t = tokenize(
      g,
      '# c\nDEFAULT fcos\nLABEL fcos\n  MENU LABEL Fedora\n  TEXT HELP\n  KERNEL is just text here\n  ENDTEXT\n  APPEND ip=dhcp\n',
    );
    expect(scopeOf(t, '# c')).toBe('comment.line.number-sign.pxelinux');
    expect(scopeOf(t, 'DEFAULT')).toBe('keyword.control.pxelinux');
    expect(scopeOf(t, 'fcos')).toBe('entity.name.label.reference.pxelinux');
    expect(scopeOf(t, 'MENU')).toBe('keyword.other.menu.pxelinux');
    expect(t.find((x) => x.text.includes('KERNEL is just text'))?.scopes).toContain('string.unquoted.help.pxelinux');
    expect(scopeOf(t, 'APPEND')).toBe('keyword.other.pxelinux');
    expect(scopeOf(t, 'ip')).toBe('variable.parameter.kernel-argument.pxelinux');
  });

  it('RouterOS: menus, commands, arguments, strings, variables and comments', async () => {
    const g = await loadGrammar('source.routeros');
    const t = tokenize(
      g,
      '# c\n/ip dhcp-server option\nadd code=66 value="\'192.168.255.2\'"\n:local x [ find name=$y ]\n',
    );
    expect(scopeOf(t, '# c')).toBe('comment.line.number-sign.routeros');
    expect(t.find((x) => x.text.startsWith('/ip'))?.scopes.at(-1)).toBe('entity.name.namespace.menu.routeros');
    expect(scopeOf(t, 'add')).toBe('support.function.command.routeros');
    expect(scopeOf(t, 'code')).toBe('variable.parameter.argument.routeros');
    expect(t.find((x) => x.text.includes('192.168.255.2'))?.scopes).toContain('string.quoted.double.routeros');
    expect(scopeOf(t, ':local')).toBe('keyword.control.scripting.routeros');
    expect(scopeOf(t, '$y')).toBe('variable.other.routeros');
  });

  it('tokenize the whole example site without errors', async () => {
    for (const [scope, file] of [
      ['source.ipxe', 'examples/home-lab/tftp/fedora-coreos.ipxe'],
      ['source.pxelinux', 'examples/home-lab/tftp/pxelinux.cfg/default'],
      ['source.routeros', 'examples/home-lab/router/pxe-dhcp.rsc'],
    ] as const) {
      const tokens = tokenize(await loadGrammar(scope), readFileSync(file, 'utf8'));
      expect(tokens.length, file).toBeGreaterThan(10);
    }
  });
});
