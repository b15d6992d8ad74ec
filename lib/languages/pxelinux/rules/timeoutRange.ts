import type { Problem } from '../../../core/problem';
import { report } from '../../../core/rule';
import { parseNumber } from '../parser';
import { pxelinuxRule } from './shared';

/** About an hour in tenths of a second: SYSLINUX's upper bound for its timeouts. */
const MAX_TIMEOUT = 35996;

export const timeoutRange = pxelinuxRule({
  id: 'pxelinux.timeoutRange',
  language: 'pxelinux',
  severity: 'warning',
  summary: 'TIMEOUT or TOTALTIMEOUT is not a whole number from 0 to 35996 (tenths of a second).',
  example: 'TIMEOUT 5s',
  fix: 'Give tenths of a second as a whole number: 50 waits 5 seconds, 0 waits forever.',
  levelWhy:
    'Warning: SYSLINUX reads the leading digits only (`5s` is half a second) or nothing, so the menu waits a time nobody chose.',
  check(config) {
    const problems: Problem[] = [];
    for (const d of config.directives) {
      if ((d.name !== 'timeout' && d.name !== 'totaltimeout') || !d.argument) continue;
      const word = d.argument.text.split(/\s+/)[0] as string;
      const value = parseNumber(word);
      if (value !== undefined && value >= 0 && value <= MAX_TIMEOUT) continue;
      problems.push(
        report(
          this,
          { start: d.argument.start, end: d.argument.start + word.length },
          `${d.keyword.text.toUpperCase()} takes tenths of a second from 0 to ${MAX_TIMEOUT}; \`${word}\` ` +
            `${value === undefined ? 'is not a whole number' : 'is out of range'}. For 5 seconds write 50.`,
        ),
      );
    }
    return problems;
  },
});
