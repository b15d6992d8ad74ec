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
}

const cache = new WeakMap<RouterOsScript, DhcpModel>();

export function arg(statement: Statement, name: string): Argument | undefined {
  return statement.args.find((a) => a.name === name);
}

/** Names split from a comma list value, with their offsets (only for unquoted values, whose offsets are exact). */
function listItems(a: Argument): { name: string; start: number; end: number }[] {
  if (!a.value) return [];
  let offset = a.valueStart + (a.quoted ? 1 : 0);
  return a.value.split(',').map((name) => {
    const item = { name, start: offset, end: offset + name.length };
    offset += name.length + 1;
    return item;
  });
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
  };
  for (const s of model.statements) {
    const name = arg(s, 'name');
    if (s.command?.text === 'add' && name?.value) {
      if (s.menu === OPTION_MENU && !model.options.has(name.value)) model.options.set(name.value, name);
      if (s.menu === SET_MENU && !model.sets.has(name.value)) model.sets.set(name.value, name);
    }
    const options = s.menu === SET_MENU ? arg(s, 'options') : undefined;
    if (options) model.optionRefs.push(...listItems(options).filter((i) => i.name));
    // A lease's or network's `dhcp-option-set=`, a matcher's `option-set=`.
    const set = arg(s, 'dhcp-option-set') ?? (s.menu === '/ip dhcp-server matcher' ? arg(s, 'option-set') : undefined);
    if (set?.value) model.setRefs.push(...listItems(set).filter((i) => i.name));
  }
  cache.set(script, model);
  return model;
}
