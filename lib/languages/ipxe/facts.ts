/**
 * What the rules know about a script beyond its tables, read in one pass over the commands: the commands by
 * name, labels, jumps, setting references and definitions, menus. Commands and words are table indices here;
 * `model.ts` turns the same facts into objects for the editor features.
 */
import { EXPANDS, JOINED, type IpxeScript, type Label, type Word } from './ast';
import { optionAt, optionsAt, positionalStart, wordsEnd } from './args';
import { settingRefs, type SettingRef, type Unclosed } from './expansion';

/** Where a setting gets a value in this script. */
export interface SettingDef<C = number> {
  name: string;
  /** The word that names the setting (scope included). */
  word: Word;
  /** Range of the bare name inside `word`. */
  nameStart: number;
  nameEnd: number;
  command: C;
  /** The literal value of `set name value…`, when it is one. */
  value?: string;
}

export interface MenuItem<C = number> {
  label: Word;
  command: C;
  /** The menu it belongs to: its `--menu` name, else the menu created last (`#offset` for an unnamed one). */
  menu: string;
}

export interface Choice<C = number> {
  setting: Word;
  command: C;
  menu: string;
}

export interface ScriptFacts {
  /** Command indices by name, each list in script order: a rule about a few commands reads only those. */
  named: Map<string, number[]>;
  labels: Map<string, Label[]>;
  /** The `goto` commands that name a target, and the word index of each target. */
  gotos: number[];
  gotoTargets: number[];
  refs: SettingRef<number, number>[];
  unclosed: Unclosed[];
  defs: SettingDef[];
  items: MenuItem[];
  choices: Choice[];
  /** `commandsNamed` answers, by the set of names asked (rules ask with the same sets). */
  namedBy: Map<Pick<ReadonlySet<string>, 'has'>, readonly number[]>;
}

/** Commands whose first positional argument (or an option) names a setting they write. */
const WRITES_FIRST = new Set(['set', 'clear', 'read', 'inc', 'imgset', 'nslookup', 'pciscan', 'usbscan']);
const DIGESTS = /^(md5|sha1|sha224|sha256|sha384|sha512|md4)sum$/;
const SPLIT_FOR = new Set([...WRITES_FIRST, 'goto', 'menu', 'choose', 'item']);

/** Only these commands define settings, menus or jumps: the others need no split of their arguments. */
function definesSomething(name: string): boolean {
  return SPLIT_FOR.has(name) || (name.endsWith('sum') && DIGESTS.test(name));
}

