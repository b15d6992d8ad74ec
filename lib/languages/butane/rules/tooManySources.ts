import { butaneRule, reportsOf } from './shared';

export const tooManySources = butaneRule({
  id: 'butane.tooManySources',
  language: 'butane',
  severity: 'error',
  summary: 'More than one of `inline`, `local` and `source` (or both `contents` and `contents_local`) in one place.',
  example:
    'variant: fcos\nversion: 1.6.0\nstorage:\n  files:\n    - path: /etc/motd\n      contents:\n' +
    '        inline: hi\n        source: https://example.com/motd',
  fix: 'Keep one of them.',
  levelWhy: 'Butane refuses the config ("only one of the following can be set").',
  check(doc, _text, context) {
    return reportsOf(this.id, doc, context);
  },
});
