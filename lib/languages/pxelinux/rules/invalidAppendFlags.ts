import type { Problem } from '../../../core/problem';
import { report } from '../../../core/rule';
import { parseNumber } from '../parser';
import { pxelinuxRule } from './shared';

/** Highest SYSAPPEND bit SYSLINUX knows (FSUUID=). */
const ALL_BITS = 0x7ffff;

export const invalidAppendFlags = pxelinuxRule({
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
      problems.push(
        report(
          this,
          { start: d.argument.start, end: d.argument.start + word.length },
          `\`${word}\` is not a valid ${d.keyword.text.toUpperCase()} bitmask: use a number such as 2 (BOOTIF=) or 3 (ip= and BOOTIF=).`,
        ),
      );
    }
    return problems;
  },
});
