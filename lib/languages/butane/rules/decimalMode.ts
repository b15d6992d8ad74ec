import { butaneRule, reportsOf } from './shared';

export const decimalMode = butaneRule({
  id: 'butane.decimalMode',
  language: 'butane',
  severity: 'warning',
  summary:
    'A file or directory mode that looks like octal written without its leading zero (`mode: 644` is decimal 644, octal 1204).',
  example: 'variant: fcos\nversion: 1.6.0\nstorage:\n  files:\n    - path: /etc/motd\n      mode: 644',
  fix: 'Add the leading zero: `mode: 0644`.',
  levelWhy: 'Butane warns (an error under --strict); the file gets odd permissions.',
  check(doc, _text, context) {
    return reportsOf(this.id, doc, context);
  },
});
