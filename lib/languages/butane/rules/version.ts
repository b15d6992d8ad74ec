import { butaneRule, reportsOf } from './shared';

export const version = butaneRule({
  id: 'butane.version',
  language: 'butane',
  severity: 'error',
  summary: '`variant` or `version` missing, not a semantic version, or naming a spec Butane does not have.',
  example: 'variant: fcos\nversion: 1.9.0',
  fix: 'Name a variant (fcos, flatcar) and one of its versions, e.g. `version: 1.6.0`.',
  levelWhy: 'Butane refuses to translate ("No translator exists for variant …"): nothing is produced.',
  check(doc, _text, context) {
    return reportsOf(this.id, doc, context);
  },
});
