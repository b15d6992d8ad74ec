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
  /** References: option names inside `options=a,b` of sets; set names in `dhcp-option-set=`. */
  optionRefs: { name: string; start: number; end: number }[];
  setRefs: { name: string; start: number; end: number }[];
  /** The statements of each menu, in file order (most rules look at one menu of a long export). */
  byMenu: Map<string, Statement[]>;
}

const cache = new WeakMap<RouterOsScript, DhcpModel>();

export function arg(statement: Statement, name: string): Argument | undefined {
  const { args } = statement;
  for (let i = 0; i < args.length; i++) if (args[i]!.name === name) return args[i];
  return undefined;
}

/**
 * Adds the names of a comma list value to `into`, with their offsets (only for unquoted values, whose offsets are
 * exact); empty names are skipped.
 */
function addListItems(a: Argument, into: { name: string; start: number; end: number }[]): void {
  const { value } = a;
  if (!value) return;
  const offset = a.valueStart + (a.quoted ? 1 : 0);
  for (let from = 0; from <= value.length;) {
    const comma = value.indexOf(',', from);
    const end = comma < 0 ? value.length : comma;
    if (end > from) into.push({ name: value.slice(from, end), start: offset + from, end: offset + end });
    from = end + 1;
  }
}

export function dhcpModelOf(script: RouterOsScript): DhcpModel {
  const cached = cache.get(script);
  if (cached) return cached;
  const model: DhcpModel = {
    statements: everyStatementOf(script),
    options: new Map(),
    sets: new Map(),
    optionRefs: [],
    setRefs: [],
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
    if (options) addListItems(options, model.optionRefs);
    // A lease's or network's `dhcp-option-set=`, a matcher's `option-set=`.
    const set = arg(s, 'dhcp-option-set') ?? (s.menu === '/ip dhcp-server matcher' ? arg(s, 'option-set') : undefined);
    if (set?.value) addListItems(set, model.setRefs);
  }
  cache.set(script, model);
  return model;
}

/** The statements of one menu (`/ip dhcp-server option`), in file order. */
export function statementsIn(script: RouterOsScript, menu: string): readonly Statement[] {
  return dhcpModelOf(script).byMenu.get(menu) ?? [];
}
