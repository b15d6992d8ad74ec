import { describe, expect, it } from 'vitest';
import { parseButane } from '../../../lib/languages/butane/parser';
import { translateButane } from '../../../lib/languages/butane/translate/index';
import { resolvePlain } from '../../../lib/languages/butane/scalar';

const translate = (yaml: string, version = '1.5.0') =>
  translateButane(parseButane(`variant: fcos\nversion: ${version}\n${yaml}`).ast);
const reports = (yaml: string, version?: string) =>
  translate(yaml, version).reports.map((r) => `${r.level} ${r.rule} ${r.path.join('.')}`);
const files = (yaml: string) =>
  (translate(yaml).ignition as { storage: { files: Record<string, unknown>[] } } | undefined)?.storage.files;

describe('go-yaml v3 scalars', () => {
  it('resolves plain scalars as go-yaml does', () => {
    expect(resolvePlain('0644')).toEqual({ tag: '!!int', value: 420 });
    expect(resolvePlain('0o644')).toEqual({ tag: '!!int', value: 420 });
    expect(resolvePlain('0x1_0')).toEqual({ tag: '!!int', value: 16 });
    expect(resolvePlain('08')).toEqual({ tag: '!!float', value: 8 });
    expect(resolvePlain('yes')).toEqual({ tag: '!!str', value: 'yes' });
    expect(resolvePlain('~')).toEqual({ tag: '!!null', value: null });
    expect(resolvePlain('2001-12-14').tag).toBe('!!timestamp');
  });

  it('reads a mode by the field type: octal ints, floats truncated, quoted text refused', () => {
    const out = files(
      'storage:\n  files:\n    - {path: /a, mode: 0644}\n    - {path: /b, mode: 0o600}\n    - {path: /c, mode: 1.9}\n',
    );
    expect(out?.map((f) => f.mode)).toEqual([420, 384, 1]);
    expect(reports('storage:\n  files:\n    - path: /a\n      mode: "0644"\n')).toEqual([
      'error butane.invalidValue storage.files.0.mode',
    ]);
  });

  it('takes YAML 1.1 booleans only into bool fields, and any scalar into string fields', () => {
    const out = files('storage:\n  files:\n    - path: /a\n      overwrite: "no"\n      user: {name: yes}\n');
    expect(out?.[0]).toMatchObject({ overwrite: false, user: { name: 'yes' } });
    expect(reports('storage:\n  files:\n    - path: /a\n      overwrite: maybe\n')).toEqual([
      'error butane.invalidValue storage.files.0.overwrite',
    ]);
  });

  it('refuses a repeated key, and a mapping where a list belongs', () => {
    expect(reports('storage:\n  files:\n    - path: /a\n      path: /b\n')).toEqual([
      'error butane.invalidValue storage.files.0.path',
    ]);
    expect(reports('storage:\n  files: {path: /a}\n')).toEqual(['error butane.invalidValue storage.files']);
  });

  it('warns about unused keys with a suggestion or the version that has them', () => {
    const t = translate(
      'storage:\n  files:\n    - path: /a\n      contens: {inline: x}\nkernel_arguments: {}\n',
      '1.3.0',
    );
    const messages = t.reports.map((r) => `${r.path.join('.')}: ${r.message}`).sort();
    expect(messages[1]).toMatch(/^storage\.files\.0\.contens: unused key contens: did you mean `contents`/);
    expect(messages[0]).toMatch(/^kernel_arguments: unused key kernel_arguments: .*fcos 1\.4\.0 and later/);
    expect(t.ignition).toBeDefined();
  });

  it('merges `<<` keys (explicit keys win) and warns about the `<<` key itself, as Butane does', () => {
    const yaml = 'base: &b\n  path: /x\n  mode: 0600\nstorage:\n  files:\n    - <<: *b\n      path: /a\n';
    expect(files(yaml)).toEqual([{ path: '/a', mode: 384 }]);
    expect(reports(yaml)).toEqual(['warning butane.unknownKey base', 'warning butane.unknownKey storage.files.0.<<']);
  });

  it('drops null list items and warns where a struct is written as a scalar', () => {
    const yaml = 'storage:\n  files:\n    - ~\n    - path: /a\n';
    expect(files(yaml)).toEqual([{ path: '/a' }]);
    expect(reports(yaml)).toEqual(['warning butane.unknownKey storage.files.0']);
  });

  it('stops an alias bomb with an error instead of expanding it', () => {
    // Each level merges the one below ten times: 10^11 mappings if every merge were decoded.
    let yaml = 'a0: &a0 {path: /x}\n';
    for (let i = 1; i < 12; i++)
      yaml += `a${i}: &a${i} {<<: [${Array(10)
        .fill(`*a${i - 1}`)
        .join(', ')}]}\n`;
    yaml += 'storage:\n  files:\n    - *a11\n';
    const t = translateButane(parseButane(`variant: fcos\nversion: 1.5.0\n${yaml}`).ast);
    expect(t.ignition).toBeUndefined();
    expect(t.reports.some((r) => /excessive aliasing/.test(r.message))).toBe(true);
  });
});
