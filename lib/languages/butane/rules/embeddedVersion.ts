import { butaneRule, reportsOf } from './shared';

export const embeddedVersion = butaneRule({
  id: 'butane.embeddedVersion',
  language: 'butane',
  severity: 'warning',
  summary:
    'An Ignition config embedded with `ignition.config` `inline`/`local` whose version is not the one this ' +
    'spec emits: Butane does not check it.',
  example:
    'variant: fcos\nversion: 1.6.0\nignition:\n  config:\n    merge:\n      - inline: \'{"ignition": {"version": "3.0.0"}}\'',
  fix: 'Embed a config of the version this spec emits (fcos 1.6.0: 3.5.0), or translate it with its own Butane spec.',
  levelWhy: 'Butane warns ("skipping validation … due to an unkown version"); an error under --strict.',
  check(doc, _text, context) {
    return reportsOf(this.id, doc, context);
  },
});
