import { butaneRule, reportsOf } from './shared';

export const mountUnit = butaneRule({
  id: 'butane.mountUnit',
  language: 'butane',
  severity: 'error',
  summary:
    '`with_mount_unit` on a filesystem Butane cannot write a unit for: no format, no path (but for swap from ' +
    'fcos 1.4.0), or (fcos 1.6.0 and later) a mount point outside /etc and /var.',
  example:
    'variant: fcos\nversion: 1.6.0\nstorage:\n  filesystems:\n    - device: /dev/vdb\n      format: xfs\n' +
    '      path: /opt/data\n      with_mount_unit: true',
  fix: 'Add format and path; on Fedora CoreOS mount data below /var (e.g. /var/lib/data).',
  levelWhy: 'Butane refuses the config: the unit would be incomplete or mount over the OS.',
  check(doc, _text, context) {
    return reportsOf(this.id, doc, context);
  },
});
