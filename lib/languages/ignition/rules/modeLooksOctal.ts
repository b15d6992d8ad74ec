import type { Problem } from '../../../core/problem';
import { report } from '../../../core/rule';
import { versionOf, visitsWhere } from '../document';
import { ignitionRule } from './shared';

/** Permission modes people actually use (as numbers). */
const COMMON_MODES = new Set([
  0o400, 0o440, 0o444, 0o600, 0o640, 0o644, 0o660, 0o664, 0o666, 0o700, 0o750, 0o755, 0o770, 0o775, 0o777, 0o1777,
  0o2755, 0o4755,
]);

export const modeLooksOctal = ignitionRule({
  id: 'ignition.modeLooksOctal',
  language: 'ignition',
  severity: 'warning',
  summary:
    'A `mode` that looks like octal digits written in decimal (644 instead of 420): JSON has no octal, so the file gets ' +
    'strange permissions.',
  example: '{ "ignition": { "version": "3.4.0" }, "storage": { "files": [{ "path": "/etc/motd", "mode": 644 }] } }',
  fix: 'Write the decimal value: 0644 is 420, 0755 is 493, 0600 is 384 (the quick fix converts).',
  levelWhy:
    'Ignition accepts the number, but the file gets odd permissions (644 is 0o1204: sticky, owner not readable): very ' +
    'likely octal digits written as decimal.',
  check(config) {
    const problems: Problem[] = [];
    if (!versionOf(config)) return problems;
    for (const v of visitsWhere(config, (p) => p.endsWith('.mode'))) {
      const value = v.value;
      if (typeof value !== 'number') continue;
      const text = String(value);
      // Octal digits whose octal reading is a usual mode (644, 755, 600) while the decimal value is not one.
      if (!/^[0-7]{3,4}$/.test(text)) continue;
      const meant = Number.parseInt(text, 8);
      if (!COMMON_MODES.has(meant) || COMMON_MODES.has(value)) continue;
      const range = config.rangeAt(v.path);
      problems.push(
        report(
          this,
          range,
          `Mode ${text} is decimal, i.e. octal 0${value.toString(8)}. You probably meant octal ` +
            `0${text}, which is ${meant} in decimal.`,
          {
            fixes: [
              {
                title: `Change to ${meant} (octal 0${text})`,
                edits: [{ ...range, newText: String(meant) }],
                preferred: true,
              },
            ],
          },
        ),
      );
    }
    return problems;
  },
});
