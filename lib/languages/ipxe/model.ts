import type { Command, IpxeScript, Label, Line, Word } from './ast';
import { optionsOf, positionalOf, splitArgs } from './args';
import { COMMANDS, type CommandSpec } from './catalog';
import { settingRefs, type SettingRef, type Unclosed } from './expansion';

/** Where a setting gets a value in this script. */
export interface SettingDef {
  name: string;
  /** The word that names the setting (scope included). */
  word: Word;
  /** Range of the bare name inside `word`. */
  nameStart: number;
  nameEnd: number;
  command: Command;
  /** The literal value of `set name value…`, when it is one. */
  value?: string;
}

export interface MenuItem {
  label: Word;
  command: Command;
  /** The menu it belongs to: its `--menu` name, else the menu created last (`#offset` for an unnamed one). */
  menu: string;
}

export interface Choice {
  setting: Word;
  command: Command;
  menu: string;
}

/** A command with its line and its catalog entry (when iPXE knows it). */
export interface CommandEntry {
  command: Command;
  line: Line;
  spec: CommandSpec | undefined;
}

/** Everything the rules, completion, hover and navigation need, computed once per parse. */
export interface IpxeModel {
  script: IpxeScript;
  /** Every command with its line and catalog entry, in script order (made on first use: the rules read `named`). */
  readonly commands: CommandEntry[];
  /** The commands by name, each list in script order: a rule about a few commands reads only those. */
  named: ReadonlyMap<string, Command[]>;
  labels: Map<string, Label[]>;
  gotos: { target: Word; command: Command }[];
  refs: SettingRef[];
  unclosed: Unclosed[];
  defs: SettingDef[];
  items: MenuItem[];
  choices: Choice[];
}

/** Commands whose first positional argument (or an option) names a setting they write. */
const WRITES_FIRST = new Set(['set', 'clear', 'read', 'inc', 'imgset', 'nslookup', 'pciscan', 'usbscan']);
const DIGESTS = /^(md5|sha1|sha224|sha256|sha384|sha512|md4)sum$/;
const SPLIT_FOR = new Set([...WRITES_FIRST, 'goto', 'menu', 'choose', 'item']);

function defFrom(word: Word, command: Command, value?: string): SettingDef {
  const slash = word.text.lastIndexOf('/');
  const name = word.text.slice(slash + 1).split(':')[0] as string;
  const nameStart = word.start + slash + 1;
  return {
    name,
    word,
    nameStart,
    nameEnd: nameStart + name.length,
    command,
    ...(value !== undefined ? { value } : {}),
  };
}

const cache = new WeakMap<IpxeScript, IpxeModel>();

export function modelOf(script: IpxeScript, text: string): IpxeModel {
  const cached = cache.get(script);
  if (cached) return cached;
  const named = new Map<string, Command[]>();
  let entries: CommandEntry[] | undefined;
  const model: IpxeModel = {
    script,
    get commands() {
      return (entries ??= entriesOf(script));
    },
    named,
    labels: new Map(),
    gotos: [],
    refs: [],
    unclosed: [],
    defs: [],
    items: [],
    choices: [],
  };
  for (const label of script.labels) {
    const same = model.labels.get(label.name);
    if (same) same.push(label);
    else model.labels.set(label.name, [label]);
  }
  for (const line of script.lines) {
    for (const command of line.commands) {
      const same = named.get(command.name.text);
      if (same) same.push(command);
      else named.set(command.name.text, [command]);
    }
  }
  for (const command of script.expanding) {
    if (command.name.text.includes('${')) settingRefs(text, command.name, command, model.refs, model.unclosed);
    for (const word of command.args)
      if (word.text.includes('${')) settingRefs(text, word, command, model.refs, model.unclosed);
  }
  readDefinitions(model);
  cache.set(script, model);
  return model;
}

/** Only these commands define settings, menus or jumps: the others need no split of their arguments. */
function definesSomething(name: string): boolean {
  return SPLIT_FOR.has(name) || (name.endsWith('sum') && DIGESTS.test(name));
}

