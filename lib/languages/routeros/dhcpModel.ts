import type { RouterOsScript } from './ast';
import { argValue, hasValue, isQuoted, valueStart, type Argument } from './ast';
import { everyStatementOf, type Statement } from './statements';

export const OPTION_MENU = '/ip dhcp-server option';
export const SET_MENU = '/ip dhcp-server option sets';

export interface DhcpModel {
  /** Every statement, those inside blocks and quoted scripts included. */
  statements: Statement[];
  /** `add name=…` of options and option sets: name → the name argument. */
  options: Map<string, Argument>;
  sets: Map<string, Argument>;
  /**
   * The arguments that reference options (`options=a,b` of option sets) and option sets (a lease's or network's
   * `dhcp-option-set=`, a matcher's `option-set=`), in file order: `referencesIn` reads the names out of them.
   */
  optionLists: Argument[];
  setLists: Argument[];
  /** The statements of each menu, in file order (most rules look at one menu of a long export). */
  byMenu: Map<string, Statement[]>;
}

const cache = new WeakMap<RouterOsScript, DhcpModel>();

export function arg(statement: Statement, name: string): Argument | undefined {
  const { args } = statement;
  for (let i = 0; i < args.length; i++) if (args[i]!.name === name) return args[i];
  return undefined;
}

/** The value of the argument `name`, if the statement has one. */
export function argText(statement: Statement, name: string): string | undefined {
  const a = arg(statement, name);
  return a && argValue(a);
}

/** A name inside a comma list value (`options=a,b`), with its offsets. */
export interface Reference {
  name: string;
  start: number;
  end: number;
}

/**
 * The names the comma list values of `lists` reference, with their offsets (exact for unquoted values); empty names
 * are skipped, and `keep` picks some (a big export references thousands: a rule keeps only those it reports).
 */
export function referencesIn(lists: readonly Argument[], keep?: (name: string) => boolean): Reference[] {
  const refs: Reference[] = [];
  for (let i = 0; i < lists.length; i++) {
    const a = lists[i]!;
    const value = argValue(a);
    if (!value) continue;
    const offset = valueStart(a) + (isQuoted(a) ? 1 : 0);
    for (let from = 0; from <= value.length;) {
      const comma = value.indexOf(',', from);
      const end = comma < 0 ? value.length : comma;
      if (end > from) {
        const name = value.slice(from, end);
        if (!keep || keep(name)) refs.push({ name, start: offset + from, end: offset + end });
      }
      from = end + 1;
    }
  }
  return refs;
}

export function dhcpModelOf(script: RouterOsScript): DhcpModel {
  const cached = cache.get(script);
  if (cached) return cached;
  const model: DhcpModel = {
    statements: everyStatementOf(script),
    options: new Map(),
    sets: new Map(),
    optionLists: [],
    setLists: [],
    byMenu: new Map(),
  };
  for (let i = 0; i < model.statements.length; i++) {
    const s = model.statements[i]!;
    const inMenu = model.byMenu.get(s.menu);
    if (inMenu) inMenu.push(s);
    else model.byMenu.set(s.menu, [s]);
    // Only adds in the two menus keep their name: other values are read when a rule asks.
    const named =
      s.command?.text === 'add' && (s.menu === OPTION_MENU || s.menu === SET_MENU) ? arg(s, 'name') : undefined;
    const key = named && argValue(named);
    if (named && key) {
      if (s.menu === OPTION_MENU && !model.options.has(key)) model.options.set(key, named);
      if (s.menu === SET_MENU && !model.sets.has(key)) model.sets.set(key, named);
    }
    const options = s.menu === SET_MENU ? arg(s, 'options') : undefined;
    if (options && hasValue(options)) model.optionLists.push(options);
    // A lease's or network's `dhcp-option-set=`, a matcher's `option-set=`.
    const set = arg(s, 'dhcp-option-set') ?? (s.menu === '/ip dhcp-server matcher' ? arg(s, 'option-set') : undefined);
    if (set && hasValue(set)) model.setLists.push(set);
  }
  cache.set(script, model);
  return model;
}

/** The statements of one menu (`/ip dhcp-server option`), in file order. */
export function statementsIn(script: RouterOsScript, menu: string): readonly Statement[] {
  return dhcpModelOf(script).byMenu.get(menu) ?? [];
}
