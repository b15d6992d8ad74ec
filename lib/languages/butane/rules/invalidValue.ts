import { butaneRule, reportsOf } from './shared';

export const invalidValue = butaneRule({
  id: 'butane.invalidValue',
  language: 'butane',
  severity: 'error',
  summary:
    'A value of the wrong type for its field (a quoted mode, a list where a mapping belongs), a repeated key, ' +
    'or an embedded Ignition config that is not JSON.',
  example: 'variant: fcos\nversion: 1.6.0\nstorage:\n  files:\n    - path: /etc/motd\n      mode: "0644"',
  fix: 'Write the value as the field takes it: a number without quotes (0644 is octal), true/false, a mapping, a list.',
  levelWhy: 'Butane cannot read the config ("cannot unmarshal", "already defined"): nothing is translated.',
  check(doc, _text, context) {
    return reportsOf(this.id, doc, context);
  },
});
