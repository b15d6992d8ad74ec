import { describe, expect, it } from 'vitest';
import { ignition } from '../../../lib/languages/ignition';

describe('Ignition rule levels', () => {
  it('every rule says why it has its level, in the words of the severity policy', () => {
    const policy = { error: /refuse|fails/, warning: /very likely|fail|refuse/, info: /Advice/, hint: /Style/ };
    for (const rule of [...ignition.parserRules, ...ignition.rules]) {
      expect(rule.levelWhy, rule.id).toBeTruthy();
      expect(rule.levelWhy, rule.id).toMatch(policy[rule.severity]);
    }
  });
});
