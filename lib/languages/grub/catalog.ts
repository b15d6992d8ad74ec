import data from '../../data/grub-commands.json';

/** What a command's file arguments are (for file checks, the boot chain and completion). */
export type FileRole = 'kernel' | 'initrd' | 'config' | 'module' | 'chainload' | 'font' | 'image' | 'env';

export interface CommandSpec {
  /** Argument shape, as GRUB's help prints it. */
  args: string;
  summary: string;
  /** The module that registers it (absent: GRUB's kernel, always there, or a vendor build's own). */
  module?: string;
  /** The first upstream release that has it. */
  since?: string;
  /** Not in upstream GRUB: which builds add it. */
  vendor?: string;
  /** Only GRUB for these platforms has it (`pc` is BIOS, `efi` UEFI). */
  platforms?: string[];
  /** Refused under UEFI Secure Boot lockdown (GRUB 2.06 and later). */
  lockdown?: boolean;
  /** Its first non-option argument is a file of this kind. */
  file?: FileRole;
  /** Every non-option argument is a file of this kind. */
  files?: FileRole;
}

export interface VariableSpec {
  summary: string;
  /** For families like net_<card>_mac: the names it covers. */
  pattern?: string;
}

export const COMMANDS: ReadonlyMap<string, CommandSpec> = new Map(
  Object.entries(data.commands as Record<string, CommandSpec>),
);

export const VARIABLES: ReadonlyMap<string, VariableSpec> = new Map(
  Object.entries(data.variables as Record<string, VariableSpec>),
);

const PATTERNS: [RegExp, string, VariableSpec][] = [...VARIABLES]
  .filter(([, spec]) => spec.pattern)
  .map(([name, spec]) => [new RegExp(spec.pattern as string), name, spec]);

/** The catalog entry of a variable (families like net_efinet0_mac by pattern). */
export function variableSpec(name: string): { name: string; spec: VariableSpec } | undefined {
  const spec = VARIABLES.get(name);
  if (spec && !spec.pattern) return { name, spec };
  const found = PATTERNS.find(([re]) => re.test(name));
  return found ? { name: found[1], spec: found[2] } : undefined;
}

/** Module names (upstream GRUB 2.12's, and the distributions' linuxefi), for `insmod`. */
export const MODULES: readonly string[] = data.modules;

/** Commands the linux loader family loads a kernel with, and their initrd partners. */
export const KERNEL_COMMANDS = new Set([...COMMANDS].filter(([, s]) => s.file === 'kernel').map(([n]) => n));
export const INITRD_COMMANDS = new Set(
  [...COMMANDS].filter(([, s]) => s.files === 'initrd' || s.file === 'initrd').map(([n]) => n),
);
