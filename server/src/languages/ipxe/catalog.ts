import data from '../../../data/ipxe-commands.json';

export interface OptionSpec {
  long: string;
  short: string;
  /** Name of the value the option takes; absent for flags. */
  arg?: string;
}

export interface CommandSpec {
  synopsis: string;
  summary: string;
  options?: OptionSpec[];
  /** fetch: downloads something; boot: may not return; stop: never returns. */
  traits?: string[];
}

export const COMMANDS: ReadonlyMap<string, CommandSpec> = new Map(Object.entries(data.commands as Record<string, CommandSpec>));