/** Settings, jumps, menus and choices, read in script order (an item belongs to the menu before it). */
function readDefinitions(model: IpxeModel): void {
  let currentMenu = '';
  for (const command of commandsNamed(model, { has: definesSomething })) {
    const name = command.name.text;
    // Split only when there are options: a `goto` or `set` keeps its argument list as it is.
    const positional = positionalOf(command);
    // Most are jumps (`|| goto failed` on every other line), which define nothing else.
    if (name === 'goto') {
      if (positional[0]) model.gotos.push({ target: positional[0], command });
      continue;
    }
    const options = optionsOf(command);
    if (WRITES_FIRST.has(name) && positional[0]) {
      const value =
        name === 'set'
          ? positional
              .slice(1)
              .map((w) => w.text)
              .join(' ')
          : undefined;
      model.defs.push(defFrom(positional[0], command, value));
    }
    // Each unnamed `menu` replaces the previous unnamed one, so it gets an identity of its own.
    if (name === 'menu') currentMenu = options.get('name')?.text ?? `#${command.start}`;
    if (name === 'choose' && positional[0]) {
      model.defs.push(defFrom(positional[0], command));
      model.choices.push({ setting: positional[0], command, menu: options.get('menu')?.text ?? currentMenu });
    }
    if (DIGESTS.test(name) && options.get('set')) model.defs.push(defFrom(options.get('set') as Word, command));
    if (name === 'item' && positional[0] && !options.has('gap') && !options.has('form')) {
      model.items.push({ label: positional[0], command, menu: options.get('menu')?.text ?? currentMenu });
    }
  }
}

function entriesOf(script: IpxeScript): CommandEntry[] {
  const entries: CommandEntry[] = [];
  for (const line of script.lines)
    for (const command of line.commands) entries.push({ command, line, spec: COMMANDS.get(command.name.text) });
  return entries;
}

/** The commands whose name is in `names`, in script order (their per-name lists merged). */
export function commandsNamed(model: IpxeModel, names: Pick<ReadonlySet<string>, 'has'>): readonly Command[] {
  const lists: Command[][] = [];
  for (const [name, commands] of model.named) if (names.has(name)) lists.push(commands);
  return lists.length > 1 ? mergeByStart(lists) : (lists[0] ?? []);
}

/** Lists each in script order, merged into one (a few lists: the head with the least start is taken each time). */
function mergeByStart(lists: Command[][]): Command[] {
  // Made at its size: grown by `push`, a list of thousands is copied a dozen times.
  const merged = new Array<Command>(lists.reduce((n, list) => n + list.length, 0));
  const at = lists.map(() => 0);
  for (let k = 0; k < merged.length; k++) {
    let from = 0;
    for (let i = 1; i < lists.length; i++) {
      const head = lists[i]?.[at[i] as number];
      const best = lists[from]?.[at[from] as number];
      if (head && (!best || head.start < best.start)) from = i;
    }
    merged[k] = lists[from]?.[at[from] as number] as Command;
    at[from] = (at[from] as number) + 1;
  }
  return merged;
}

/** True for a word that is a literal label name (not built from a setting). */
export function isLiteral(word: Word): boolean {
  return !word.text.includes('${');
}

/** The name iPXE gives a fetched image: `--name`, else the last path segment of the URI. */
export function imageName(command: Command): string | undefined {
  const { options, positional } = splitArgs(command);
  const uri = positional[0]?.text;
  return options.get('name')?.text ?? (uri === undefined ? undefined : lastSegment(uri));
}

/** The last non-empty part of a URI split at `/`, `?` and `#` (what `split(/[/?#]/)` would end with). */
export function lastSegment(uri: string): string | undefined {
  const isStop = (code: number): boolean => code === 47 || code === 63 || code === 35; // / ? #
  let end = uri.length;
  while (end > 0) {
    let start = end;
    while (start > 0 && !isStop(uri.charCodeAt(start - 1))) start--;
    if (start < end) return uri.slice(start, end);
    end = start - 1;
  }
  return undefined;
}
