import catalog from '../../data/routeros-catalog.json';
import versions from '../../data/routeros-versions.json';

/** One menu: its sub-menus, and its commands with their argument names (undefined: not catalogued). */
export interface MenuNode {
  children: Set<string>;
  commands: Map<string, Set<string> | undefined>;
}

/** A RouterOS command tree: the built-in catalog, or a full `/console/inspect` dump of one version. */
export interface CommandTree {
  version: string;
  /** True when every menu is in the tree (a full dump); the built-in catalog covers only PXE menus. */
  complete: boolean;
  topMenus: Set<string>;
  topCommands: Set<string>;
  menus: Map<string, MenuNode>;
}

type CatalogMenu = { children: string[]; commands: Record<string, string[] | null> };

let builtIn: CommandTree | undefined;

export function builtInTree(): CommandTree {
  if (builtIn) return builtIn;
  const menus = new Map<string, MenuNode>();
  for (const [path, menu] of Object.entries(catalog.menus as Record<string, CatalogMenu>)) {
    menus.set(path, {
      children: new Set(menu.children),
      commands: new Map(Object.entries(menu.commands).map(([name, args]) => [name, args ? new Set(args) : undefined])),
    });
  }
  const topMenus = new Set(catalog.topLevel.menus);
  const topCommands = new Set(catalog.topLevel.commands);
  menus.set('/', { children: topMenus, commands: new Map([...topCommands].map((c) => [c, undefined])) });
  builtIn = { version: catalog.version, complete: false, topMenus, topCommands, menus };
  return builtIn;
}

let active: CommandTree | undefined;

/** Menus extra packages add, per parent menu (`/` → container, `/interface` → veth, wireless, …). */
export const packageMenus = new Map(
  Object.entries(versions.packageMenus).map(([menu, names]) => [menu, new Set(names)]),
);

/** Commands at the root the 7.24 base dump lacks (`/ping`). */
export const extraRootCommands = new Set(versions.rootCommands);

/** Variables RouterOS sets for the scripts it runs (`$leaseBound` in a DHCP lease script). */
export const environmentVariables: readonly string[] = versions.environmentVariables;

/** Why a RouterOS 6 menu or argument is not in RouterOS 7 (what v7 has instead); keys `/menu` or `/menu|arg`. */
export function v6Only(key: string): string | undefined {
  const facts = versions.v6Only as { menus: Record<string, string>; arguments: Record<string, string> };
  return key.includes('|') ? facts.arguments[key] : facts.menus[key];
}

/** The RouterOS 7 version that added a scripting command (`onerror` → 7.13), for scripts declared for v6. */
export function v7Since(command: string): string | undefined {
  return (versions.v7Only.commands as Record<string, string>)[command];
}

