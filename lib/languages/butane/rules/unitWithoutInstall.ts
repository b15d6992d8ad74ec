import { butaneRule, reportsOf } from './shared';

export const unitWithoutInstall = butaneRule({
  id: 'butane.unitWithoutInstall',
  language: 'butane',
  severity: 'warning',
  summary: 'An enabled systemd unit whose contents have no [Install] section: enabling it does nothing.',
  example:
    'variant: fcos\nversion: 1.6.0\nsystemd:\n  units:\n    - name: hello.service\n      enabled: true\n' +
    '      contents: |\n        [Service]\n        ExecStart=/bin/true',
  fix: 'Add an [Install] section (WantedBy=multi-user.target), or drop `enabled`.',
  levelWhy: 'Ignition warns ("is enabled, but has no install section") and Butane with it; an error under --strict.',
  check(doc, _text, context) {
    return reportsOf(this.id, doc, context);
  },
});
