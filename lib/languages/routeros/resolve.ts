/** Where the command tree places a statement: its menu, its command, or the word the tree does not know. */
import type { RouterOsScript } from './ast';
import { activeTree, extraRootCommands, packageMenus, type CommandTree } from './catalog';
import { dhcpModelOf } from './dhcpModel';
import { tokenOf, wordCount, wordOf, wordsOf, type Statement, type Word } from './ast';

export interface Resolved {
  menuPath: string[];
  /** `menuPath` as a menu key: `/ip dhcp-server option`. */
  menu: string;
  command?: string;
  problem?: { word: { text: string; start: number; end: number }; kind: 'menu' | 'command'; candidates: string[] };
}

const key = (path: string[]): string => `/${path.join(' ')}`;

const menuParts = new Map<string, string[]>();

/** A statement's place in one tree: shared by the statements that resolve alike (an export has thousands). */
interface Resolution {
  tree: object;
  result: Resolved | undefined;
}

/** Walks a statement's menu path and command through the tree (once per statement and tree). */
export function resolveStatement(tree: CommandTree, s: Statement): Resolved | undefined {
  if (s.resolution?.tree === tree) return s.resolution.result as Resolved | undefined;
  const resolution = resolve(tree, s);
  s.resolution = resolution;
  return resolution.result;
}

/** Stops quietly outside what the tree covers. */
function resolve(tree: CommandTree, s: Statement): Resolution {
  const first = wordOf(s, 0);
  if (!first) return { tree, result: undefined };
  if (first.text.startsWith(':')) return { tree, result: scripting(tree, first) };
  const absolute = tokenOf(s, 0)?.text.startsWith('/') ?? false;
  // Exports repeat the same menu and command on thousands of lines: resolve each combination once per tree,
  // looked up by the menu in effect ('' for an absolute path), then by the words (no key string to build).
  let byMenu = known.get(tree);
  if (!byMenu) known.set(tree, (byMenu = new Map()));
  const context = absolute ? '' : s.contextMenu;
  let memo = byMenu.get(context);
  if (!memo) byMenu.set(context, (memo = new Map()));
  const memoKey = wordsKey(s);
  const hit = memo.get(memoKey);
  if (hit) return hit;
  let parts = menuParts.get(s.contextMenu);
  if (!parts) menuParts.set(s.contextMenu, (parts = s.contextMenu.split(/[/ ]/).filter(Boolean)));
  const resolution = { tree, result: walk(tree, s, absolute ? [] : parts) };
  if (!resolution.result?.problem) memo.set(memoKey, resolution); // a problem names its word's position: not shared
  return resolution;
}

/** `:put` is a scripting command; `:log info …` reaches a top-level menu's commands the same way. */
function scripting(tree: CommandTree, first: Word): Resolved {
  const name = first.text.slice(1);
  if (tree.topCommands.has(name) || tree.topMenus.has(name)) return { menuPath: [], menu: '/', command: name };
  const whole = unique(name, [...tree.topCommands, ...tree.topMenus]);
  if (whole) return { menuPath: [], menu: '/', command: whole };
  return {
    menuPath: [],
    menu: '/',
    problem: { word: first, kind: 'command', candidates: [...tree.topCommands].map((c) => `:${c}`) },
  };
}

/**
 * A statement's words joined by spaces, `|` first for a path alone (menu words have neither): most statements
 * have the one word `add`, whose text is the key as it is.
 */
function wordsKey(s: Statement): string {
  const text =
    wordCount(s) === 1
      ? wordOf(s, 0)!.text
      : wordsOf(s)
          .map((w) => w.text)
          .join(' ');
  return s.pathOnly ? `|${text}` : text;
}

/** The one candidate that starts with `word`, if exactly one does. */
export function unique(word: string, candidates: string[]): string | undefined {
  const matches = candidates.filter((c) => c.startsWith(word));
  return matches.length === 1 ? matches[0] : undefined;
}

const known = new WeakMap<CommandTree, Map<string, Map<string, Resolution>>>();

function walk(tree: CommandTree, s: Statement, start: string[]): Resolved | undefined {
  let path = start;
  const count = wordCount(s);
  for (let i = 0; i < count; i++) {
    const word = wordOf(s, i)!;
    const node = tree.menus.get(key(path));
    if (!node) return undefined; // outside what the tree covers
    if (node.children.has(word.text)) {
      path = [...path, word.text];
      continue;
    }
    if (node.commands.has(word.text)) return { menuPath: path, menu: key(path), command: word.text };
    if (path.length === 0 && extraRootCommands.has(word.text)) return undefined; // `/ping`: arguments not catalogued
    // RouterOS takes an unambiguous beginning of a name (`/ip fire fil`, `:typ` for `:typeof`).
    const whole = unique(word.text, [...node.children, ...node.commands.keys()]);
    if (whole && node.children.has(whole)) {
      path = [...path, whole];
      continue;
    }
    if (whole) return { menuPath: path, menu: key(path), command: whole };
    // Scripting commands (`put`, `local`, `if`) work without `:` (RouterOS reads them from any menu).
    if (i === 0 && tree.topCommands.has(word.text)) return { menuPath: [], menu: '/', command: word.text };
    // Menus that packages add (container, wireless, …): outside what a base-system tree covers.
    if (!tree.complete && packageMenus.get(key(path))?.has(word.text)) return undefined;
    // In a /path, a word followed by more words, or a path alone, names a menu; otherwise a command.
    const kind = tokenOf(s, 0)?.text.startsWith('/') && (i < count - 1 || s.pathOnly) ? 'menu' : 'command';
    const extra = tree.complete ? [] : [...(packageMenus.get(key(path)) ?? [])];
    const candidates =
      kind === 'menu' ? [...node.children, ...extra] : [...node.children, ...extra, ...node.commands.keys()];
    return { menuPath: path, menu: key(path), problem: { word, kind, candidates } };
  }
  return { menuPath: path, menu: key(path) };
}

/** A resolution with a command the tree knows. */
export type KnownCommand = Resolved & { command: string };

/**
 * The statements whose menu and command the tree knows, and beside each (same index) its resolution: statements
 * that resolve alike share one, so a rule can compare it with the previous one to reuse what it looked up.
 */
export interface ResolvedCommands {
  tree: CommandTree;
  statements: Statement[];
  resolved: KnownCommand[];
}

const commandsOf = new WeakMap<RouterOsScript, ResolvedCommands>();

/** Statements whose menu and command the tree knows, with both resolved (quoted scripts' too); once per script and tree. */
export function resolvedCommands(script: RouterOsScript): ResolvedCommands {
  const tree = activeTree();
  const cached = commandsOf.get(script);
  if (cached?.tree === tree) return cached;
  const { statements } = dhcpModelOf(script);
  // Room for every statement, cut to the count at the end (the lists are kept: no spare room, no copies).
  const commands: ResolvedCommands = {
    tree,
    statements: new Array<Statement>(statements.length),
    resolved: new Array<KnownCommand>(statements.length),
  };
  let count = 0;
  for (let i = 0; i < statements.length; i++) {
    const resolved = resolveStatement(tree, statements[i]!);
    if (!resolved?.command || resolved.problem) continue;
    commands.statements[count] = statements[i]!;
    commands.resolved[count++] = resolved as KnownCommand;
  }
  commands.statements.length = commands.resolved.length = count;
  commandsOf.set(script, commands);
  return commands;
}
