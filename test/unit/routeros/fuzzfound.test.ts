import { describe, expect, it } from 'vitest';
import { lintText } from '../../../lib/engine';
import { parseRouterOs } from '../../../lib/languages/routeros/parser';

/** Inputs the fuzz campaign (`npm run fuzz`) found, kept so the bugs stay fixed. */
describe('RouterOS inputs found by the fuzz campaign', () => {
  it('a vertical tab or form feed between words: the tokenizer never looped (it filled the memory with empty words)', () => {
    for (const blank of ['\v', '\f']) {
      const text = `options=a,b\u00e5${blank}option${blank}{ add name=x }`;
      const { ast } = parseRouterOs(text);
      expect(ast.tokens.every((t) => t.end > t.start)).toBe(true);
      expect(ast.tokens.filter((t) => t.kind === 'word').map((t) => t.text)).toEqual([
        'options=a,b\u00e5',
        'option',
        'add',
        'name=x',
      ]);
      expect(() => lintText('/fuzz/x.rsc', text)).not.toThrow();
    }
  });
});
