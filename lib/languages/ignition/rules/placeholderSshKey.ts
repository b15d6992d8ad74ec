import type { Problem } from '../../../core/problem';
import { report } from '../../../core/rule';
import { templated, visitsWhere } from '../document';
import { ignitionRule } from './shared';

export const placeholderSshKey = ignitionRule({
  id: 'ignition.placeholderSshKey',
  language: 'ignition',
  severity: 'warning',
  summary: 'An SSH key that is a placeholder (`ssh-rsa AAAA...`) or cut short: nobody will be able to log in with it.',
  example:
    '{ "ignition": { "version": "3.4.0" }, "passwd": { "users": [{ "name": "core", "sshAuthorizedKeys": ["ssh-ed25519 AAAA..."] }] } }',
  fix: 'Paste the whole public key line, e.g. from ~/.ssh/id_ed25519.pub.',
  levelWhy:
    'Ignition writes the line as given, but no key matches it: very likely a placeholder left in, and nobody can log in over SSH.',
  check(config) {
    const problems: Problem[] = [];
    for (const v of visitsWhere(config, (p) => p === 'passwd.users[].sshAuthorizedKeys[]')) {
      const line = v.value;
      if (typeof line !== 'string' || templated(line)) continue; // a template variable (`__SSH_KEY__`, `{{.key}}`) that the template fills
      const blob = /^(?:\S+\s+)?(?:ssh-|ecdsa-|sk-)\S+\s+(\S+)/.exec(line)?.[1] ?? '';
      if (/\.\.\.|\u2026|<|>|YOUR|REPLACE/i.test(line) || blob.length < 60) {
        problems.push(
          report(
            this,
            config.rangeAt(v.path),
            'This does not look like a real public key (placeholder or cut short): nobody can log in with it. Paste the ' +
              'whole line from your ~/.ssh/*.pub file.',
          ),
        );
      }
    }
    return problems;
  },
});
