/** Where the command tree places a statement: its menu, its command, or the word the tree does not know. */
import type { RouterOsScript } from './ast';
import { activeTree, extraRootCommands, packageMenus, type CommandTree } from './catalog';
import { dhcpModelOf } from './dhcpModel';
import type { Statement } from './statements';

export interface Resolved {
  menuPath: string[];
  /** `menuPath` as a menu key: `/ip dhcp-server option`. */
  menu: string;
  command?: string;
  problem?: { word: { text: string; start: number; end: number }; kind: 'menu' | 'command'; candidates: string[] };
}

const key = (path: string[]): string => `/${path.join(' ')}`;

const menuParts = new Map<string, string[]>();

/** Walks a statement's menu path and command through the tree (once per statement and tree). */
export function resolveStatement(tree: CommandTree, s: Statement): Resolved | undefined {
  if (s.resolution?.tree === tree) return s.resolution.result as Resolved | undefined;
  const result = resolve(tree, s);
  s.resolution = { tree, result };
  return result;
}

/** Stops quietly outside what the tree covers. */
function resolve(tree: CommandTree, s: Statement): Resolved | undefined {
  const first = s.words[0];
  if (!first) return undefined;
  if (first.text.startsWith(':')) {
    const name = first.text.slice(1);
    // `:put` is a scripting command; `:log info …` reaches a top-level menu's commands the same way.
    if (tree.topCommands.has(name) || tree.topMenus.has(name)) return { menuPath: [], menu: '/', command: name };
    const whole = unique(name, [...tree.topCommands, ...tree.topMenus]);
    if (whole) return { menuPath: [], menu: '/', command: whole };
    return {
      menuPath: [],
      menu: '/',
      problem: { word: first, kind: 'command', candidates: [...tree.topCommands].map((c) => `:${c}`) },
    };
  }
  const absolute = s.tokens[0]?.text.startsWith('/') ?? false;
  let parts = menuParts.get(s.contextMenu);
  if (!parts) menuParts.set(s.contextMenu, (parts = s.contextMenu.split(/[/ ]/).filter(Boolean)));
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
  const result = walk(tree, s, absolute ? [] : parts);
  if (!result?.problem) memo.set(memoKey, result); // a problem names its word's position: not shared
  return result;
}

/**
 * A statement's words joined by spaces, `|` first for a path alone (menu words have neither): most statements
 * have the one word `add`, whose text is the key as it is.
 */
function wordsKey(s: Statement): string {
  const text = s.words.length === 1 ? s.words[0]!.text : s.words.map((w) => w.text).join(' ');
  return s.pathOnly ? `|${text}` : text;
}

/** The one candidate that starts with `word`, if exactly one does. */
export function unique(word: string, candidates: string[]): string | undefined {
  const matches = candidates.filter((c) => c.startsWith(word));
  return matches.length === 1 ? matches[0] : undefined;
}

const known = new WeakMap<CommandTree, Map<string, Map<string, Resolved | undefined>>>();

function walk(tree: CommandTree, s: Statement, start: string[]): Resolved | undefined {
  let path = start;
  const words = s.words;
  for (const [i, word] of words.entries()) {
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
    const kind = s.tokens[0]?.text.startsWith('/') && (i < words.length - 1 || s.pathOnly) ? 'menu' : 'command';
    const extra = tree.complete ? [] : [...(packageMenus.get(key(path)) ?? [])];
    const candidates =
      kind === 'menu' ? [...node.children, ...extra] : [...node.children, ...extra, ...node.commands.keys()];
    return { menuPath: path, menu: key(path), problem: { word, kind, candidates } };
  }
  return { menuPath: path, menu: key(path) };
}

/** A statement whose menu and command the tree knows, with both resolved. */
export interface ResolvedCommand {
  statement: Statement;
  menu: string;
  command: string;
  tree: CommandTree;
}

const commandsOf = new WeakMap<RouterOsScript, { tree: CommandTree; commands: ResolvedCommand[] }>();

/** Statements whose menu and command the tree knows, with both resolved (quoted scripts' too); once per script and tree. */
export function resolvedCommands(script: RouterOsScript): readonly ResolvedCommand[] {
  const tree = activeTree();
  const cached = commandsOf.get(script);
  if (cached?.tree === tree) return cached.commands;
  const commands: ResolvedCommand[] = [];
  const { statements } = dhcpModelOf(script);
  for (let i = 0; i < statements.length; i++) {
    const statement = statements[i]!;
    const resolved = resolveStatement(tree, statement);
    if (resolved?.command && !resolved.problem)
      commands.push({ statement, menu: resolved.menu, command: resolved.command, tree });
  }
  commandsOf.set(script, { tree, commands });
  return commands;
}
