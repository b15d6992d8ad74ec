import { butaneRule, reportsOf } from './shared';

export const ignitionWarning = butaneRule({
  id: 'butane.ignitionWarning',
  language: 'butane',
  severity: 'warning',
  summary:
    "A warning of Ignition's validator on the translated config that no other rule names (an https proxy " +
    'reached over plain http).',
  example: 'variant: fcos\nversion: 1.6.0\nignition:\n  proxy:\n    https_proxy: http://proxy:3128',
  fix: 'Follow the message (for a proxy: an https:// URL).',
  levelWhy: "Butane passes on the warnings of Ignition's validator; they fail the translation under --strict.",
  check(doc, _text, context) {
    return reportsOf(this.id, doc, context);
  },
});
