import { butaneRule, reportsOf } from './shared';

export const bootDevice = butaneRule({
  id: 'butane.bootDevice',
  language: 'butane',
  severity: 'error',
  summary:
    '`boot_device` that Butane cannot lay out: an unknown layout, a mirror of one disk or without a layout, ' +
    'an s390x layout without its LUKS device, CEX off s390x or beside Clevis, LUKS with no way to unlock it.',
  example: 'variant: fcos\nversion: 1.6.0\nboot_device:\n  mirror:\n    devices:\n      - /dev/sda',
  fix: 'Name the layout (x86_64, aarch64, ppc64le, s390x-…), mirror at least two disks, and give LUKS tang, tpm2 or cex.',
  levelWhy:
    'Butane refuses the config (a mirror without a layout is a warning before fcos 1.7.0, an error under --strict).',
  check(doc, _text, context) {
    return reportsOf(this.id, doc, context);
  },
});
