/**
 * What the workspace's `.rsc` asks of the router, as data: per menu, the items keyed by their natural key
 * (`add` lines, `set [find key=…]` / `set name` lines merged in, `remove [find key=…]` lines), and every
 * statement this translation does not cover, with its line, so nothing is dropped silently.
 */
import { parseRouterOs } from '../languages/routeros/parser';
import { argValue, isQuoted } from '../languages/routeros/ast';
import { statementsOf, type Statement } from '../languages/routeros/statements';

export type Props = Record<string, string>;

export interface MenuSpec {
  /** Script form: `/ip dhcp-server option`. */
  script: string;
  /** API form: `/ip/dhcp-server/option`. */
  api: string;
  /** The property that identifies an item; leases fall back to `address`. */
  key: string;
  /** What an item is called in messages. */
  label: string;
}

/** The menus router deploy translates, in the order their items must exist (a set names options, …). */
export const MENUS: readonly MenuSpec[] = [
  { script: '/ip pool', api: '/ip/pool', key: 'name', label: 'pool' },
  { script: '/ip dhcp-server option', api: '/ip/dhcp-server/option', key: 'name', label: 'option' },
  { script: '/ip dhcp-server option sets', api: '/ip/dhcp-server/option/sets', key: 'name', label: 'option set' },
  { script: '/ip dhcp-server', api: '/ip/dhcp-server', key: 'name', label: 'DHCP server' },
  { script: '/ip dhcp-server network', api: '/ip/dhcp-server/network', key: 'address', label: 'network' },
  { script: '/ip dhcp-server matcher', api: '/ip/dhcp-server/matcher', key: 'name', label: 'matcher' },
  { script: '/ip dhcp-server lease', api: '/ip/dhcp-server/lease', key: 'mac-address', label: 'lease' },
  { script: '/ip tftp', api: '/ip/tftp', key: 'real-filename', label: 'TFTP entry' },
];

export interface DesiredItem {
  menu: MenuSpec;
  /** `name=lab-pool`, `mac-address=52:54:00:…`. */
  keyName: string;
  key: string;
  props: Props;
  /** Only `set` lines name it: it must already be on the router. */
  setOnly: boolean;
  /** 1-based line of the statement that made it. */
  line: number;
}

export interface Unsupported {
  line: number;
  text: string;
  why: string;
}

export interface Desired {
  items: DesiredItem[];
  /** `remove [find key=…]` lines. */
  removals: { menu: MenuSpec; keyName: string; key: string; line: number }[];
  unsupported: Unsupported[];
}

const COMMANDS_OK = new Set(['add', 'set', 'remove']);
const FIND = /^\[\s*find\s+(?:where\s+)?([a-z][a-z0-9-]*)\s*=\s*("(?:[^"\\]|\\.)*"|[^\s\]]+)\s*\]$/;

function lineOf(text: string, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset && i < text.length; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}

/** The key an item is identified by: the menu's key, a lease's address when it has no MAC. */
export function keyOf(menu: MenuSpec, props: Props): { keyName: string; key: string } | undefined {
  const value = props[menu.key];
  if (value !== undefined && value !== '')
    return { keyName: menu.key, key: menu.key === 'mac-address' ? value.toUpperCase() : value };
  if (menu.key === 'mac-address' && props.address) return { keyName: 'address', key: props.address };
  return undefined;
}

function unquote(value: string): string {
  return value.startsWith('"') ? value.slice(1, -1).replace(/\\(.)/g, '$1') : value;
}

export function desiredOf(text: string): Desired {
  const desired: Desired = { items: [], removals: [], unsupported: [] };
  const byKey = new Map<string, DesiredItem>();
  for (const s of statementsOf(parseRouterOs(text).ast)) {
    const read = readStatement(text, s);
    if (!read) continue;
    const why = 'why' in read ? read.why : merge(desired, byKey, read, lineOf(text, s.start));
    if (why !== undefined) desired.unsupported.push(unsupported(text, s, why));
  }
  return desired;
}

interface ItemKey {
  keyName: string;
  key: string;
}

/** A statement router deploy translates: its menu, verb, properties and (set/remove) the item it names. */
interface Translated {
  menu: MenuSpec;
  verb: string;
  props: Props;
  target?: ItemKey;
}

