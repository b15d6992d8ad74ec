import type { Problem } from '../../../core/problem';
import { report } from '../../../core/rule';
import { positionalStart, wordsEnd } from '../args';
import { commandsWith } from '../catalog';
import { factsOf } from '../facts';
import { commandSpan, ipxeRule } from './shared';

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
  check(script) {
    const problems: Problem[] = [];
    if (!factsOf(script).named.has('imgfree')) return problems;
    const bare = (command: number): boolean => positionalStart(script, command) === wordsEnd(script, command);
    // Straight-line code only: a label may be reached from anywhere, so the state is unknown after one.
    let freed = -1;
    for (let line = 0; line < script.lineCount; line++) {
      if ((script.lineLabel[line] as number) >= 0) freed = -1;
      const first = script.lineFirst[line] as number;
      for (let command = first; command < first + (script.lineCommands[line] as number); command++) {
        const name = script.commandName[command] as string;
        if (name === 'imgfree' && bare(command)) freed = command;
        else if (SELECTS.has(name)) freed = -1;
        else if (name === 'boot' && freed >= 0 && bare(command)) {
          problems.push(
            report(
              this,
              commandSpan(script, freed),
              '`imgfree` frees every image, the kernel selected above included: the `boot` below fails with ' +
                '"no image selected". Move `imgfree` before the `kernel` line (or name the images to free).',
              { related: [{ ...commandSpan(script, command), message: 'this boot has nothing left to boot' }] },
            ),
          );
          freed = -1;
        }
      }
    }
    return problems;
  },
});
