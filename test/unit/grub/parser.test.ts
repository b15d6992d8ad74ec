import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseGrub } from '../../../lib/languages/grub';
import type { Command } from '../../../lib/languages/grub/ast';

const names = (commands: Command[]): string[] => commands.map((c) => c.name.value);

describe('GRUB parser: words', () => {
  it('removes quotes and escapes, keeps variables and template markers as text, with offsets', () => {
    const text = `echo 'a b' "c \\"d\\" $x" e\\ f \${net_default_server}/g {{ jinja var }} $"tr"`;
    const { ast, problems } = parseGrub(text);
    expect(problems).toEqual([]);
    const args = ast.commands[0]!.args;
    expect(args.map((a) => a.value)).toEqual([
      'a b',
      'c "d" $x',
      'e f',
      '${net_default_server}/g',
      '{{ jinja var }}',
      'tr',
    ]);
    expect(args.map((a) => text.slice(a.start, a.end))).toEqual(args.map((a) => a.text));
    expect(args[1]!.vars.map((v) => v.name)).toEqual(['x']);
    expect(args[3]!.vars).toEqual([{ name: 'net_default_server', start: text.indexOf('${'), end: text.indexOf('/g') }]);
    expect(args[4]!.template).toBe(true);
  });

  it('splits at ; and newlines, takes # as a comment only at the start of a word, joins continued lines', () => {
    const { ast } = parseGrub('set a=1; echo x#y # note\nlinux /vmlinuz \\\n  quiet\n');
    expect(names(ast.commands)).toEqual(['set', 'echo', 'linux']);
    expect(ast.commands[1]!.args.map((a) => a.value)).toEqual(['x#y']);
    expect(ast.commands[2]!.args.map((a) => a.value)).toEqual(['/vmlinuz', 'quiet']);
    expect(ast.comments).toHaveLength(1);
  });
});

describe('GRUB parser: structure', () => {
  const text = [
    'set default=local',
    'set timeout=5',
    'function load_video {',
    '  insmod all_video',
    '}',
    'if [ "$grub_platform" = efi ]; then',
    "  menuentry 'Fedora CoreOS' --class fedora --id fcos {",
    '    linux /vmlinuz ignition.config.url=http://x/c.ign',
    '    initrd /initrd.img',
    '  }',
    'elif true; then',
    '  echo bios',
    'else',
    '  echo other',
    'fi',
    "submenu 'Tools' {",
    "  menuentry 'memtest' { linux16 /memtest }",
    '}',
    'for f in a b; do echo $f; done',
    'while false; do true; done',
  ].join('\n');
  const { ast, problems } = parseGrub(text);

  it('has no problems and every command in file order', () => {
    expect(problems).toEqual([]);
    expect(names(ast.commands)).toEqual(
      [
        'set',
        'set',
        'insmod',
        '[',
        'menuentry',
        'linux',
        'initrd',
        'true',
        'echo',
        'echo',
        'submenu',
        'menuentry',
      ].concat(['linux16', 'echo', 'false', 'true']),
    );
  });

  it('builds the menu tree with titles, ids, classes, nesting and conditions', () => {
    expect(ast.entries.map((e) => [e.kind, e.title?.value, e.id?.value, e.conditional])).toEqual([
      ['menuentry', 'Fedora CoreOS', 'fcos', true],
      ['submenu', 'Tools', undefined, false],
    ]);
    expect(ast.entries[0]!.classes.map((c) => c.value)).toEqual(['fedora']);
    expect(ast.entries[1]!.entries.map((e) => e.title?.value)).toEqual(['memtest']);
    expect(ast.allEntries).toHaveLength(3);
    expect(names(ast.entries[0]!.commands)).toEqual(['linux', 'initrd']);
    expect(names(ast.entries[1]!.commands)).toEqual(['menuentry', 'linux16']);
  });

  it('keeps assignments, functions and placement', () => {
    expect(ast.assignments.map((a) => [a.name, a.value?.text])).toEqual([
      ['default', 'local'],
      ['timeout', '5'],
    ]);
    expect(ast.functions.map((f) => f.name?.value)).toEqual(['load_video']);
    const insmod = ast.commands.find((c) => c.name.value === 'insmod')!;
    expect(ast.placement.get(insmod)?.inFunction?.name?.value).toBe('load_video');
    expect(ast.blocks.length).toBeGreaterThanOrEqual(6);
  });
});

