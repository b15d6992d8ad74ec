import type { Node } from 'jsonc-parser';
import type { Problem } from '../../../core/problem';
import type { Rule } from '../../../core/rule';
import type { IgnitionConfig } from '../ast';
import { templated, versionOf, visitProperties } from '../document';
import { contentsOf, gzipBeside } from '../embedded';
import { compareVersions } from '../spec';
import { FIRST_IGNITION, LATEST_STABLE, specWithReaders } from '../versions';

const range = (node: Node): { start: number; end: number } => ({ start: node.offset, end: node.offset + node.length });

/** Permission modes people actually use (as numbers). */
const COMMON_MODES = new Set([
  0o400, 0o440, 0o444, 0o600, 0o640, 0o644, 0o660, 0o664, 0o666, 0o700, 0o750, 0o755, 0o770, 0o775, 0o777, 0o1777,
  0o2755, 0o4755,
]);

export const modeLooksOctal: Rule<IgnitionConfig> = {
  id: 'ignition.modeLooksOctal',
  language: 'ignition',
  severity: 'warning',
  summary:
    'A `mode` that looks like octal digits written in decimal (644 instead of 420): JSON has no octal, so the file gets strange permissions.',
  example: '{ "ignition": { "version": "3.4.0" }, "storage": { "files": [{ "path": "/etc/motd", "mode": 644 }] } }',
  fix: 'Write the decimal value: 0644 is 420, 0755 is 493, 0600 is 384 (the quick fix converts).',
  levelWhy:
    'Ignition accepts the number, but the file gets odd permissions (644 is 0o1204: sticky, owner not readable): very likely octal digits written as decimal.',
  check(config) {
    const problems: Problem[] = [];
    if (!versionOf(config)) return problems;
    visitProperties(config.root, ({ specPath, value }) => {
      if (!value || !specPath.endsWith('.mode') || value.type !== 'number') return;
      const text = String(value.value);
      // Octal digits whose octal reading is a usual mode (644, 755, 600) while the decimal value is not one.
      if (!/^[0-7]{3,4}$/.test(text)) return;
      const meant = Number.parseInt(text, 8);
      if (!COMMON_MODES.has(meant) || COMMON_MODES.has(value.value as number)) return;
      problems.push({
        ruleId: this.id,
        ...range(value),
        message: `Mode ${text} is decimal, i.e. octal 0${(value.value as number).toString(8)}. You probably meant octal 0${text}, which is ${meant} in decimal.`,
        fixes: [
          {
            title: `Change to ${meant} (octal 0${text})`,
            edits: [{ ...range(value), newText: String(meant) }],
            preferred: true,
          },
        ],
      });
    });
    return problems;
  },
};

export const placeholderSshKey: Rule<IgnitionConfig> = {
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
    visitProperties(config.root, ({ specPath, value }) => {
      if (specPath !== 'passwd.users[].sshAuthorizedKeys[]' || value?.type !== 'string') return;
      const line = String(value.value);
      if (templated(line)) return; // a template variable (`__SSH_KEY__`, `{{.key}}`) that the template fills
      const blob = /^(?:\S+\s+)?(?:ssh-|ecdsa-|sk-)\S+\s+(\S+)/.exec(line)?.[1] ?? '';
      if (/\.\.\.|…|<|>|YOUR|REPLACE/i.test(line) || blob.length < 60) {
        problems.push({
          ruleId: this.id,
          ...range(value),
          message:
            'This does not look like a real public key (placeholder or cut short): nobody can log in with it. Paste the whole line from your ~/.ssh/*.pub file.',
        });
      }
    });
    return problems;
  },
};

export const autologin: Rule<IgnitionConfig> = {
  id: 'ignition.autologin',
  language: 'ignition',
  severity: 'warning',
  summary:
    'A unit or drop-in that makes getty log a user in without a password (`agetty --autologin`): anyone at the console is root-capable.',
  example:
    '{ "ignition": { "version": "3.4.0" }, "systemd": { "units": [{ "name": "serial-getty@ttyS0.service", "dropins": [{ "name": "autologin.conf", "contents": "[Service]\\nExecStart=\\nExecStart=-/usr/sbin/agetty --autologin core ..." }] }] } }',
  fix: 'Keep it for throwaway test machines only; remove it before the config reaches real hardware.',
  levelWhy: 'The machine boots and works; a password-less console is very likely wrong outside a test VM.',
  check(config) {
    const problems: Problem[] = [];
    const flag = (value: Node, text: string): void => {
      if (/--autologin\b|\s-a\s+\w/.test(text) && /agetty/.test(text)) {
        problems.push({
          ruleId: this.id,
          ...range(value),
          message:
            'This logs a user in on the console without a password (agetty --autologin): fine for a test VM, a security hole on real hardware.',
        });
      }
    };
    visitProperties(config.root, ({ specPath, value }) => {
      if (!value || value.type !== 'string') return;
      if (/^systemd\.units\[\](\.dropins\[\])?\.contents$/.test(specPath)) flag(value, String(value.value));
      if (/^storage\.files\[\]\.contents\.source$/.test(specPath) && String(value.value).startsWith('data:')) {
        // Not looked into: a broken URL (ignition.invalidSource), one over our caps, or corrupt gzip.
        const contents = contentsOf(String(value.value), gzipBeside(value));
        if (contents.ok) flag(value, contents.bytes.toString('utf8'));
      }
    });
    return problems;
  },
};

const OLD_BELOW = '3.4.0';

export const oldSpec: Rule<IgnitionConfig> = {
  id: 'ignition.oldSpec',
  language: 'ignition',
  severity: 'hint',
  summary: `The config uses a spec older than ${OLD_BELOW}: it still works, but newer fields (and their checks) are not available.`,
  example: '{ "ignition": { "version": "3.0.0" } }',
  fix: `Raise ignition.version to ${LATEST_STABLE} when every machine runs Ignition ${FIRST_IGNITION[LATEST_STABLE]} or later.`,
  levelWhy: 'Style: the config works on every Ignition that reads its spec; newer specs only add fields and checks.',
  check(config) {
    const version = versionOf(config);
    // Two minor versions of grace: Butane and Fedora CoreOS docs lag the newest spec a little.
    if (!version || compareVersions(version, OLD_BELOW) >= 0 || !config.root) return [];
    let node: Node | undefined;
    visitProperties(config.root, ({ specPath, value }) => {
      if (specPath === 'ignition.version') node = value;
    });
    const message = `${specWithReaders(version)[0]?.toUpperCase()}${specWithReaders(version).slice(1)} works; ${LATEST_STABLE} is current (Ignition ${FIRST_IGNITION[LATEST_STABLE]} and later), and every Ignition that reads ${LATEST_STABLE} also reads ${version}.`;
    return node ? [{ ruleId: this.id, ...range(node), message }] : [];
  },
};
