import { butaneRule, reportsOf } from './shared';

export const partition = butaneRule({
  id: 'butane.partition',
  language: 'butane',
  severity: 'warning',
  summary:
    'A partition fcos would not treat as written: an OS label (root, boot, EFI-SYSTEM, …) at another number, ' +
    'a kept partition named only by label, a root under 8 GiB or one that cannot grow.',
  example:
    'variant: fcos\nversion: 1.6.0\nstorage:\n  disks:\n    - device: /dev/disk/by-id/coreos-boot-disk\n' +
    '      partitions:\n        - label: root\n          size_mib: 4096',
  fix: 'Use the OS partition numbers (root 4, boot 3, EFI-SYSTEM 2), give kept partitions a number, root 8192 MiB or more.',
  levelWhy: 'Butane warns (an error under --strict): the machine boots, but not with the disk layout you meant.',
  check(doc, _text, context) {
    return reportsOf(this.id, doc, context);
  },
});
