import type { Problem } from '../../../core/problem';
import { report } from '../../../core/rule';
import { grubLoaders } from '../loader';
import { commandWord, functionNames, grubRule } from './shared';

const EFI_LOADERS: Record<string, string> = { linuxefi: 'linux', initrdefi: 'initrd' };

export const linuxefi = grubRule({
  id: 'grub.linuxefi',
  language: 'grub',
  severity: 'info',
  summary:
    '`linuxefi`/`initrdefi`, which only some GRUB builds have (Fedora/RHEL, SUSE; Debian and Ubuntu before GRUB ' +
    '2.12), where no GRUB image in the TFTP root tells which build reads the config.',
  example: "menuentry 'Install' {\n  linuxefi /vmlinuz inst.ks=http://10.0.0.2/ks.cfg\n  initrdefi /initrd.img\n}",
  fix:
    'Use `linux`/`initrd` for GRUB 2.06 and later (they verify through shim under Secure Boot); keep linuxefi only ' +
    "for RHEL 7's GRUB 2.02 under Secure Boot.",
  levelWhy:
    'Info: the entry works on the GRUBs that have the commands, and fails with "can\'t find command" on upstream ' +
    'GRUB, on Debian 13 and Ubuntu 23.10 and later, and on non-x86 GRUB. When a GRUB image is in the TFTP root ' +
    'grub.commandUnavailable says for sure instead.',
  check(config, _text, context) {
    const loaders = grubLoaders(context);
    if (loaders?.images.length) return [];
    const functions = functionNames(config);
    const uses = config.commands.flatMap((command) => {
      const word = commandWord(command);
      const plain = word && EFI_LOADERS[word.value];
      return word && plain && !functions.has(word.value) ? [{ word, plain }] : [];
    });
    const first = uses[0];
    if (!first) return [];
    // Advice about the file, given once (at its first use), with a fix for every line.
    const problems: Problem[] = [
      report(
        this,
        first.word,
        `\`${first.word.value}\` exists only in some GRUB builds (Fedora/RHEL, SUSE; Debian and Ubuntu before GRUB ` +
          '2.12); upstream GRUB, Debian 13, Ubuntu 23.10+ and non-x86 GRUB answer "can\'t find command". ' +
          `\`${first.plain}\` works on GRUB 2.06 and later, under Secure Boot too` +
          (uses.length > 1 ? ` (${uses.length} lines here use linuxefi/initrdefi).` : '.'),
        {
          fixes: [
            {
              title: 'Change linuxefi/initrdefi to linux/initrd',
              edits: uses.map(({ word, plain }) => ({ start: word.start, end: word.end, newText: plain })),
            },
          ],
        },
      ),
    ];
    return problems;
  },
});
