import { butaneRule, reportsOf } from './shared';

export const unit = butaneRule({
  id: 'butane.unit',
  language: 'butane',
  severity: 'error',
  summary:
    'A Podman Quadlet Butane cannot write: a file name Podman does not read (not .container, .volume, …), ' +
    'or contents on a template instance (`web@1.container`, which Butane links to its template).',
  example:
    'variant: fcos\nversion: 1.8.0-experimental\nsystemd:\n  quadlets:\n    - name: web.service\n      contents: x',
  fix: 'Use a Quadlet extension; put the contents on the template (`web@.container`) and leave the instance empty.',
  levelWhy: 'Butane refuses the config.',
  check(doc, _text, context) {
    return reportsOf(this.id, doc, context);
  },
});
