import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseRouterOs } from '../../../lib/languages/routeros';
import { formatRouterOs } from '../../../lib/languages/routeros/format';

const format = (text: string): string | undefined => formatRouterOs(parseRouterOs(text).ast, text);

/** What a script means to the tokenizer: the tokens (newlines included) and whether blanks separate them. */
function meaning(text: string): string[] {
  const tokens = parseRouterOs(text).ast.tokens.filter(
    (t, i, all) => t.kind !== 'newline' || all[i - 1]?.kind !== 'newline',
  );
  return tokens.map((t, i) => {
    // Blanks matter only between two tokens of one line.
    const previous = tokens[i - 1]?.kind === 'newline' || t.kind === 'newline' ? undefined : tokens[i - 1];
    const gap = previous ? text.slice(previous.end, t.start).replace(/\\\r?\n/g, '') : '';
    const blank = /[ \t]/.test(gap) || /\\\r?\n[ \t]/.test(previous ? text.slice(previous.end, t.start) : '');
    return `${blank ? ' ' : ''}${t.kind}:${t.kind === 'comment' ? t.text.trimEnd() : t.text}`;
  });
}

const CORPUS = join('..', 'shared', 'corpus', 'routeros');
const corpus = existsSync(CORPUS)
  ? readdirSync(CORPUS)
      .filter((f) => f.endsWith('.rsc'))
      .map((f) => readFileSync(join(CORPUS, f), 'utf8'))
  : [];
const samples = [...corpus, readFileSync('examples/home-lab/router/pxe-dhcp.rsc', 'utf8')];

describe('RouterOS formatter', () => {
  it('normalizes blanks, indentation, continuations and blank lines', () => {
    expect(format('/ip   pool\n  add name=p    ranges=1.1.1.1-1.1.1.9   \n\n\n:if (true) do={\n:put "a  b"\n}\n')).toBe(
      '/ip pool\nadd name=p ranges=1.1.1.1-1.1.1.9\n\n:if (true) do={\n    :put "a  b"\n}\n',
    );
    expect(
      format('/ip dhcp-server network \\\n    add address=192.168.255.0/24 \\\n    next-server=192.168.255.2\n'),
    ).toBe('/ip dhcp-server network add address=192.168.255.0/24 next-server=192.168.255.2\n');
    expect(format('add value=\\\n"x"\n')).toBe('add value="x"\n');
  });

  it('leaves a script with syntax errors alone', () => {
    expect(format('add value="open\n')).toBeUndefined();
  });

  it('is idempotent and keeps the meaning on every corpus file', () => {
    expect(samples.length).toBeGreaterThan(1);
    for (const text of samples) {
      const once = format(text);
      if (once === undefined) continue; // files with syntax errors (the intentional-errors sample)
      expect(format(once)).toBe(once);
      expect(meaning(once).filter((t) => !t.endsWith('newline:\n'))).toEqual(
        meaning(text).filter((t) => !t.endsWith('newline:\n')),
      );
    }
  });

  it('is idempotent and keeps the meaning on generated scripts (property)', () => {
    const piece = fc.constantFrom(
      '/ip dhcp-server option',
      'add',
      'set',
      'name=x',
      'value="\'a b\'"',
      '[',
      ']',
      'find',
      ':local',
      '$v',
      '{',
      '}',
      'do={',
      ';',
      '#c',
      '\n',
      ' ',
      '  ',
      '\t',
      '\\\n  ',
      '"s  t"',
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 60 }), (pieces) => {
        const text = pieces.join('');
        const once = format(text);
        if (once === undefined) return;
        expect(format(once)).toBe(once);
        expect(meaning(once).filter((t) => !t.endsWith('newline:\n'))).toEqual(
          meaning(text).filter((t) => !t.endsWith('newline:\n')),
        );
      }),
      { numRuns: 1000, seed: 5 },
    );
  });
});
