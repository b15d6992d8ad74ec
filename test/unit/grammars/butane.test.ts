import { describe, expect, it } from 'vitest';
import { loadGrammar, scopeOf, tokenize } from '../../helpers/grammar';

const CONFIG = `# node config
variant: fcos
version: 1.5.0
storage:
  files:
    - path: /etc/motd # greeting
      mode: 0644
      overwrite: true
      contents:
        inline: |
          Welcome: here
          mode: text
    - path: "/etc/q"
      contents: { local: motd.txt, compression: null }
systemd:
  units:
    - contents: |
        [Unit]
        Description=x
      name: a.service
`;

describe('Butane grammar', () => {
  it('marks keys, Butane`s own keys, values, numbers and comments', async () => {
    const t = tokenize(await loadGrammar('source.butane'), CONFIG);
    expect(t.find((x) => x.text.includes('node config'))?.scopes).toContain('comment.line.number-sign.butane');
    expect(scopeOf(t, 'variant')).toBe('support.type.property-name.butane');
    expect(scopeOf(t, 'fcos')).toBe('string.unquoted.plain.butane');
    expect(scopeOf(t, 'storage')).toBe('entity.name.tag.butane');
    expect(scopeOf(t, '-')).toBe('punctuation.definition.block.sequence.item.butane');
    expect(scopeOf(t, '/etc/motd')).toBe('string.unquoted.plain.butane');
    expect(t.find((x) => x.text.includes('greeting'))?.scopes).toContain('comment.line.number-sign.butane');
    expect(scopeOf(t, '0644')).toBe('constant.numeric.integer.octal.butane');
    expect(scopeOf(t, 'true')).toBe('constant.language.boolean.butane');
    expect(scopeOf(t, 'inline')).toBe('support.type.property-name.butane');
    expect(scopeOf(t, '|')).toBe('keyword.control.flow.block-scalar.butane');
    expect(scopeOf(t, '/etc/q')).toBe('string.quoted.double.butane');
    expect(scopeOf(t, 'local')).toBe('support.type.property-name.butane');
    expect(scopeOf(t, 'motd.txt')).toBe('string.unquoted.plain.butane');
    expect(scopeOf(t, 'null')).toBe('constant.language.null.butane');
  });

  it('keeps a block scalar`s lines text until the indentation returns', async () => {
    const t = tokenize(await loadGrammar('source.butane'), CONFIG);
    const scopesOf = (text: string): string[] => t.find((x) => x.text.includes(text))?.scopes ?? [];
    expect(scopesOf('Welcome: here')).toContain('string.unquoted.block.butane');
    expect(scopesOf('mode: text')).toContain('string.unquoted.block.butane');
    expect(scopesOf('Description=x')).toContain('string.unquoted.block.butane');
    expect(scopeOf(t, 'name')).toBe('entity.name.tag.butane');
    expect(scopeOf(t, 'a.service')).toBe('string.unquoted.plain.butane');
    expect(scopeOf(t, 'systemd')).toBe('entity.name.tag.butane');
  });
});
