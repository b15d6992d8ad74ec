import type { Problem } from '../../../core/problem';
import { report } from '../../../core/rule';
import { grubLoaders } from '../loader';
import { commandWord, functionNames, grubRule } from './shared';

const BIOS_ONLY: Record<string, string> = { linux16: 'linux', initrd16: 'initrd' };

export const linux16OnEfi = grubRule({
  id: 'grub.linux16OnEfi',
  language: 'grub',
  severity: 'warning',
  summary: '`linux16`/`initrd16` where the TFTP root has only UEFI GRUB: these commands exist only in GRUB for BIOS.',
  example: "menuentry 'memtest86+' {\n  linux16 /memtest86+.bin\n}",
  fix: 'Use `linux`/`initrd` (or chainload an EFI build of the tool); keep linux16 under `if [ "$grub_platform" = pc ]`.',
  levelWhy:
    'Warning: UEFI GRUB answers "can\'t find command" and the entry does nothing; only said when no BIOS GRUB is in ' +
    'the root and the line is not inside an `if`.',
  check(config, _text, context) {
    const loaders = grubLoaders(context);
    if (!loaders?.images.length || loaders.bios) return [];
    const functions = functionNames(config);
    const problems: Problem[] = [];
    for (const command of config.commands) {
      const word = commandWord(command);
      const plain = word && BIOS_ONLY[word.value];
      if (!word || !plain || functions.has(word.value)) continue;
      if (config.placement.get(command)?.conditional) continue;
      problems.push(
        report(
          this,
          word,
          `\`${word.value}\` exists only in GRUB for BIOS, and the GRUB in this TFTP root is UEFI only ` +
            `(${loaders.images.map((i) => i.path.slice(loaders.root.length + 1)).join(', ')}): it answers "can't find ` +
            `command". Use \`${plain}\`, or put this under \`if [ "$grub_platform" = pc ]\`.`,
        ),
      );
    }
    return problems;
  },
});
