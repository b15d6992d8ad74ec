import type { Problem } from '../../../core/problem';
import type { Rule } from '../../../core/rule';
import type { Command, IpxeScript } from '../ast';
import { splitArgs } from '../args';

/** Commands that select an image for `boot` (or boot one themselves). */
const SELECTS = new Set(['kernel', 'imgselect', 'imgload', 'chain', 'imgexec', 'sanboot']);

export const imgfreeBeforeBoot: Rule<IpxeScript> = {
  id: 'ipxe.imgfreeBeforeBoot',
  language: 'ipxe',
  severity: 'error',
  summary:
    '`imgfree` between `kernel` and `boot`: it frees every image, the kernel included, so `boot` has nothing to boot.',
  example: '#!ipxe\nkernel http://nas/vmlinuz initrd=initrd.img\ninitrd http://nas/initrd.img\nimgfree\nboot',
  fix: 'Move `imgfree` before the `kernel` line (it is meant to clear images left by an earlier attempt).',
  levelWhy: 'Error: `boot` fails with "no image selected" every time this path runs.',
  check(script) {
    const problems: Problem[] = [];
    // Straight-line code only: a label may be reached from anywhere, so the state is unknown after one.
    let freed: Command | undefined;
    for (const line of script.lines) {
      if (line.label) freed = undefined;
      for (const command of line.commands) {
        const name = command.name.text;
        const { positional } = splitArgs(command);
        if (name === 'imgfree' && positional.length === 0) freed = command;
        else if (SELECTS.has(name)) freed = undefined;
        else if (name === 'boot' && positional.length === 0 && freed) {
          problems.push({
            ruleId: this.id,
            start: freed.start,
            end: freed.end,
            message:
              '`imgfree` frees every image, the kernel selected above included: the `boot` below fails with "no image selected". Move `imgfree` before the `kernel` line (or name the images to free).',
            related: [{ start: command.start, end: command.end, message: 'this boot has nothing left to boot' }],
          });
          freed = undefined;
        }
      }
    }
    return problems;
  },
};