/** What a statement asks, why it cannot be translated, or undefined for a bare menu line (it asks nothing). */
function readStatement(text: string, s: Statement): Translated | { why: string } | undefined {
  if (!s.command) {
    // A menu line alone only changes the menu; anything else (`:foreach`, `:local`, …) is a script.
    const source = text.slice(s.start, s.end);
    if (s.args.length || !/^\/[a-z]/.test(source.trim())) return { why: 'not a menu command (a script statement)' };
    return undefined;
  }
  const menu = MENUS.find((m) => m.script === s.menu);
  if (!menu) return { why: `menu ${s.menu} is not one router deploy manages` };
  const verb = s.command.text;
  if (!COMMANDS_OK.has(verb)) return { why: `"${verb}" is not translated (only add, set and remove)` };
  const props = staticProps(s);
  if (!props) return { why: 'a value uses a variable or a command; its value is only known on the router' };
  if (verb === 'add') return { menu, verb, props };
  const target = targetOf(text, s.command.end, menu);
  if (!target)
    return {
      why: `${verb} needs [find ${menu.key}=…]${menu.key === 'name' ? ' or the item name' : ''} to know which item it means`,
    };
  return { menu, verb, props, target };
}

/** The statement's properties, or undefined when a value is only known on the router (a variable, a command). */
function staticProps(s: Statement): Props | undefined {
  const props: Props = {};
  let dynamic = false;
  for (const a of s.args) {
    const value = argValue(a);
    if (/[$[]/.test(value) && !isQuoted(a)) dynamic = true;
    if (isQuoted(a) && /\$[a-zA-Z({]|\[/.test(value)) dynamic = true;
    props[a.name] = value;
  }
  return dynamic ? undefined : props;
}

/**
 * The target of set/remove: `[find key=value]` or, in menus keyed by name, the name itself. (The statement's
 * own tokens leave out bracket contents: read the text right after the command.)
 */
function targetOf(text: string, commandEnd: number, menu: MenuSpec): ItemKey | undefined {
  const eol = text.indexOf('\n', commandEnd);
  const after = text.slice(commandEnd, eol < 0 ? undefined : eol).trim();
  const bracket = /^\[[^\]]*\]/.exec(after)?.[0];
  const find = bracket ? FIND.exec(bracket) : undefined;
  if (find) {
    const keyName = find[1]!;
    const key = unquote(find[2]!);
    if (keyName === menu.key || (menu.key === 'mac-address' && keyName === 'address'))
      return { keyName, key: keyName === 'mac-address' ? key.toUpperCase() : key };
  } else if (!bracket && menu.key === 'name') {
    const word = /^("(?:[^"\\]|\\.)*"|[^\s=]+)(?=\s|$)/.exec(after)?.[1];
    if (word && !/^\d+$/.test(word)) return { keyName: 'name', key: unquote(word) };
  }
  return undefined;
}

/**
 * Merges a translated statement into what is desired: a removal drops the item, an add or set makes or
 * extends it. Returns why it cannot be merged (an add with no key), else undefined.
 */
function merge(desired: Desired, byKey: Map<string, DesiredItem>, read: Translated, line: number): string | undefined {
  const { menu, verb, props, target } = read;
  if (verb === 'remove') {
    const { keyName, key } = target!;
    desired.removals.push({ menu, keyName, key, line });
    byKey.delete(`${menu.api}\0${keyName}\0${key}`);
    desired.items = desired.items.filter((i) => !(i.menu === menu && i.keyName === keyName && i.key === key));
    return undefined;
  }
  const id = verb === 'add' ? keyOf(menu, props) : target;
  if (!id)
    return (
      `add without ${menu.key}${menu.key === 'mac-address' ? ' or address' : ''}: ` +
      'router deploy cannot tell whether the router has it already'
    );
  const mapKey = `${menu.api}\0${id.keyName}\0${id.key}`;
  const existing = byKey.get(mapKey);
  if (existing) {
    Object.assign(existing.props, props);
    if (verb === 'add') existing.setOnly = false;
    return undefined;
  }
  const item: DesiredItem = { menu, ...id, props, setOnly: verb === 'set', line };
  byKey.set(mapKey, item);
  desired.items.push(item);
  return undefined;
}

/** The statement as written (continuation lines joined), its line, and why it is left out. */
function unsupported(text: string, s: Statement, why: string): Unsupported {
  const eol = text.indexOf('\n', s.end);
  const whole = text.slice(s.start, Math.max(s.end, eol < 0 ? text.length : eol));
  return { line: lineOf(text, s.start), text: whole.trim().replace(/\s*\\\r?\n\s*/g, ' '), why };
}
