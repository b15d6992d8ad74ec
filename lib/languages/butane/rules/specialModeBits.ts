import { butaneRule, reportsOf } from './shared';

export const specialModeBits = butaneRule({
  id: 'butane.specialModeBits',
  language: 'butane',
  severity: 'warning',
  summary: 'A mode with setuid, setgid or sticky bits in a spec whose Ignition (before 3.6.0) does not apply them.',
  example: 'variant: fcos\nversion: 1.6.0\nstorage:\n  files:\n    - path: /usr/local/bin/tool\n      mode: 04755',
  fix: 'Drop the special bits, or use fcos 1.7.0 (Ignition 3.6.0) or later.',
  levelWhy:
    'Ignition warns ("setuid/setgid/sticky bits are not supported") and Butane with it; an error under --strict.',
  check(doc, _text, context) {
    return reportsOf(this.id, doc, context);
  },
});
