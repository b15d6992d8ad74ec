import type { Problem } from '../../../core/problem';
import { report } from '../../../core/rule';
import { grubRule } from './shared';

export const timeoutNotNumber = grubRule({
  id: 'grub.timeoutNotNumber',
  language: 'grub',
  severity: 'warning',
  summary:
    '`timeout` is not a whole number of seconds: GRUB reads only its leading digits (`5s` is 5, `010` is octal 8), ' +
    'and a value with none makes the menu wait forever.',
  example: 'set timeout=five',
  fix: 'Give whole seconds: `set timeout=5`; 0 boots at once, -1 waits for a key.',
  levelWhy: 'Warning: the menu waits a time nobody chose; with no digits at all an unattended machine never boots.',
  check(config) {
    const problems: Problem[] = [];
    for (const a of config.assignments) {
      if (a.name !== 'timeout' || !a.value || a.value.template || a.value.hasVariable) continue;
      const value = a.value.text.trim();
      if (!value || (/^\d+$/.test(value) && !/^0[0-7]+$/.test(value))) continue;
      if (/^-\d/.test(value) || /^0x[0-9a-f]+$/i.test(value)) continue;
      // Leading digits and a unit GRUB ignores without changing the meaning: `5s`, `10 seconds`, `5.0`.
      if (/^[1-9]\d*(\s*(s|secs?|seconds?)|\.0+)$/i.test(value)) continue;
      const octal = /^0[0-7]+$/.exec(value);
      const digits = /^\d+/.exec(value)?.[0];
      let message: string;
      if (octal) {
        const seconds = Number.parseInt(value, 8);
        if (seconds === Number(value)) continue;
        message =
          `GRUB reads a number with a leading 0 as octal: \`${value}\` is ${seconds} seconds. ` +
          `Write \`${Number(value)}\`.`;
      } else if (digits) {
        message =
          `GRUB reads only the leading digits: \`${value}\` is ${Number(digits)} seconds. ` +
          `Write whole seconds (\`${Number(digits)}\`).`;
      } else {
        message =
          `\`${value}\` is not a number: GRUB drops it and the menu waits for a key forever (as with -1). ` +
          'Write whole seconds, e.g. `5`.';
      }
      problems.push(report(this, a.value, message));
    }
    return problems;
  },
});
