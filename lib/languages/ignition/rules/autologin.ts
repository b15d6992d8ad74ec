import type { Node } from 'jsonc-parser';
import type { Problem } from '../../../core/problem';
import { report } from '../../../core/rule';
import { visitProperties } from '../document';
import { contentsOf, gzipBeside } from '../embedded';
import { ignitionRule, range } from './shared';

export const autologin = ignitionRule({
  id: 'ignition.autologin',
  language: 'ignition',
  severity: 'warning',
  summary:
    'A unit or drop-in that makes getty log a user in without a password (`agetty --autologin`): anyone at the console is root-capable.',
  example:
    '{ "ignition": { "version": "3.4.0" }, "systemd": { "units": [{ "name": "serial-getty@ttyS0.service", "dropins": [{ ' +
    '"name": "autologin.conf", "contents": "[Service]\\nExecStart=\\nExecStart=-/usr/sbin/agetty ' +
    '--autologin core ..." }] }] } }',
  fix: 'Keep it for throwaway test machines only; remove it before the config reaches real hardware.',
  levelWhy: 'The machine boots and works; a password-less console is very likely wrong outside a test VM.',
  check(config) {
    const problems: Problem[] = [];
    const flag = (value: Node, text: string): void => {
      if (/--autologin\b|\s-a\s+\w/.test(text) && /agetty/.test(text)) {
        problems.push(
          report(
            this,
            range(value),
            'This logs a user in on the console without a password (agetty --autologin): fine for a test VM, a security ' +
              'hole on real hardware.',
          ),
        );
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
});
