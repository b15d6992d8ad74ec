import data from '../../data/ipxe-commands.json';
import coreosData from '../../data/coreos-kernel-args.json';
import settingsData from '../../data/ipxe-settings.json';

export interface OptionSpec {
  long: string;
  short: string;
  /** Name of the value the option takes; absent for flags. */
  arg?: string;
}

/**
 * What a command does, as the rules and the boot chain need to know it: `fetch` downloads; `boot` may not
 * return; `stop` never returns; `select` fetches and selects the image `boot` starts (a kernel); `exec`
 * fetches and runs an image; `initrd` fetches an image the selected kernel finds as an initrd; `cmdline`
 * replaces an image's command line.
 */
export type Trait = 'fetch' | 'boot' | 'stop' | 'select' | 'exec' | 'initrd' | 'cmdline';

export interface CommandSpec {
  synopsis: string;
  summary: string;
  /** The command this one is another name of in iPXE (same code, same traits). */
  aliasOf?: string;
  options?: OptionSpec[];
  traits?: Trait[];
  /** The first iPXE release that has the command, when it is newer than 1.21.1 (the last 1.x). */
  since?: string;
}

export const COMMANDS: ReadonlyMap<string, CommandSpec> = new Map(
  Object.entries(data.commands as Record<string, CommandSpec>),
);

/** Each command's options by the words that spell them exactly (`--name`, `-n`), made on first use. */
const spellings = new Map<CommandSpec, ReadonlyMap<string, OptionSpec>>();

/**
 * The option `word` spells exactly (`--name`, `-n`): the usual case, found without parsing the word. Undefined
 * for anything else (`--name=value`, an option the command lacks), which callers read in full.
 */
export function optionSpelled(spec: CommandSpec, word: string): OptionSpec | undefined {
  let words = spellings.get(spec);
  if (!words) spellings.set(spec, (words = spellingsOf(spec)));
  return words.get(word);
}

function spellingsOf(spec: CommandSpec): Map<string, OptionSpec> {
  const words = new Map<string, OptionSpec>();
  for (const option of spec.options ?? []) {
    // The first option of a name wins, as when the options are searched; only names every reader takes alike.
    if (/^[A-Za-z][\w-]*$/.test(option.long) && !words.has(`--${option.long}`)) words.set(`--${option.long}`, option);
    if (/^[A-Za-z]$/.test(option.short) && !words.has(`-${option.short}`)) words.set(`-${option.short}`, option);
  }
  return words;
}

/** True when iPXE's `command` has the trait. */
export function hasTrait(command: string, trait: Trait): boolean {
  return COMMANDS.get(command)?.traits?.includes(trait) ?? false;
}

/** The commands that have any of the traits (aliases included): the one place command sets come from. */
export function commandsWith(...traits: Trait[]): ReadonlySet<string> {
  return new Set([...COMMANDS].filter(([, spec]) => traits.some((t) => spec.traits?.includes(t))).map(([n]) => n));
}

/** `kernel`, `imgselect`, `imgload`: fetch and select the image (the kernel) that `boot` starts. */
export const KERNEL_COMMANDS = commandsWith('select');
/** `initrd`, `imgfetch`, `module`: fetch an image the selected kernel finds as an initrd. */
export const INITRD_COMMANDS = commandsWith('initrd');
/** `chain`, `imgexec`, `boot`: fetch and run an image. */
export const EXEC_COMMANDS = commandsWith('exec');
/** Commands that fetch the image a machine boots next: a kernel, or an image run at once. */
export const IMAGE_COMMANDS = commandsWith('select', 'exec');
/** Commands whose words after the image are a kernel command line (`imgargs` replaces one). */
export const COMMAND_LINE_COMMANDS = commandsWith('select', 'exec', 'cmdline');

export interface Arity {
  min: number;
  /** Infinity when the command takes any number of words (e.g. an image's command line). */
  max: number;
  /** The required positional words, for messages (`<uri|image>`). */
  required: string[];
}

/**
 * Positional argument counts read from a synopsis: `<x>` outside brackets is required, `[…]` is optional,
 * `…` makes it open-ended. Options (`--x`) are not positional.
 */
const arities = new Map<string, Arity>();

export function arityOf(synopsis: string): Arity {
  let arity = arities.get(synopsis);
  if (!arity) arities.set(synopsis, (arity = readArity(synopsis)));
  return arity;
}

function readArity(synopsis: string): Arity {
  const rest = synopsis.replace(/^\S+\s*/, '');
  let depth = 0;
  let min = 0;
  let max = 0;
  const required: string[] = [];
  let optionValue = false;
  for (const token of rest.match(/\[|\]|<[^>]*>\u2026?|[^\s[\]]+/g) ?? []) {
    if (token === '[' || token === ']') {
      depth = Math.max(0, depth + (token === '[' ? 1 : -1));
      optionValue = false;
    } else if (token.startsWith('-')) optionValue = true;
    else if (optionValue && !token.startsWith('<')) optionValue = token.includes('|-');
    else {
      optionValue = false;
      if (token.includes('…')) {
        // `<image>…` outside brackets: at least one; `[text…]`: any number.
        if (depth === 0) {
          min++;
          required.push(token.replace('…', ''));
        }
        max = Infinity;
      } else if (depth === 0) {
        min++;
        max++;
        required.push(token);
      } else max++;
    }
  }
  return { min, max, required };
}

export interface SettingSpec {
  type: string;
  summary: string;
  dhcpOption?: number;
}

export const SETTINGS: ReadonlyMap<string, SettingSpec> = new Map(
  Object.entries(settingsData.settings as Record<string, SettingSpec>),
);
export const SETTING_SCOPES: readonly string[] = settingsData.scopes;
export const SETTING_TYPES: ReadonlySet<string> = new Set(settingsData.types);

export interface KernelArgSpec {
  value: string;
  summary: string;
}

export const COREOS_ARGS: ReadonlyMap<string, KernelArgSpec> = new Map(
  Object.entries(coreosData.args as Record<string, KernelArgSpec>),
);