function defFrom(word: Word, command: number, value?: string): SettingDef {
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

const cache = new WeakMap<IpxeScript, ScriptFacts>();

export function factsOf(script: IpxeScript): ScriptFacts {
  const cached = cache.get(script);
  if (cached) return cached;
  const facts: ScriptFacts = {
    named: new Map(),
    labels: new Map(),
    gotos: [],
    gotoTargets: [],
    refs: [],
    unclosed: [],
    defs: [],
    items: [],
    choices: [],
    namedBy: new Map(),
  };
  for (const label of script.labels) {
    const same = facts.labels.get(label.name);
    if (same) same.push(label);
    else facts.labels.set(label.name, [label]);
  }
  // Definitions are read in script order (an item belongs to the menu before it): the same pass as the index.
  const menu = { current: '' };
  for (let command = 0; command < script.commandCount; command++) {
    const name = script.commandName[command] as string;
    const same = facts.named.get(name);
    if (same) same.push(command);
    else facts.named.set(name, [command]);
    if (definesSomething(name)) readDefinition(script, facts, command, menu);
  }
  for (const command of script.expandingCommands) readRefs(script, facts, command);
  cache.set(script, facts);
  return facts;
}

/** The `${…}` of one command's words. */
function readRefs(script: IpxeScript, facts: ScriptFacts, command: number): void {
  for (let word = script.commandFirst[command] as number; word < wordsEnd(script, command); word++) {
    const flags = script.wordFlags[word] as number;
    // A continuation may split a `$` from its `{`: such a word's `${` is looked for in its joined text.
    const expands = flags & JOINED ? script.wordText(word).includes('${') : flags & EXPANDS;
    if (!expands) continue;
    const span = { start: script.wordStart[word] as number, end: script.wordEnd[word] as number };
    settingRefs(script.text, span, command, word, facts.refs, facts.unclosed);
  }
}

/** The settings, jump, menu or choice one command defines. */
function readDefinition(script: IpxeScript, facts: ScriptFacts, command: number, menu: { current: string }): void {
  const name = script.commandName[command] as string;
  // Split only when there are options: a `goto` or `set` keeps its argument list as it is.
  const positional = positionalStart(script, command);
  const end = wordsEnd(script, command);
  // Most are jumps (`|| goto failed` on every other line), which define nothing else (and need no word object).
  if (name === 'goto') {
    if (positional < end) {
      facts.gotos.push(command);
      facts.gotoTargets.push(positional);
    }
    return;
  }
  const first = positional < end ? script.word(positional) : undefined;
  const options = optionsAt(script, command);
  if (WRITES_FIRST.has(name) && first) {
    let value: string | undefined;
    if (name === 'set') {
      const words: string[] = [];
      for (let word = positional + 1; word < end; word++) words.push(script.wordText(word));
      value = words.join(' ');
    }
    facts.defs.push(defFrom(first, command, value));
  }
  // Each unnamed `menu` replaces the previous unnamed one, so it gets an identity of its own.
  if (name === 'menu') menu.current = options.get('name')?.text ?? `#${script.commandStart(command)}`;
  if (name === 'choose' && first) {
    facts.defs.push(defFrom(first, command));
    facts.choices.push({ setting: first, command, menu: options.get('menu')?.text ?? menu.current });
  }
  if (DIGESTS.test(name) && options.get('set')) facts.defs.push(defFrom(options.get('set') as Word, command));
  if (name === 'item' && first && !options.has('gap') && !options.has('form')) {
    facts.items.push({ label: first, command, menu: options.get('menu')?.text ?? menu.current });
  }
}

/** The commands whose name is in `names`, in script order (their per-name lists merged). */
export function commandsNamed(facts: ScriptFacts, names: Pick<ReadonlySet<string>, 'has'>): readonly number[] {
  const known = facts.namedBy.get(names);
  if (known) return known;
  const lists: number[][] = [];
  for (const [name, commands] of facts.named) if (names.has(name)) lists.push(commands);
  const merged = lists.length > 1 ? mergeInOrder(lists) : (lists[0] ?? []);
  facts.namedBy.set(names, merged);
  return merged;
}

/** Lists of indices, each ascending, merged into one (a few lists: the least head is taken each time). */
function mergeInOrder(lists: number[][]): number[] {
  // Made at its size: grown by `push`, a list of thousands is copied a dozen times.
  const merged = new Array<number>(lists.reduce((n, list) => n + list.length, 0));
  const at = new Int32Array(lists.length);
  for (let k = 0; k < merged.length; k++) {
    let from = -1;
    let least = Infinity;
    for (let i = 0; i < lists.length; i++) {
      const head = (lists[i] as number[])[at[i] as number];
      if (head !== undefined && head < least) {
        from = i;
        least = head;
      }
    }
    merged[k] = least;
    at[from] = (at[from] as number) + 1;
  }
  return merged;
}

/** True for a word that is a literal label name (not built from a setting). */
export function isLiteral(word: Word): boolean {
  return !word.text.includes('${');
}

/** The name iPXE gives a fetched image: `--name`, else the last path segment of the URI. */
export function imageNameAt(script: IpxeScript, command: number): string | undefined {
  const positional = positionalStart(script, command);
  const uri = positional < wordsEnd(script, command) ? script.wordText(positional) : undefined;
  return optionAt(script, command, 'name')?.text ?? (uri === undefined ? undefined : lastSegment(uri));
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
