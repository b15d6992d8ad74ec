import { butaneRule, reportsOf } from './shared';

export const localFile = butaneRule({
  id: 'butane.localFile',
  language: 'butane',
  severity: 'error',
  summary:
    'A `local` file that cannot be embedded: no files directory, a path outside it, a missing file, not a regular file, or too large.',
  example:
    'variant: fcos\nversion: 1.6.0\nstorage:\n  files:\n    - path: /etc/motd\n      contents:\n        local: ../secret',
  fix: "Put the file in the files directory (the .bu file's folder, or butane.filesDir in the site file) and name it relative to it.",
  levelWhy: "Butane refuses the config: the file's contents cannot be embedded.",
  check(doc, _text, context) {
    return reportsOf(this.id, doc, context);
  },
});
