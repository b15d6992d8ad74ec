import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadGrammar, scopeOf, tokenize } from '../../helpers/grammar';

describe('GRUB TextMate grammar', () => {
  it('scopes entries, keywords, commands, assignments, variables, strings, devices and comments', async () => {
    const g = await loadGrammar('source.grub');
    const t = tokenize(
      g,
      "# c\nset timeout=5\nif [ $x = y ]; then\n  menuentry 'Fedora' --id f {\n    linux (tftp)/vmlinuz quiet ip=dhcp\n  }\nfi\n",
    );
    expect(scopeOf(t, '# c')).toBe('comment.line.number-sign.grub');
    expect(scopeOf(t, 'timeout')).toBe('variable.other.assignment.grub');
    expect(scopeOf(t, 'if')).toBe('keyword.control.grub');
    expect(scopeOf(t, 'menuentry')).toBe('keyword.control.menuentry.grub');
    expect(t.find((x) => x.text === "'Fedora'" || x.text === 'Fedora')?.scopes).toContain('string.quoted.single.grub');
    expect(scopeOf(t, '--id')).toBe('variable.parameter.option.grub');
    expect(scopeOf(t, 'linux')).toBe('support.function.command.grub');
    expect(scopeOf(t, '(tftp)')).toBe('entity.name.tag.device.grub');
    expect(scopeOf(t, '$x')).toBe('variable.other.grub');
    expect(scopeOf(t, 'ip')).toBe('variable.parameter.kernel-argument.grub');
  });

  it('tokenizes every file of the real-world corpus', async () => {
    const g = await loadGrammar('source.grub');
    const root = 'test/corpus/realworld/grub';
    const files = (readdirSync(root, { recursive: true }) as string[]).filter((f) => /grub|\.cfg/.test(f));
    expect(files.length).toBeGreaterThan(20);
    for (const f of files) {
      const path = join(root, f);
      if (!/\.(cfg|j2|erb|ww|template|txt|old|stx|static)$/.test(path)) continue;
      expect(() => tokenize(g, readFileSync(path, 'utf8'))).not.toThrow();
    }
  });
});
