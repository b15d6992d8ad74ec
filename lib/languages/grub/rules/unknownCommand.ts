import type { Problem } from '../../../core/problem';
import { changeTo, report } from '../../../core/rule';
import { didYouMean } from '../../../core/suggest';
import { COMMANDS } from '../catalog';
import { commandWord, functionNames, grubRule } from './shared';

/** SYSLINUX keywords people carry over, and what GRUB does instead. */
const FROM_SYSLINUX: Record<string, string> = {
  kernel: 'GRUB loads a kernel with `linux FILE ARGUMENTS…`',
  append: 'GRUB takes the kernel arguments on the `linux` line, after the file',
  label: "GRUB entries are `menuentry 'TITLE' { … }`",
  localboot: 'to leave GRUB for the next boot device use `exit`',
};

/** Commands a wrapper function is named after (`clinux`, `my_initrd`): such names are defined in another file. */
const WRAPPED = [...COMMANDS.keys()].filter((n) => n.length >= 5 && /^[a-z]/.test(n));

/** A name built on a GRUB command (a prefix before it, or `_…` after it): a function a sourcing config defines. */
function wrapper(name: string): boolean {
  return WRAPPED.some((n) => name.length > n.length && (name.endsWith(n) || name.startsWith(`${n}_`)));
}

export const unknownCommand = grubRule({
  id: 'grub.unknownCommand',
  language: 'grub',
  severity: 'warning',
  summary:
    'A command neither upstream GRUB (2.00–2.12) nor the distribution builds PXE Workbench knows, and no function of ' +
    'the config: GRUB prints "can\'t find command" and goes on without it.',
  example: "menuentry 'Fedora CoreOS' {\n  linxu /vmlinuz\n}",
  fix: 'Correct the spelling (the message suggests the closest command), or define the function before it is called.',
  levelWhy:
    'Warning: the line does nothing at boot, so what it meant to load or set is missing; not an error because a GRUB ' +
    'fork or a vendor build may add commands PXE Workbench does not list. Names built on a GRUB command (`clinux`) ' +
    'are taken as functions another config defines and sources this one from.',
  check(config) {
    const problems: Problem[] = [];
    const functions = functionNames(config);
    for (const command of config.commands) {
      const word = commandWord(command);
      if (!word) continue;
      const name = word.value;
      // A word with `=` that is no command is an assignment (GRUB's last resort), as is an empty name.
      if (!name || name.includes('=') || COMMANDS.has(name) || functions.has(name) || wrapper(name)) continue;
      const syslinux = FROM_SYSLINUX[name.toLowerCase()];
      if (syslinux) {
        problems.push(
          report(
            this,
            word,
            `\`${name}\` is a PXELINUX keyword, not a GRUB command: ${syslinux}. GRUB prints "can't find command" here.`,
          ),
        );
        continue;
      }
      const suggestion = didYouMean(name, [...COMMANDS.keys(), ...functions]);
      problems.push(
        report(
          this,
          word,
          `Unknown command \`${name}\`: GRUB prints "can't find command" and goes on without this line.` +
            (suggestion
              ? ` Did you mean \`${suggestion}\`?`
              : ' Check the spelling, or define the function before it runs.'),
          suggestion ? { fixes: [changeTo(word, suggestion)] } : undefined,
        ),
      );
    }
    return problems;
  },
});
