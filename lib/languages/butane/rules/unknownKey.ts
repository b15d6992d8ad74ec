import { butaneRule, reportsOf } from './shared';

export const unknownKey = butaneRule({
  id: 'butane.unknownKey',
  language: 'butane',
  severity: 'warning',
  summary:
    'A key Butane does not read at that place in this spec version ("unused key"): a typo, or a field of a newer version.',
  example:
    'variant: fcos\nversion: 1.4.0\nstorage:\n  files:\n    - path: /etc/motd\n      contens:\n        inline: hi',
  fix: 'Fix the name (the message suggests one), or raise `version` to the one the message names.',
  levelWhy: 'Butane warns and drops the key (an error under --strict): what it says never reaches the machine.',
  check(doc, _text, context) {
    return reportsOf(this.id, doc, context);
  },
});
