import { describe, expect, it } from 'vitest';
import type { SymbolInfo } from '../../../lib/core/language';
import { foldingButane, symbolsButane } from '../../../lib/languages/butane/symbols';
import { butaneDoc } from './editorDoc';

const CONFIG = `variant: fcos
version: 1.5.0
passwd:
  users:
    - name: core
      ssh_authorized_keys:
        - ssh-ed25519 AAAA
storage:
  files:
    - path: /etc/hostname
      contents:
        inline: node1
    - mode: 0644
  trees:
    - local: overlay
systemd:
  units:
    - name: hello.service
      dropins:
        - name: 10-env.conf
`;

/** Names as an indented outline, to compare at a glance. */
function outline(symbols: SymbolInfo[], depth = 0): string[] {
  return symbols.flatMap((s) => [
    `${'  '.repeat(depth)}${s.name}${s.detail ? ` = ${s.detail}` : ''}`,
    ...outline(s.children ?? [], depth + 1),
  ]);
}

describe('symbolsButane', () => {
  it('lists sections, files by path, units by name (drop-ins below), users by name', () => {
    expect(outline(symbolsButane(butaneDoc(CONFIG), CONFIG))).toEqual([
      'variant = fcos',
      'version = 1.5.0',
      'passwd',
      '  users',
      '    core',
      'storage',
      '  files',
      '    /etc/hostname',
      '    #1',
      '  trees',
      '    overlay',
      'systemd',
      '  units',
      '    hello.service',
      '      dropins',
      '        10-env.conf',
    ]);
  });

  it('selects the name and covers the whole entry', () => {
    const storage = symbolsButane(butaneDoc(CONFIG), CONFIG).find((s) => s.name === 'storage');
    const file = storage?.children?.[0]?.children?.[0] as SymbolInfo;
    expect(CONFIG.slice(file.selectionStart, file.selectionEnd)).toBe('/etc/hostname');
    expect(CONFIG.slice(file.start, file.end)).toBe('path: /etc/hostname\n      contents:\n        inline: node1');
  });

  it('has nothing to show for a config that is not a mapping', () => {
    expect(symbolsButane(butaneDoc('- a\n- b\n'), '- a\n- b\n')).toEqual([]);
    expect(symbolsButane(butaneDoc(''), '')).toEqual([]);
  });
});

describe('foldingButane', () => {
  it('folds every mapping and list that spans lines, from its key', () => {
    const lines = foldingButane(butaneDoc(CONFIG), CONFIG).map((s) => [
      CONFIG.slice(0, s.start).split('\n').length,
      CONFIG.slice(0, s.end).split('\n').length,
    ]);
    expect(lines).toContainEqual([3, 7]);
    expect(lines).toContainEqual([8, 15]);
    expect(lines).toContainEqual([10, 12]);
    expect(lines).not.toContainEqual([1, 1]);
  });
});
