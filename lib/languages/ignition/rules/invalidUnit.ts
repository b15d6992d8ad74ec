import type { Problem } from '../../../core/problem';
import { report } from '../../../core/rule';
import { templated } from '../document';
import { each, ignitionRule, str } from './shared';

const UNIT_TYPES = [
  'service',
  'socket',
  'device',
  'mount',
  'automount',
  'swap',
  'target',
  'path',
  'timer',
  'snapshot',
  'slice',
  'scope',
];

export const invalidUnit = ignitionRule({
  id: 'ignition.invalidUnit',
  language: 'ignition',
  severity: 'error',
  summary:
    'A systemd unit name without a unit type suffix, a drop-in not ending in `.conf`, or unit contents with a broken `[Section]` line.',
  example:
    '{ "ignition": { "version": "3.4.0" }, "systemd": { "units": [{ "name": "hello", "contents": "[Unit]" }] } }',
  fix: 'Name units like hello.service, drop-ins like 10-override.conf, and close every [Section] header.',
  levelWhy:
    'Ignition refuses the config ("invalid systemd unit extension", "invalid unit content"): the first boot fails.',
  check(config) {
    const problems: Problem[] = [];
    each(
      config,
      (p) => /^systemd\.units\[\](\.dropins\[\])?\.(name|contents)$/.test(p),
      (v) => {
        const { specPath, value } = v;
        const text = str(value);
        if (text === undefined || templated(text)) return;
        if (specPath === 'systemd.units[].name') {
          const suffix = text.split('.').pop() ?? '';
          if (!text.includes('.') || !UNIT_TYPES.includes(suffix))
            problems.push(
              report(
                this,
                config.rangeAt(v.path),
                `"${text}" has no systemd unit type: end it in .${UNIT_TYPES.slice(0, 4).join(', .')}, … ("invalid ` +
                  `systemd unit extension").`,
              ),
            );
        } else if (specPath === 'systemd.units[].dropins[].name') {
          if (!text.endsWith('.conf'))
            problems.push(
              report(
                this,
                config.rangeAt(v.path),
                `Drop-in "${text}" must end in .conf ("invalid systemd drop-in extension").`,
              ),
            );
        } else {
          const broken = text.split('\n').find((line) => /^\s*\[/.test(line) && !/\]\s*$/.test(line));
          if (broken !== undefined)
            problems.push(
              report(
                this,
                config.rangeAt(v.path),
                `The unit text has a section header without its "]" (${broken.trim()}): "invalid unit content: unable to ` +
                  `find end of section".`,
              ),
            );
        }
      },
    );
    return problems;
  },
});
