import { butaneRule, reportsOf } from './shared';

export const grub = butaneRule({
  id: 'butane.grub',
  language: 'butane',
  severity: 'error',
  summary: 'A `grub.users` entry without a name or a password hash (the GRUB superuser cannot log in).',
  example: 'variant: fcos\nversion: 1.6.0\ngrub:\n  users:\n    - name: root',
  fix: 'Give each user a name and a password_hash from grub2-mkpasswd-pbkdf2.',
  levelWhy: 'Butane refuses the config ("field … is required").',
  check(doc, _text, context) {
    return reportsOf(this.id, doc, context);
  },
});
