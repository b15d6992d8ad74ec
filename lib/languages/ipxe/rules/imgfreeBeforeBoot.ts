import type { Problem } from '../../../core/problem';
import { report } from '../../../core/rule';
import type { Command } from '../ast';
import { positionalOf } from '../args';
import { commandsWith } from '../catalog';
import { modelOf } from '../model';
import { ipxeRule } from './shared';

/** Commands that select an image for `boot` (or boot one themselves); a plain `boot` is what the rule watches. */
const SELECTS = new Set([...commandsWith('select', 'exec'), 'sanboot']);
SELECTS.delete('boot');

export const imgfreeBeforeBoot = ipxeRule({
  id: 'ipxe.imgfreeBeforeBoot',
  language: 'ipxe',
  severity: 'error',
  summary:
    '`imgfree` between `kernel` and `boot`: it frees every image, the kernel included, so `boot` has nothing to boot.',
  example: '#!ipxe\nkernel http://nas/vmlinuz initrd=initrd.img\ninitrd http://nas/initrd.img\nimgfree\nboot',
  fix: 'Move `imgfree` before the `kernel` line (it is meant to clear images left by an earlier attempt).',
  levelWhy: 'Error: `boot` fails with "no image selected" every time this path runs.',
  check(script, text) {
    const problems: Problem[] = [];
    if (!modelOf(script, text).named.has('imgfree')) return problems;
    // Straight-line code only: a label may be reached from anywhere, so the state is unknown after one.
    let freed: Command | undefined;
    for (const line of script.lines) {
      if (line.label) freed = undefined;
      for (const command of line.commands) {
        const name = command.name.text;
        if (name === 'imgfree' && positionalOf(command).length === 0) freed = command;
        else if (SELECTS.has(name)) freed = undefined;
        else if (name === 'boot' && freed && positionalOf(command).length === 0) {
          problems.push(
            report(
              this,
              freed,
              '`imgfree` frees every image, the kernel selected above included: the `boot` below fails with ' +
                '"no image selected". Move `imgfree` before the `kernel` line (or name the images to free).',
              { related: [{ start: command.start, end: command.end, message: 'this boot has nothing left to boot' }] },
            ),
          );
          freed = undefined;
        }
      }
    }
    return problems;
  },
});
