/**
 * RouterOS's own per-character token classes (../shared/corpus/routeros/golden-highlight, from
 * `/console/inspect request=highlight`) against ours: every character we classify must agree.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseRouterOs } from '../../../lib/languages/routeros';
import { tokenClasses } from '../../../lib/languages/routeros/classes';

const DIR = join('..', 'shared', 'corpus', 'routeros');
const CASES: [string, string, number][] = [
  ['tikoci-sample.rsc', 'golden-highlight/sample.rsc.highlight', 150],
  ['tikoci-test.rsc', 'golden-highlight/test.rsc.highlight', 1900],
  ['golden-highlight/edge-cases_single-command.rsc', 'golden-highlight/edge-cases_single-command.rsc.highlight', 10],
  ['tikoci-intentional-errors.rsc', 'golden-highlight/intentional-errors.rsc.highlight', 300],
];

describe.skipIf(!existsSync(DIR))('tokenizer vs RouterOS token classes', () => {
  it.each(CASES)('%s: every classified character agrees', (rsc, highlight, minimum) => {
    const text = readFileSync(join(DIR, rsc), 'utf8');
    const golden = readFileSync(join(DIR, highlight), 'utf8').trim().split(',');
    expect(golden).toHaveLength(text.length);
    const ours = tokenClasses(parseRouterOs(text).ast);
    const disagreements: string[] = [];
    let agreed = 0;
    ours.forEach((cls, i) => {
      if (cls === undefined) return;
      if (cls === golden[i]) agreed++;
      else
        disagreements.push(
          `${i} ${JSON.stringify(text.slice(Math.max(0, i - 8), i + 8))}: ours ${cls}, RouterOS ${golden[i]}`,
        );
    });
    expect(disagreements.slice(0, 5)).toEqual([]);
    expect(agreed).toBeGreaterThanOrEqual(minimum);
  });
});
