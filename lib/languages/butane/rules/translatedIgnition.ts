import type { Problem } from '../../../core/problem';
import { report } from '../../../core/rule';
import { translationOf } from '../translate/index';
import { butaneRule } from './shared';

/**
 * The Ignition config a Butane config becomes, checked as Ignition would: each finding keeps its
 * `ignition.*` rule id (and so its setting) and sits at the YAML that produced it.
 */
export const translatedIgnition = butaneRule({
  id: 'butane.translatedIgnition',
  language: 'butane',
  severity: 'error',
  summary:
    'The translated Ignition config breaks an Ignition rule (a relative path, a duplicate entry, a bad unit): ' +
    'shown at the Butane line it comes from, under the ignition.* rule id.',
  example: 'variant: fcos\nversion: 1.6.0\nstorage:\n  files:\n    - path: etc/motd',
  fix: 'Fix the Butane field the finding points at; the message says what Ignition expects.',
  levelWhy:
    'Butane runs Ignition\'s validator on its output and refuses an invalid result ("config generated was invalid").',
  check(doc, _text, context) {
    const problems: Problem[] = [];
    for (const r of translationOf(doc, context).reports)
      if (r.rule.startsWith('ignition.')) problems.push(report({ id: r.rule }, r, r.message));
    return problems;
  },
});
