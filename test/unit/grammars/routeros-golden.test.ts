/**
 * The RouterOS TextMate grammar against RouterOS's own highlight classes: wherever the grammar marks a
 * comment, a menu path, a command or an argument name, RouterOS must agree.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadGrammar } from '../../helpers/grammar';
import { INITIAL } from 'vscode-textmate';

const DIR = join('..', 'shared', 'corpus', 'routeros');
const SCOPES: [RegExp, string[]][] = [
  [/^comment\./, ['comment']],
  // Without the command tree a grammar cannot tell the last word of `/log info` (a command) from a menu.
  [/^entity\.name\.namespace\.menu/, ['dir', 'none', 'cmd']],
  [/^support\.function\.command/, ['cmd']],
  [/^variable\.parameter\.argument/, ['arg', 'arg-scope', 'arg-dot']],
];

describe.skipIf(!existsSync(DIR))('RouterOS grammar vs RouterOS token classes', () => {
  it.each([
    ['tikoci-sample.rsc', 'golden-highlight/sample.rsc.highlight'],
    ['tikoci-test.rsc', 'golden-highlight/test.rsc.highlight'],
    ['tikoci-intentional-errors.rsc', 'golden-highlight/intentional-errors.rsc.highlight'],
  ])('%s', async (rsc, highlight) => {
    const grammar = await loadGrammar('source.routeros');
    const text = readFileSync(join(DIR, rsc), 'utf8');
    const golden = readFileSync(join(DIR, highlight), 'utf8').trim().split(',');
    let state = INITIAL;
    let offset = 0;
    const disagreements: string[] = [];
    let agreed = 0;
    for (const line of text.split('\n')) {
      const result = grammar.tokenizeLine(line, state);
      for (const token of result.tokens) {
        const scope = token.scopes.at(-1) ?? '';
        const expected = SCOPES.find(([pattern]) => pattern.test(scope))?.[1];
        if (!expected) continue;
        for (let i = token.startIndex; i < token.endIndex; i++) {
          const theirs = golden[offset + i] ?? '';
          // Blanks inside a menu path token are RouterOS's `none`.
          if (expected.includes(theirs) || (line[i] === ' ' && theirs === 'none')) agreed++;
          else
            disagreements.push(
              `${JSON.stringify(line.slice(token.startIndex, token.endIndex))} is ${scope}, ` +
                `RouterOS says ${theirs} (in ${JSON.stringify(line.trim())})`,
            );
        }
      }
      state = result.ruleStack;
      offset += line.length + 1;
    }
    expect([...new Set(disagreements)].slice(0, 8)).toEqual([]);
    expect(agreed).toBeGreaterThan(20);
  });
});