describe('GRUB parser: what GRUB refuses', () => {
  const problems = (text: string): string[] => parseGrub(text).problems.map((p) => `${p.ruleId}@${p.start}`);

  it('reports unterminated quotes at the first line that leaves one open', () => {
    expect(problems("menuentry 'x {\n  linux /v\n}\n")).toEqual(['grub.unterminatedQuote@10']);
    const shifted = 'echo "a\necho b\nset x="c & d"\n';
    expect(problems(shifted)).toEqual(['grub.unterminatedQuote@5']);
    expect(parseGrub(shifted).problems[0]!.related?.[0]?.start).toBe(shifted.lastIndexOf('"'));
  });

  it('reports braces that never close or close nothing, and empty blocks', () => {
    expect(problems("menuentry 'x' {\n  linux /v\n")).toEqual(['grub.unbalancedBrace@14']);
    expect(problems('echo a\n}\n')).toEqual(['grub.unbalancedBrace@7']);
    expect(problems("menuentry 'x' {\n}\n")).toEqual(['grub.syntaxError@14']);
  });

  it('reports if without then or fi, loops without do or done, stray closers, operators and bad $', () => {
    expect(problems('if true; then\n  echo\n')).toEqual(['grub.syntaxError@0']);
    expect(problems('if true\necho x\nfi\n')).toEqual(['grub.syntaxError@0']);
    expect(problems('for x in a b; echo $x; done\n')).toEqual(['grub.syntaxError@0']);
    expect(problems('while true; do echo\n')).toEqual(['grub.syntaxError@0']);
    expect(problems('fi\n')).toEqual(['grub.syntaxError@0']);
    expect(problems('[ a ] && echo b\n')).toEqual(['grub.syntaxError@6']);
    expect(problems('echo $ "cost 5$"\n')).toEqual(['grub.syntaxError@5', 'grub.syntaxError@14']);
    expect(problems("echo '$' \\$ ${x}\n")).toEqual([]);
  });

  it('takes a keyword as a keyword only where a command starts', () => {
    const { ast, problems: p } = parseGrub('echo if then fi "fi"\n');
    expect(p).toEqual([]);
    expect(ast.commands[0]!.args.map((a) => a.value)).toEqual(['if', 'then', 'fi', 'fi']);
  });
});

describe('GRUB parser: property', () => {
  const TOKENS = [
    'menuentry ',
    "'t' ",
    '{',
    '}',
    'if ',
    'then',
    'elif ',
    'else',
    'fi',
    'for x in a; do ',
    'done',
    'while ',
    'function f ',
    '"',
    "'",
    '\\',
    '\\\n',
    '$',
    '${',
    '$x',
    '{{ ',
    ' }}',
    '<%',
    '%>',
    '#',
    ';',
    '&&',
    '|',
    '\n',
    ' ',
    'linux /v',
    'set a=b',
  ];
  it('never throws, and every offset is inside the text', () => {
    fc.assert(
      fc.property(
        fc.array(fc.oneof(fc.constantFrom(...TOKENS), fc.string({ maxLength: 6 })), { maxLength: 150 }),
        (parts) => {
          const text = parts.join('');
          const { ast, problems } = parseGrub(text);
          const inRange = (s: { start: number; end: number }): boolean =>
            s.start >= 0 && s.start <= s.end && s.end <= text.length;
          for (const p of problems) expect(inRange(p)).toBe(true);
          for (const c of ast.commands) {
            expect(inRange(c)).toBe(true);
            for (const w of [c.name, ...c.args]) {
              expect(inRange(w)).toBe(true);
              expect(text.slice(w.start, w.end)).toBe(w.text);
            }
          }
          for (const e of ast.allEntries) expect(inRange(e)).toBe(true);
        },
      ),
      { numRuns: 1000, seed: 23 },
    );
  });

  it('is linear: 20,000 lines parse well under a second', () => {
    const block =
      "menuentry 'e' --id e {\n  linux /vmlinuz quiet\n  initrd /initrd.img\n}\nif [ -e /x ]; then echo y; fi\n";
    const text = block.repeat(4000);
    const started = performance.now();
    const { ast } = parseGrub(text);
    expect(ast.allEntries).toHaveLength(4000);
    expect(performance.now() - started).toBeLessThan(1000);
  });

  it('stops nesting deeper than it checks with a problem instead of overflowing', () => {
    const text = 'if true; then\n'.repeat(5000);
    expect(() => parseGrub(text)).not.toThrow();
    expect(parseGrub(text).problems.some((p) => p.message.includes('Nesting deeper'))).toBe(true);
  });
});
