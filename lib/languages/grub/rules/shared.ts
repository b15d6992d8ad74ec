/** What several GRUB rules share (not a rule). */
import { ruleOver } from '../../../core/rule';
import type { Command, GrubConfig, Word } from '../ast';

/** Declares a GRUB rule (its id stays a literal type). */
export const grubRule = ruleOver<GrubConfig>();

/**
 * The word that names the command GRUB runs (`! cmd` runs `cmd`), when it is literal: not built from a
 * variable or a template marker.
 */
export function commandWord(command: Command): Word | undefined {
  const word = command.name.value === '!' && !command.name.quoted ? command.args[0] : command.name;
  if (!word || word.vars.length || word.template || word.value.includes('$')) return undefined;
  return word;
}

/** The names of the functions the config defines. */
export function functionNames(config: GrubConfig): Set<string> {
  return new Set(config.functions.flatMap((f) => (f.name ? [f.name.value] : [])));
}

/** Commands a config runs as GRUB's loader family: the kernel loaders and their initrd partners. */
export const LINUX_KERNEL = new Set(['linux', 'linuxefi', 'linux16']);
export const LINUX_INITRD = new Set(['initrd', 'initrdefi', 'initrd16']);
