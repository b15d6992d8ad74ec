import { butaneRule, reportsOf } from './shared';

export const unsupported = butaneRule({
  id: 'butane.unsupported',
  language: 'butane',
  severity: 'error',
  summary: "A field the variant's spec cannot carry (flatcar 1.0.0 and 1.1.0: Clevis for LUKS).",
  example:
    'variant: flatcar\nversion: 1.1.0\nstorage:\n  luks:\n    - name: data\n      device: /dev/vdb\n      clevis:\n        tpm2: true',
  fix: 'Drop the field, or use a version of the variant that supports it.',
  levelWhy: 'Butane refuses the config ("… is not supported in this spec version").',
  check(doc, _text, context) {
    return reportsOf(this.id, doc, context);
  },
});
