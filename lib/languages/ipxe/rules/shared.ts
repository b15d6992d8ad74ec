/** What several iPXE rules share (not a rule): the rule declarer, unresolved settings, Fedora CoreOS kernels. */
import { distance } from 'fastest-levenshtein';
import { ruleOver } from '../../../core/rule';
import type { Command, IpxeScript } from '../ast';
import { commandsWith, SETTINGS } from '../catalog';
import type { SettingRef } from '../expansion';
import { commandsNamed, modelOf, type IpxeModel } from '../model';

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
export function unresolved(model: IpxeModel): SettingRef[] {
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
export function typoOf(name: string, model: IpxeModel): string | undefined {
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

export function kernelLines(script: IpxeScript, text: string): readonly Command[] {
  return commandsNamed(modelOf(script, text), KERNEL_ARGS);
}

const FCOS_HINTS =
  /fedora-coreos|live-kernel|^coreos\.live\.|^coreos\.inst\.|^ignition\.(platform\.id|firstboot|config\.url)/;

export function isFedoraCoreOs(command: Command): boolean {
  return command.args.some((a) => FCOS_HINTS.test(a.text));
}
