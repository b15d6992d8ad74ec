import type { Problem } from '../../../core/problem';
import type { Rule } from '../../../core/rule';
import type { PxelinuxConfig } from '../ast';

/** SYSLINUX numbers: decimal, 0x hex, or a leading 0 for octal. */
export function parseNumber(text: string): number | undefined {
  if (/^-?0x[0-9a-f]+$/i.test(text))
    return Number.parseInt(text.replace(/^-/, ''), 16) * (text.startsWith('-') ? -1 : 1);
  if (/^-?0[0-7]+$/.test(text)) return Number.parseInt(text, 8);
  if (/^-?\d+$/.test(text)) return Number.parseInt(text, 10);
  return undefined;
}

/** About an hour in tenths of a second: SYSLINUX's upper bound for its timeouts. */
export const MAX_TIMEOUT = 35996;

export const timeoutRange: Rule<PxelinuxConfig> = {
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
      problems.push({
        ruleId: this.id,
        start: d.argument.start,
        end: d.argument.start + word.length,
        message: `${d.keyword.text.toUpperCase()} takes tenths of a second from 0 to ${MAX_TIMEOUT}; \`${word}\` ${value === undefined ? 'is not a whole number' : 'is out of range'}. For 5 seconds write 50.`,
      });
    }
    return problems;
  },
};

/** Highest SYSAPPEND bit SYSLINUX knows (FSUUID=). */
const ALL_BITS = 0x7ffff;

export const invalidAppendFlags: Rule<PxelinuxConfig> = {
  id: 'pxelinux.invalidAppendFlags',
  language: 'pxelinux',
  severity: 'warning',
  summary: 'IPAPPEND or SYSAPPEND is not a bitmask SYSLINUX understands.',
  example: 'LABEL fcos\n  IPAPPEND yes',
  fix: 'Use a number: 1 adds ip=, 2 adds BOOTIF= (the MAC), 3 both; SYSAPPEND has more bits (see hover).',
  levelWhy:
    'Warning: a word reads as 0 and unknown bits add nothing, so the kernel misses the BOOTIF=/ip= its installer or initramfs waits for.',
  check(config) {
    const problems: Problem[] = [];
    for (const d of config.directives) {
      if ((d.name !== 'ipappend' && d.name !== 'sysappend') || !d.argument) continue;
      const word = d.argument.text.split(/\s+/)[0] as string;
      const value = parseNumber(word);
      if (value !== undefined && value >= 0 && (value & ~ALL_BITS) === 0) continue;
      problems.push({
        ruleId: this.id,
        start: d.argument.start,
        end: d.argument.start + word.length,
        message: `\`${word}\` is not a valid ${d.keyword.text.toUpperCase()} bitmask: use a number such as 2 (BOOTIF=) or 3 (ip= and BOOTIF=).`,
      });
    }
    return problems;
  },
};
