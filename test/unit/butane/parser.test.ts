import { describe, expect, it } from 'vitest';
import { isMap, isScalar } from 'yaml';
import { MAX_TEXT_BYTES } from '../../../lib/core/untrusted';
import { MAX_YAML_DEPTH, parseButane, yamlDepthExceeded } from '../../../lib/languages/butane/parser';

describe('parseButane', () => {
  it('reads one document with positions and its variant and version', () => {
    const { ast, problems } = parseButane('variant: fcos\nversion: 1.6.0\nstorage: {}\n');
    expect(problems).toEqual([]);
    expect(ast.variant).toBe('fcos');
    expect(ast.version).toBe('1.6.0');
    expect(isMap(ast.yaml?.contents)).toBe(true);
    expect(ast.lineCounter.linePos(14)).toEqual({ line: 2, col: 1 });
  });

  it('reads the first document only, as Butane does (later ones are not checked)', () => {
    const { ast, problems } = parseButane('variant: fcos\nversion: 1.6.0\n---\nfoo: [\n');
    expect(problems).toEqual([]);
    expect(ast.variant).toBe('fcos');
  });

  it('reports a syntax error at its place and does not throw', () => {
    const text = 'variant: fcos\nversion: 1.6.0\nstorage: [\n';
    const { problems } = parseButane(text);
    expect(problems.length).toBeGreaterThan(0);
    expect(problems[0]?.ruleId).toBe('butane.yamlSyntax');
    expect(problems[0]?.start).toBeGreaterThanOrEqual(0);
  });

  it('ends a block scalar at the end of the text without a line break, as go-yaml does', () => {
    const { ast } = parseButane('variant: fcos\nversion: 1.6.0\nx: |\n  a\n  b');
    const x = isMap(ast.yaml?.contents) ? ast.yaml?.contents.get('x', true) : undefined;
    expect(isScalar(x) ? x.source : undefined).toBe('a\nb');
  });

  it('refuses a document nested deeper than the cap before the YAML library recurses into it', () => {
    const deep = `${'- '.repeat(MAX_YAML_DEPTH + 5)}x\n`;
    expect(yamlDepthExceeded(deep)).toBeGreaterThanOrEqual(0);
    const { ast, problems } = parseButane(deep);
    expect(ast.yaml).toBeUndefined();
    expect(ast.refused?.message).toMatch(/nested deeper/);
    expect(problems.map((p) => p.ruleId)).toEqual(['butane.yamlSyntax']);
  });

  it('counts flow brackets and indentation towards the depth, not brackets inside quotes', () => {
    expect(yamlDepthExceeded(`a: ${'['.repeat(300)}`)).toBeGreaterThanOrEqual(0);
    expect(yamlDepthExceeded(`a: "${'['.repeat(300)}"`)).toBe(-1);
    expect(yamlDepthExceeded(`${' '.repeat(300)}a: 1`)).toBeGreaterThanOrEqual(0);
    expect(yamlDepthExceeded('a:\n  b:\n    - c: [1, {d: 2}]\n')).toBe(-1);
  });

  it('refuses a text larger than the cap', () => {
    const { ast } = parseButane('#'.repeat(MAX_TEXT_BYTES + 1));
    expect(ast.refused?.message).toMatch(/too large/);
  });

  it('never throws on odd input', () => {
    for (const text of [
      '',
      '\u0000',
      '&a [*a]',
      '*x',
      '!!binary "@@@"',
      '? [a]\n: b',
      '{{ .Var }}',
      ':\n:\n-',
      '\t- a',
    ])
      expect(() => parseButane(text)).not.toThrow();
  });
});
