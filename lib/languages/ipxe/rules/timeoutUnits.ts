import type { Problem } from '../../../core/problem';
import { report } from '../../../core/rule';
import { hasOptionsAt, optionAt, positionalStart, wordsEnd } from '../args';
import { COMMANDS } from '../catalog';
import { commandsNamed, factsOf } from '../facts';
import { ipxeRule } from './shared';

const MS_OPTIONS = ['timeout', 'retimeout'];
/** The commands with one of those options, and `sleep`: no other command has a timeout to check. */
const TIMED = new Set(
  [...COMMANDS]
    .filter(([, spec]) => spec.options?.some((o) => MS_OPTIONS.includes(o.long)))
    .map(([name]) => name)
    .concat('sleep'),
);

export const timeoutUnits = ipxeRule({
  id: 'ipxe.timeoutUnits',
  language: 'ipxe',
  severity: 'warning',
  summary:
    'A `--timeout` under 100 (iPXE timeouts are milliseconds, so `choose --timeout 10` is gone in a blink), or a `sleep` ' +
    'of 1000 or more (sleep counts seconds).',
  example: '#!ipxe\nmenu\nitem a A\nchoose --timeout 10 --default a t',
  fix: 'Write milliseconds for `--timeout` (10 s = 10000) and seconds for `sleep`.',
  levelWhy:
    'Warning: the menu or prompt times out before anyone can react (or the machine sleeps for hours); nothing fails, but ' +
    'the script does not do what its author meant.',
  check(script) {
    const problems: Problem[] = [];
    for (const command of commandsNamed(factsOf(script), TIMED)) {
      // Only a command whose first word is an option has a timeout to check.
      if (hasOptionsAt(script, command)) {
        for (const option of MS_OPTIONS) {
          const value = optionAt(script, command, option);
          if (!value || !/^\d+$/.test(value.text)) continue;
          const ms = Number(value.text);
          if (ms === 0 || ms >= 100) continue;
          problems.push(
            report(
              this,
              value,
              `\`--${option} ${value.text}\` is ${value.text} milliseconds: iPXE timeouts are in ms. ` +
                `For ${value.text} seconds write \`--${option} ${ms * 1000}\`.`,
              {
                fixes: [
                  {
                    title: `Change to ${ms * 1000} (${value.text} s)`,
                    edits: [{ start: value.start, end: value.end, newText: String(ms * 1000) }],
                    preferred: true,
                  },
                ],
              },
            ),
          );
        }
      }
      if (script.commandName[command] !== 'sleep') continue;
      const first = positionalStart(script, command);
      const seconds = first < wordsEnd(script, command) ? script.word(first) : undefined;
      if (seconds && /^\d+$/.test(seconds.text) && Number(seconds.text) >= 1000) {
        const s = Number(seconds.text);
        problems.push(
          report(
            this,
            seconds,
            `\`sleep ${s}\` waits ${s} seconds (${Math.round(s / 60)} minutes): \`sleep\` counts seconds, unlike ` +
              `\`--timeout\`. For ${s} ms write \`sleep ${Math.max(1, Math.round(s / 1000))}\`.`,
          ),
        );
      }
    }
    return problems;
  },
});
