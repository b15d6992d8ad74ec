import type { RouterOsScript } from './ast';
import { everyStatementOf, type Argument, type Statement } from './statements';

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
    const { value } = a;
    if (!value) continue;
    const offset = a.valueStart + (a.quoted ? 1 : 0);
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
    const name = arg(s, 'name');
    if (s.command?.text === 'add' && name?.value) {
      if (s.menu === OPTION_MENU && !model.options.has(name.value)) model.options.set(name.value, name);
      if (s.menu === SET_MENU && !model.sets.has(name.value)) model.sets.set(name.value, name);
    }
    const options = s.menu === SET_MENU ? arg(s, 'options') : undefined;
    if (options?.value) model.optionLists.push(options);
    // A lease's or network's `dhcp-option-set=`, a matcher's `option-set=`.
    const set = arg(s, 'dhcp-option-set') ?? (s.menu === '/ip dhcp-server matcher' ? arg(s, 'option-set') : undefined);
    if (set?.value) model.setLists.push(set);
  }
  cache.set(script, model);
  return model;
}

/** The statements of one menu (`/ip dhcp-server option`), in file order. */
export function statementsIn(script: RouterOsScript, menu: string): readonly Statement[] {
  return dhcpModelOf(script).byMenu.get(menu) ?? [];
}
