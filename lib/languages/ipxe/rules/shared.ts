/** What several iPXE rules share (not a rule): the rule declarer, unresolved settings, Fedora CoreOS kernels. */
import { distance } from 'fastest-levenshtein';
import { ruleOver } from '../../../core/rule';
import type { IpxeScript, Word } from '../ast';
import { positionalStart, wordsEnd } from '../args';
import { commandsWith, SETTINGS } from '../catalog';
import type { SettingRef } from '../expansion';
import { commandsNamed, factsOf, type ScriptFacts } from '../facts';

/** Declares an iPXE rule (its id stays a literal type). */
export const ipxeRule = ruleOver<IpxeScript>();

/** True when `a` becomes `b` by one edit: a letter changed, added or removed, or two neighbours swapped. */
function oneEditApart(a: string, b: string): boolean {
  if (distance(a, b) === 1) return true;
  if (a.length !== b.length) return false;
  const diff = [...a].flatMap((c, i) => (c === b[i] ? [] : [i]));
  return (
    diff.length === 2 &&
    diff[1] === (diff[0] as number) + 1 &&
    a[diff[0] as number] === b[diff[1] as number] &&
    a[diff[1] as number] === b[diff[0] as number]
  );
}

/** References this script can say nothing about: set here, built in, numeric, computed, or another block's. */
export function unresolved(model: ScriptFacts): SettingRef<number, number>[] {
  const defined = new Set(model.defs.map((d) => d.name));
  return model.refs.filter(
    (ref) =>
      !ref.dynamic &&
      ref.name &&
      !defined.has(ref.name) &&
      !SETTINGS.has(ref.name) &&
      !/^[\d.]+$/.test(ref.name) &&
      // Scoped names outside a network block (smbios/…, pci/…) are the firmware's, not ours to know.
      !(ref.scope && !/^net(X|\d+)/.test(ref.scope)),
  );
}

/** The setting an unresolved name is one typo away from (set in this script first, then built in). */
export function typoOf(name: string, model: ScriptFacts): string | undefined {
  if (name.length < 3) return undefined;
  const lower = name.toLowerCase();
  const near = (candidate: string): boolean => candidate.length >= 3 && oneEditApart(lower, candidate.toLowerCase());
  return model.defs.map((d) => d.name).find(near) ?? [...SETTINGS.keys()].find(near);
}

/** True for an `initrd=…` kernel argument (its first letter compared first: this is asked of every argument). */
export function isInitrdArgument(text: string): boolean {
  return text.charCodeAt(0) === 105 /* i */ && text.startsWith('initrd=');
}

/** Commands whose words after the image are a Linux command line: the kernel loaders and `imgargs`. */
const KERNEL_ARGS = commandsWith('select', 'cmdline');

export function kernelLines(script: IpxeScript): readonly number[] {
  return commandsNamed(factsOf(script), KERNEL_ARGS);
}

const FCOS_HINTS =
  /fedora-coreos|live-kernel|^coreos\.live\.|^coreos\.inst\.|^ignition\.(platform\.id|firstboot|config\.url)/;

export function isFedoraCoreOs(script: IpxeScript, command: number): boolean {
  return someArgument(script, command, (text) => FCOS_HINTS.test(text));
}

/** True when `test` holds for the text of one of a table command's arguments. */
export function someArgument(script: IpxeScript, command: number, test: (text: string) => boolean): boolean {
  for (let word = (script.commandFirst[command] as number) + 1; word < wordsEnd(script, command); word++)
    if (test(script.wordText(word))) return true;
  return false;
}

/** A table command's positional words as objects (for the few commands a rule reads closely). */
export function positionalWords(script: IpxeScript, command: number): Word[] {
  const words: Word[] = [];
  for (let word = positionalStart(script, command); word < wordsEnd(script, command); word++)
    words.push(script.word(word));
  return words;
}

/** A table word's range as a finding's span. */
export function spanOf(script: IpxeScript, word: number): { start: number; end: number } {
  return { start: script.wordStart[word] as number, end: script.wordEnd[word] as number };
}

/** A table command's range (its name to its last word). */
export function commandSpan(script: IpxeScript, command: number): { start: number; end: number } {
  return { start: script.commandStart(command), end: script.commandEnd(command) };
}