/** The RouterOS major version a script says it is for (`# … by RouterOS 6.45.7`, `# RouterOS: 7.20+`, `ntp-v6.rsc`). */
export function declaredVersion(text: string, path?: string): 6 | 7 | undefined {
  const named = path
    ? /(?:^|[^a-z0-9])(?:v|ros_?|routeros-?)([67])(?:[^0-9]|$)/i.exec(path.split(/[\\/]/).pop() ?? '')?.[1]
    : undefined;
  if (named) return named === '6' ? 6 : 7;
  const header = /^(?:[ \t]*(?:#[^\n]*)?\r?\n){0,30}/.exec(text)?.[0] ?? '';
  const major = /RouterOS:?\s+v?(\d+)\./i.exec(header)?.[1];
  return major === '6' ? 6 : major === '7' ? 7 : undefined;
}

export interface ValueType {
  type: 'integer' | 'ip' | 'mac' | 'boolean';
  min?: number;
  max?: number;
}

/** What the built-in catalog knows of one argument's values. */
export interface ArgumentFacts {
  type?: ValueType;
  choices?: Choices;
}

/**
 * Per menu (`/ip dhcp-server option`), per command (`add`), per argument name: looked up for each line of a
 * big export, so without building a key string each time.
 */
const facts = new Map<string, Map<string, Map<string, ArgumentFacts>>>();
function factsFor(key: string): ArgumentFacts {
  const [menuCommand, arg] = key.split('|') as [string, string];
  const space = menuCommand.lastIndexOf(' ');
  const menu = menuCommand.slice(0, space);
  const command = menuCommand.slice(space + 1);
  let byCommand = facts.get(menu);
  if (!byCommand) facts.set(menu, (byCommand = new Map()));
  let byArg = byCommand.get(command);
  if (!byArg) byCommand.set(command, (byArg = new Map()));
  let entry = byArg.get(arg);
  if (!entry) byArg.set(arg, (entry = {}));
  return entry;
}
for (const [key, type] of Object.entries((catalog as unknown as { types: Record<string, ValueType> }).types))
  factsFor(key).type = type;
for (const [key, choices] of Object.entries((catalog as unknown as { choices: Record<string, Choices> }).choices))
  factsFor(key).choices = choices;

/** The argument facts of one command (`/ip dhcp-server option`, `add`), looked up once per statement. */
export function argumentFacts(menu: string, command: string): ReadonlyMap<string, ArgumentFacts> | undefined {
  return facts.get(menu)?.get(command);
}

/** The value type of an argument (`/ip dhcp-server option` `add` `code`), from the built-in catalog. */
export function valueType(menu: string, command: string, arg: string): ValueType | undefined {
  return argumentFacts(menu, command)?.get(arg)?.type;
}

/** Words an argument takes (`authoritative=after-2sec-delay`); `closed`: nothing else is accepted; `list`: comma-separated. */
export interface Choices {
  values: string[];
  closed?: boolean;
  list?: boolean;
}

/** The enumerated values of an argument, from the built-in catalog. */
export function choicesOf(menu: string, command: string, arg: string): Choices | undefined {
  return argumentFacts(menu, command)?.get(arg)?.choices;
}

const docs = new Map(Object.entries((catalog as unknown as { docs: Record<string, string> }).docs));

/**
 * What an argument does, in a sentence (the PXE-relevant ones): keyed by menu (`add`/`set` share it) or by menu
 * and command (`/tool fetch`).
 */
export function argumentDoc(menu: string, command: string, arg: string): string | undefined {
  return docs.get(`${menu}|${arg}`) ?? docs.get(`${menu} ${command}|${arg}`);
}

/** What an argument takes, in words: `a number from 1 to 254`, `yes or no`, … */
export function describeType(type: ValueType | undefined): string {
  if (!type) return 'a value';
  if (type.type === 'integer') return `a number from ${type.min} to ${type.max}`;
  return { boolean: 'yes or no', ip: 'an IP address', mac: 'a MAC address' }[type.type];
}

/** The tree rules check against: a loaded full tree, else the built-in catalog. */
export function activeTree(): CommandTree {
  return active ?? builtInTree();
}

/** Use a full tree (from PXE: Load RouterOS Command Tree…); undefined goes back to the built-in catalog. */
export function useTree(tree: CommandTree | undefined): void {
  active = tree;
}

interface InspectNode {
  _type?: string;
  [name: string]: InspectNode | string | undefined;
}

export class TreeError extends Error {
  override readonly name = 'TreeError';
}

/** Reads a `/console/inspect` dump (nested `{ name: { _type: dir|path|cmd|arg, … } }`) into a full tree. */
export function treeFromInspect(json: unknown, version: string): CommandTree {
  if (!json || typeof json !== 'object' || Array.isArray(json))
    throw new TreeError('not a /console/inspect dump: expected an object of menus');
  const root = json as InspectNode;
  const menus = new Map<string, MenuNode>();
  const topMenus = new Set<string>();
  const topCommands = new Set<string>();
  const visit = (node: InspectNode, path: string[]): void => {
    const menu: MenuNode = { children: new Set(), commands: new Map() };
    for (const [name, child] of Object.entries(node)) {
      if (!child || typeof child !== 'object') continue;
      if (child._type === 'cmd')
        menu.commands.set(
          name,
          new Set(
            Object.entries(child)
              .filter(([, a]) => typeof a === 'object' && a?._type === 'arg')
              .map(([a]) => a),
          ),
        );
      else if (child._type === 'dir' || child._type === 'path') {
        menu.children.add(name);
        visit(child, [...path, name]);
      }
    }
    menus.set(`/${path.join(' ')}`, menu);
  };
  for (const [name, child] of Object.entries(root)) {
    if (!child || typeof child !== 'object') continue;
    if (child._type === 'cmd') topCommands.add(name);
    else if (child._type === 'dir' || child._type === 'path') topMenus.add(name);
  }
  if (!topMenus.has('ip') || !topMenus.has('system'))
    throw new TreeError('not a /console/inspect dump: no /ip or /system menu in it');
  visit(root, []);
  return { version, complete: true, topMenus, topCommands, menus };
}
