import type { Problem } from '../../../core/problem';
import { report } from '../../../core/rule';
import { objectOf, visitsWhere } from '../document';
import { contentsOf } from '../embedded';
import { mayContain } from '../dataUrl';
import type { JsonPath } from '../ast';
import { ignitionRule } from './shared';

/** True when the resource holding a `source` says its contents are gzip. */
const gzip = (resource: unknown): boolean => objectOf(resource)?.compression === 'gzip';

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
    const flag = (path: JsonPath, text: string): void => {
      if (/--autologin\b|\s-a\s+\w/.test(text) && /agetty/.test(text)) {
        problems.push(
          report(
            this,
            config.rangeAt(path),
            'This logs a user in on the console without a password (agetty --autologin): fine for a test VM, a security ' +
              'hole on real hardware.',
          ),
        );
      }
    };
    const units = /^systemd\.units\[\](\.dropins\[\])?\.contents$/;
    const sources = /^storage\.files\[\]\.contents\.source$/;
    for (const v of visitsWhere(config, (p) => units.test(p) || sources.test(p))) {
      const { specPath, value, parent } = v;
      if (typeof value !== 'string') continue;
      if (units.test(specPath)) flag(v.path, value);
      else if (value.startsWith('data:') && (gzip(parent) || mayContain(value, 'agetty'))) {
        // Not looked into: a broken URL (ignition.invalidSource), one over our caps, or corrupt gzip.
        const contents = contentsOf(value, gzip(parent));
        // Only a file that names agetty is read as text.
        if (contents.ok && contents.bytes.includes('agetty')) flag(v.path, contents.bytes.toString('utf8'));
      }
    }
    return problems;
  },
});
