import { butaneRule, reportsOf } from './shared';

export const conflict = butaneRule({
  id: 'butane.conflict',
  language: 'butane',
  severity: 'error',
  summary:
    'Sugar that collides with what the config writes itself: a tree or mount unit over a node the config already defines.',
  example:
    'variant: fcos\nversion: 1.6.0\nstorage:\n  trees:\n    - local: etc\n      path: /etc\n  files:\n    - path: /etc/motd',
  fix: 'Keep one definition of the node.',
  levelWhy: 'Butane refuses the config ("matching filesystem node has existing contents or different type").',
  check(doc, _text, context) {
    return reportsOf(this.id, doc, context);
  },
});
