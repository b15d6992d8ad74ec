/** The script's facts as objects, for the editor features and the boot chain (the rules read `facts.ts`). */
import type { Command, IpxeScript, Label, Line, Word } from './ast';
import { COMMANDS, type CommandSpec } from './catalog';
import type { SettingRef, Unclosed } from './expansion';
import {
  commandsNamed as namedIn,
  factsOf,
  isLiteral,
  lastSegment,
  type Choice as ChoiceAt,
  type MenuItem as MenuItemAt,
  type SettingDef as SettingDefAt,
} from './facts';

export type SettingDef = SettingDefAt<Command>;
export type MenuItem = MenuItemAt<Command>;
export type Choice = ChoiceAt<Command>;

/** A command with its line and its catalog entry (when iPXE knows it). */
export interface CommandEntry {
  command: Command;
  line: Line;
  spec: CommandSpec | undefined;
}

/** Everything completion, hover and navigation need, computed once per parse. */
export interface IpxeModel {
  script: IpxeScript;
  /** Every command with its line and catalog entry, in script order (made on first use). */
  readonly commands: CommandEntry[];
  /** The commands by name, each list in script order. */
  named: ReadonlyMap<string, Command[]>;
  labels: Map<string, Label[]>;
  gotos: { target: Word; command: Command }[];
  refs: SettingRef[];
  unclosed: Unclosed[];
  defs: SettingDef[];
  items: MenuItem[];
  choices: Choice[];
}

const cache = new WeakMap<IpxeScript, IpxeModel>();

export function modelOf(script: IpxeScript, _text?: string): IpxeModel {
  const cached = cache.get(script);
  if (cached) return cached;
  const facts = factsOf(script);
  const command = (index: number): Command => script.command(index);
  let entries: CommandEntry[] | undefined;
  const model: IpxeModel = {
    script,
    get commands() {
      return (entries ??= entriesOf(script));
    },
    named: new Map([...facts.named].map(([name, list]) => [name, list.map(command)])),
    labels: facts.labels,
    gotos: facts.gotos.map((index, k) => ({
      target: script.word(facts.gotoTargets[k] as number),
      command: command(index),
    })),
    refs: facts.refs.map((ref) => ({ ...ref, command: command(ref.command), word: script.word(ref.word) })),
    unclosed: facts.unclosed,
    defs: facts.defs.map((def) => ({ ...def, command: command(def.command) })),
    items: facts.items.map((item) => ({ ...item, command: command(item.command) })),
    choices: facts.choices.map((choice) => ({ ...choice, command: command(choice.command) })),
  };
  cache.set(script, model);
  return model;
}

function entriesOf(script: IpxeScript): CommandEntry[] {
  const entries: CommandEntry[] = [];
  for (const line of script.lines)
    for (const command of line.commands) entries.push({ command, line, spec: COMMANDS.get(command.name.text) });
  return entries;
}

/** The commands whose name is in `names`, in script order (their per-name lists merged). */
export function commandsNamed(model: IpxeModel, names: Pick<ReadonlySet<string>, 'has'>): readonly Command[] {
  return namedIn(factsOf(model.script), names).map((index) => model.script.command(index));
}

export { isLiteral, lastSegment };
