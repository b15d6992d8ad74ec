import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { classify } from '../../../lib/engine/classify';
import { grub, parseGrub } from '../../../lib/languages/grub';
import { completeGrub } from '../../../lib/languages/grub/complete';
import { hoverGrub } from '../../../lib/languages/grub/hover';
import { definitionGrub } from '../../../lib/languages/grub/navigate';
import { foldingGrub, symbolsGrub } from '../../../lib/languages/grub/symbols';
import { diskContext } from '../../../lib/site/view';

const labels = (text: string, offset = text.length, path?: string) =>
  completeGrub(parseGrub(text).ast, text, offset, path ? diskContext(path) : {}).map((c) => c.label);

describe('which files are GRUB configs', () => {
  it('takes grub.cfg and its per-machine and template names, and .cfg files that read as GRUB; leaves SYSLINUX alone', () => {
    expect(classify('/t/grub/grub.cfg', undefined)).toBe('grub');
    expect(classify('/t/grub.cfg-01-52-54-00-12-34-56', undefined)).toBe('grub');
    expect(classify('/t/uefi/grub.cfg-C0A8FF32', '')).toBe('grub');
    expect(classify('/t/templates/grub.cfg.j2', '{{ x }}')).toBe('grub');
    expect(classify('/t/pxelinux.cfg/grub.cfg', 'DEFAULT a\n')).toBe('pxelinux');
    expect(classify('/t/boot/netboot.cfg', "set timeout=5\nmenuentry 'a' {\n  true\n}\n")).toBe('grub');
    expect(classify('/t/menu.cfg', 'serial --unit=0 --speed=115200\ninsmod all_video\n')).toBe('grub');
    expect(classify('/t/menu.cfg', 'serial 0 115200\nDEFAULT linux\nLABEL linux\n  KERNEL vmlinuz\n')).toBe('pxelinux');
    expect(classify('/t/pxegrub2_mac.erb', '<%# x %>\nconfigfile $prefix/a\n')).toBe('grub');
    expect(classify('/t/notes.cfg', 'color=blue\n')).toBeUndefined();
    expect(classify('/t/script.sh', 'if [ -e x ]; then\n  source y\nfi\n')).toBeUndefined();
    expect(grub.files.readsByName?.('grubx64.efi')).toBe(false);
    expect(grub.files.readsByName?.('grubenv')).toBe(true);
    expect(classify('/t/grub/grubenv', '# GRUB Environment Block\nsaved_entry=0\n')).toBeUndefined();
  });
});

describe('completion', () => {
  it('offers commands and functions where a command starts', () => {
    const all = labels('function load_video { true\n}\nmenuentry x {\n  li');
    expect(all).toEqual(expect.arrayContaining(['linux', 'linuxefi', 'insmod', 'load_video']));
    expect(labels('if true; then ec')).toContain('echo');
  });

  it('offers variables after $ and ${, and the entries after default=', () => {
    expect(labels('echo $net_')).toEqual(expect.arrayContaining(['net_default_server', 'net_default_mac']));
    expect(labels('set mine=1\necho ${mi')).toContain('mine');
    const text = "menuentry 'Fedora CoreOS' --id fcos { true\n}\nmenuentry local { true\n}\nset default=";
    const items = completeGrub(parseGrub(text).ast, text, text.length);
    expect(items.map((c) => c.label)).toEqual(['fcos', 'Fedora CoreOS', 'local']);
    expect(items.find((c) => c.label === 'Fedora CoreOS')?.insertText).toBe('"Fedora CoreOS"');
  });

  it('offers files of the TFTP root after linux/initrd, kernel arguments after the kernel, modules after insmod', () => {
    const root = mkdtempSync(join(tmpdir(), 'pxe-grub-'));
    mkdirSync(join(root, 'fcos'));
    writeFileSync(join(root, 'fcos', 'vmlinuz'), 'k');
    writeFileSync(join(root, 'grubx64.efi'), 'g');
    const path = join(root, 'grub', 'grub.cfg');
    expect(labels('linux /', undefined, path)).toEqual(expect.arrayContaining(['fcos/', 'grubx64.efi']));
    expect(labels('linux (tftp)/fcos/', undefined, path)).toEqual(['vmlinuz']);
    expect(labels('linux /fcos/vmlinuz ign', undefined, path)).toContain('ignition.config.url');
    expect(labels('insmod ')).toEqual(expect.arrayContaining(['http', 'regexp', 'linux']));
  });
});

describe('hover', () => {
  it('explains commands with their argument shape and notes, and variables', () => {
    const text = 'linuxefi /v\nwrmsr 1 2\necho $net_default_mac\nset timeout=5\nnet_dhcp\n';
    const { ast } = parseGrub(text);
    expect(hoverGrub(ast, text, 2)?.markdown).toMatch(/\*\*linuxefi\*\* FILE[\s\S]*Not in upstream GRUB/);
    expect(hoverGrub(ast, text, text.indexOf('wrmsr'))?.markdown).toContain('Secure Boot lockdown');
    expect(hoverGrub(ast, text, text.indexOf('net_default_mac') + 3)?.markdown).toContain('colons');
    expect(hoverGrub(ast, text, text.indexOf('timeout') + 1)?.markdown).toContain('-1');
    expect(hoverGrub(ast, text, text.indexOf('net_dhcp'))?.markdown).toContain('Since GRUB 2.04');
  });
});

describe('outline, folding and definitions', () => {
  const text = [
    "set default='tools>memtest'",
    'function load_video {',
    '  true',
    '}',
    "menuentry 'Fedora CoreOS' --id fcos --class fedora {",
    '  load_video',
    '  linux /vmlinuz',
    '}',
    "submenu 'Tools' --id tools {",
    "  menuentry 'memtest' {",
    '    true',
    '  }',
    '}',
  ].join('\n');
  const { ast } = parseGrub(text);

  it('shows the menu as a tree, with ids and classes, and the functions', () => {
    const symbols = symbolsGrub(ast);
    expect(symbols.map((s) => [s.name, s.kind, s.detail])).toEqual([
      ['load_video', 'command', 'function'],
      ['Fedora CoreOS', 'label', '--id fcos --class fedora'],
      ['Tools', 'section', '--id tools'],
    ]);
    expect(symbols[2]?.children?.map((c) => c.name)).toEqual(['memtest']);
    expect(foldingGrub(ast, text)).toHaveLength(4);
    expect(grub.symbols).toBe(symbolsGrub);
  });

  it('leads default to its entry and a function call to the function', () => {
    const [toEntry] = definitionGrub(ast, text, text.indexOf('tools>') + 2);
    expect(text.slice(toEntry!.start, toEntry!.end)).toBe("'memtest'");
    const [toFunction] = definitionGrub(ast, text, text.indexOf('  load_video') + 3);
    expect(text.slice(toFunction!.start, toFunction!.end)).toBe('load_video');
  });

  it('leads configfile and source to the file', () => {
    const root = mkdtempSync(join(tmpdir(), 'pxe-grub-'));
    mkdirSync(join(root, 'grub'));
    writeFileSync(join(root, 'grubx64.efi'), 'g');
    writeFileSync(join(root, 'grub', 'hosts.cfg'), 'true\n');
    const config = 'configfile $prefix/hosts.cfg\n';
    const path = join(root, 'grub', 'grub.cfg');
    expect(definitionGrub(parseGrub(config).ast, config, 14, diskContext(path))).toEqual([
      { start: 0, end: 0, file: join(root, 'grub', 'hosts.cfg') },
    ]);
  });
});
