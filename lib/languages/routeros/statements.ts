import {
  type Argument,
  isClosed,
  isQuoted,
  type Nesting,
  type RouterOsScript,
  type Statement,
  type Token,
  tokenOf,
  unescape,
  valueStart,
  type Word,
} from './ast';
import { parseRouterOs } from './parser';
import { activeTree } from './catalog';

/** Words RouterOS menus accept as commands (the rest of a menu line is the menu path). */
export const COMMAND_WORDS = new Set([
  'add',
  'set',
  'remove',
  'print',
  'find',
  'enable',
  'disable',
  'export',
  'import',
  'get',
  'edit',
  'reset',
  'comment',
  'move',
  'unset',
  'monitor',
  'reset-counters',
  'make-static',
  'check-status',
]);

/** Arguments whose `{ … }` or `"…"` value is a script that runs later, from the root menu (`!` unsets one). */
const SCRIPT_ARG = /^!?(source|on-event|on-error|on-up|on-down|on-login|on-logout|[a-z-]*-script|script)$/;
/** Arguments and words whose `{ … }` is a block run in place (`:if … do={…} else={…}`, `:do {…}`). */
const BLOCK_ARG = /^(do|else|on-error)$/;
/** Scripting commands whose bare `{ … }` argument is a block (`:onerror Err { … }`, `:retry { … } delay=1s`). */
const BLOCK_COMMANDS = new Set(['onerror', 'retry', 'do']);

export type { Argument, Nesting, Statement, Word } from './ast';
export {
  argValue,
  isClosed,
  isQuoted,
  tokenOf,
  tokensOf,
  valueEnd,
  valueStart,
  wordCount,
  wordOf,
  wordsOf,
} from './ast';

const PATH_WORD = /^[a-z0-9][a-z0-9-]*$/;

/** Splits `ip/dhcp-server/option` (at `start` in the file) into its words; undefined if one is no menu word. */
function pathWords(text: string, start: number): Word[] | undefined {
  const words: Word[] = [];
  let offset = start;
  for (const part of text.split('/')) {
    if (part && !PATH_WORD.test(part)) return undefined;
    if (part) words.push({ text: part, start: offset, end: offset + part.length });
    offset += part.length + 1;
  }
  return words;
}

interface Block {
  open: Token;
  /** Index of the first content token and of the closer (or the list's end) in the token list. */
  from: number;
  to: number;
  /** The statement token just before the opener, if any. */
  after?: Token;
}

interface Scan {
  out: Statement[];
  all: readonly Token[];
  nesting: Nesting;
}

/**
 * An exactly sized copy of a list built by `push` (which leaves room for 17): a script keeps its statements' lists,
 * a big export has thousands, and the garbage collector copies every kept byte.
 */
const exact = <T>(list: T[]): T[] => list.slice();

/** Index of the token closing the opener at `i` (the list's end when it never closes). */
function closer(tokens: readonly Token[], i: number): number {
  let depth = 0;
  for (let j = i; j < tokens.length; j++) {
    const t = tokens[j]!;
    if (t.kind === 'open') depth++;
    if (t.kind === 'close' && --depth === 0) return j;
  }
  return tokens.length;
}

/** Reads statements from tokens[from, to) with `menu` in effect; nested blocks and quoted scripts too. */
function scan(scanState: Scan, from: number, to: number, startMenu: string, statementsOnly = true): void {
  const { all } = scanState;
  let menu = startMenu;
  // The statement being read: its first `count` tokens (a list reused for every statement), from `all[first]` on;
  // `run`: they are one run of `all`, nothing skipped between them (no copy needed).
  const tokens: Token[] = [];
  let count = 0;
  let first = 0;
  let run = true;
  let blocks: Block[] = [];
  const finish = (): void => {
    const inner = blocks;
    if (blocks.length) blocks = [];
    if (!count) {
      for (const b of inner) nested(scanState, b, menu, menu, undefined);
      return;
    }
    const statement = statementOf(tokens, count, run ? first : -1, menu, scanState);
    count = 0;
    run = true;
    if (statement.pathOnly && !inner.length) {
      menu = statement.menu; // a menu line alone: the menu for the lines below
    }
    scanState.out.push(statement);
    for (let k = 0; k < statement.args.length; k++) {
      const a = statement.args[k]!;
      if (isQuoted(a) && isClosed(a) && SCRIPT_ARG.test(a.name)) quotedScript(scanState, a);
    }
    for (const b of inner) nested(scanState, b, statement.menu, menu, statement);
  };
  for (let i = from; i < to; i++) {
    const token = all[i]!;
    if (token.kind === 'open') {
      const j = Math.min(closer(all, i), to);
      blocks.push({ open: token, from: i + 1, to: j, ...(count ? { after: tokens[count - 1] } : {}) });
      i = j;
      continue;
    }
    if (token.kind === 'close') continue;
    if (!statementsOnly) continue;
    if (token.kind === 'newline' || token.kind === 'semicolon') finish();
    else if (token.kind !== 'comment') {
      if (!count) first = i;
      else if (i !== first + count) run = false;
      tokens[count++] = token;
    }
  }
  if (statementsOnly) finish();
  else for (const b of blocks) nested(scanState, b, menu, menu, undefined, true);
}

/** `do=` just before a block: the argument the block is the value of. */
const BLOCK_NAME = /^([a-z-]+)=$/;
const LEADING_COLON = /^:/;

/** The statements inside one `{ … }`, `[ … ]` or `( … )`, read against the menu RouterOS runs them in. */
function nested(
  state: Scan,
  b: Block,
  statementMenu: string,
  menu: string,
  owner: Statement | undefined,
  inExpression = false,
): void {
  const inner: Scan = { ...state, nesting: state.nesting === 'quoted' ? 'quoted' : 'block' };
  if (b.open.text === '[') return scan(inner, b.from, b.to, statementMenu);
  // `( … )` and `{ … }` inside an expression or an array: values, with `[ … ]` commands in them.
  if (b.open.text === '(' || inExpression) return scan(state, b.from, b.to, menu, false);
  const after = b.after;
  const name = after && after.end === b.open.start ? BLOCK_NAME.exec(after.text)?.[1] : undefined;
  // `/ip firewall filter { add … }` and `/{ … }`: straight-line lines in that menu.
  const menuBlock = owner?.pathOnly;
  if (menuBlock && owner) return scan(state, b.from, b.to, owner.menu);
  if (!after) return scan(inner, b.from, b.to, menu); // `{ … }` alone: a scope
  if (name && SCRIPT_ARG.test(name) && !BLOCK_ARG.test(name)) return scan(inner, b.from, b.to, '/');
  const command = owner && tokenOf(owner, 0)?.text.replace(LEADING_COLON, '');
  if (command === 'execute' && !name) return scan(inner, b.from, b.to, '/');
  // `:onerror Err { … }`, `:retry { … }`, `:do { … }` (also v6's `do {` without `=`).
  if (
    (name && BLOCK_ARG.test(name)) ||
    after.text === 'do' ||
    after.text === ':do' ||
    after.text === 'else' ||
    (!name && BLOCK_COMMANDS.has(command ?? ''))
  )
    return scan(inner, b.from, b.to, menu);
  // An array literal (`in={"a";"b"}`, `:local a {1;2}`): no statements, but `[ … ]` inside it are commands.
  scan(inner, b.from, b.to, menu, false);
}

/** The string token starting at `start`: a binary search, as the tokens are in order (an export may hold many scripts). */
function stringAt(tokens: readonly Token[], start: number): Token | undefined {
  let lo = 0;
  let hi = tokens.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (tokens[mid]!.start < start) lo = mid + 1;
    else hi = mid;
  }
  for (let i = lo; i < tokens.length && tokens[i]!.start === start; i++)
    if (tokens[i]!.kind === 'string') return tokens[i];
  return undefined;
}

/** A quoted script (`source="…"`): its text tokenized and mapped back to the file's offsets. */
function quotedScript(state: Scan, a: Argument): void {
  const token = stringAt(state.all, valueStart(a));
  if (!token) return;
  const { text, at } = unescape(token.text, token.start);
  const tokens = parseRouterOs(text).ast.tokens.map((t) => ({
    ...t,
    start: at[t.start]!,
    end: (at[t.end - 1] ?? at[t.start]!) + 1,
  }));
  scan({ out: state.out, all: tokens, nesting: 'quoted' }, 0, tokens.length, '/');
}

/** A statement's menu path and command, read from its first words (`i`: the first word after them). */
interface PathRead {
  path: readonly Word[];
  command?: Token;
  i: number;
}

/** A statement without a path (shared: nothing changes it). */
const NO_PATH: PathRead = Object.freeze({ path: Object.freeze([]), i: 0 });

/** Walks an absolute or relative menu path along the tree: a word the menu so far has as a command ends it. */
function readPath(words: readonly Token[], n: number, menu: string): PathRead {
  const first = words[0]!;
  const absolute = first.kind === 'word' && first.text.startsWith('/');
  const menuNode = activeTree().menus.get(menu);
  // A relative path starts with a sub-menu of the menu in effect (`option sets add …` in /ip dhcp-server).
  const relative =
    first.kind === 'word' &&
    !absolute &&
    (first.text.includes('/') ? PATH_WORD.test(first.text.split('/')[0]!) : menuNode?.children.has(first.text));
  if (!absolute && !relative) return NO_PATH; // most lines: `add …` in the menu in effect
  const path: Word[] = [];
  let i = 0;
  // Walk the tree along: a word the menu so far has as a command ends the path (`/tool fetch url=…`).
  let node = absolute ? activeTree().menus.get('/') : menuNode;
  let at = absolute ? '' : menu === '/' ? '' : menu;
  for (; i < n; i++) {
    const t = words[i]!;
    if (t.kind !== 'word' || t.text.includes('=')) break;
    if (i > 0 && COMMAND_WORDS.has(t.text)) break;
    const parts = pathWords(t.text, t.start);
    if (!parts || (i > 0 && !parts.length)) break;
    for (const part of parts) {
      if (node?.commands.has(part.text) && !node.children.has(part.text)) {
        return { path, command: { kind: 'word', text: part.text, start: part.start, end: part.end }, i: i + 1 };
      }
      path.push(part);
      at = `${at} ${part.text}`;
      node = activeTree().menus.get(`/${at.trim()}`);
    }
  }
  return { path, i };
}

/**
 * One statement: its menu path (absolute, slash-separated or relative), command and arguments. Its tokens are
 * `words[0, n)`, a list the caller reuses; `from`: where they start in the token list, -1 when they are not one run.
 */
function statementOf(words: readonly Token[], n: number, from: number, menu: string, state: Scan): Statement {
  const first = words[0]!;
  const absolute = first.kind === 'word' && first.text.startsWith('/');
  const read = readPath(words, n, menu);
  const path = read.path;
  let { i, command } = read;
  // The path's words that name the menu (all but a last one that turns out to be the command).
  let menuPath = path;
  // The words after the path: the command, or the leading plain words of a statement without one.
  let tail: Word[] | undefined = command && [command];
  // `add …` in the menu in effect: its words are the command alone, which the statement makes when asked.
  let alone = false;
  if (!command && i < n && words[i]!.kind === 'word' && COMMAND_WORDS.has(words[i]!.text)) {
    command = words[i++];
    if (path.length) tail = [command!];
    else alone = true;
  } else if (!command && path.length > 1 && COMMAND_WORDS.has(path[path.length - 1]!.text)) {
    // `/ip/dhcp-server/option/sets/add` outside what the tree covers: the path's last word is the command.
    const last = path[path.length - 1]!;
    command = { kind: 'word', text: last.text, start: last.start, end: last.end };
    menuPath = path.slice(0, -1);
  }
  if (!path.length && !command && first.kind === 'word' && !first.text.includes('='))
    tail = exact(trailingWords(words, n));
  tail ??= [];
  // Most lines of an export are `add …` in the menu in effect: their menu is that one, nothing to join.
  return {
    menu: path.length || absolute ? pathMenu(menu, menuPath, absolute) : menu,
    contextMenu: menu,
    from: Math.max(from, 0),
    count: n,
    list: from < 0 ? words.slice(0, n) : undefined,
    wordList: alone ? undefined : path.length ? path.concat(tail) : tail,
    args: argumentsOf(words, n, i, state.out[state.out.length - 1]?.args),
    pathOnly: (path.length > 0 || first.text === '/') && !command && i >= n,
    start: first.start,
    end: words[n - 1]!.end,
    nesting: state.nesting,
    all: state.all,
    // Both set here, if only to undefined: an object that gains properties later grows a second block of memory.
    command,
    resolution: undefined,
  };
}

/** The menu a path leads to: read from the root (`absolute`) or from the menu in effect. */
function pathMenu(menu: string, path: readonly Word[], absolute: boolean): string {
  return `/${[...(absolute ? [] : menuWords(menu)), ...path.map((w) => w.text)].join(' ')}`;
}

/** `/ip dhcp-server` → `ip`, `dhcp-server`. */
function menuWords(menu: string): string[] {
  return menu
    .split(' ')
    .map((p) => p.replace(/^\//, ''))
    .filter(Boolean);
}

const PLAIN_WORD = /^:?[a-z0-9][a-z0-9-]*$/;

/** The leading plain words of a statement that has no path (`print detail`, `put`, `:local`). */
function trailingWords(words: readonly Token[], n: number): Word[] {
  const out: Word[] = [];
  for (let i = 0; i < n; i++) {
    const t = words[i]!;
    if (t.kind !== 'word' || t.text.includes('=') || !PLAIN_WORD.test(t.text)) break;
    out.push(t);
  }
  return out;
}

const names = new Map<string, string>();

/**
 * One string per argument name: an export repeats a few names on thousands of lines, and keeping one copy
 * each spares the garbage collector (the map is bounded, names come from the user's text).
 */
function shared(name: string): string {
  const known = names.get(name);
  if (known !== undefined) return known;
  if (names.size < 4096) names.set(name, name);
  return name;
}

/**
 * The name in `key=…` (`eq`: where its `=` is), one string per name. An export repeats the arguments of the line
 * before in the same order: the name at the same place there (`before`) is tried first, without copying the text.
 */
function nameOf(key: string, eq: number, before: Argument | undefined): string {
  if (before && before.name.length === eq && key.startsWith(before.name)) return before.name;
  return shared(key.slice(0, eq));
}

/** The `name=value` arguments among `words` from `from` on (`before`: the arguments of the statement read before). */
function argumentsOf(
  words: readonly Token[],
  n: number,
  from: number,
  before: readonly Argument[] | undefined,
): Argument[] {
  // Room for one argument per word, cut to the count at the end (the list is kept: no spare room, no copy).
  const args = new Array<Argument>(Math.max(0, n - from));
  let count = 0;
  let scope = '';
  for (let j = from; j < n; j++) {
    const token = words[j]!;
    if (token.kind !== 'word') continue;
    const eq = token.text.indexOf('=');
    if (eq <= 0) continue;
    let name = nameOf(token.text, eq, before?.[count]);
    // v7 shorthand: `channel.frequency=… .skip-dfs-channels=…` names `channel.skip-dfs-channels`.
    if (name.includes('.')) {
      if (name.startsWith('.') && scope) name = scope + name;
      else scope = name.slice(0, name.lastIndexOf('.'));
    }
    const next = j + 1 < n ? words[j + 1] : undefined;
    // `name="…"`: the value is the string right after the `=`.
    if (eq === token.text.length - 1 && next && next.start === token.end && next.kind === 'string') {
      args[count++] = { name, key: token, holder: next };
      j++;
      continue;
    }
    args[count++] = { name, key: token, holder: token };
  }
  args.length = count;
  return args;
}

const every = new WeakMap<RouterOsScript, { tree: object; statements: Statement[] }>();

/**
 * Every statement of a script, in file order of their start: the menu in effect (a line like
 * `/ip dhcp-server option` sets it for the lines below), the command and its `name=value` arguments — also
 * those inside `{ … }` blocks, `[ … ]` commands and quoted scripts, each read against the menu it runs in.
 */
export function everyStatementOf(script: RouterOsScript): Statement[] {
  const tree = activeTree();
  const cached = every.get(script);
  if (cached?.tree === tree) return cached.statements;
  const out: Statement[] = [];
  scan({ out, all: script.tokens, nesting: 'top' }, 0, script.tokens.length, '/');
  out.sort((a, b) => a.start - b.start);
  every.set(script, { tree, statements: out });
  return out;
}

/** The statements the import runs in order: the file's lines and `/menu { … }` blocks (no script blocks). */
export function statementsOf(script: RouterOsScript): Statement[] {
  return everyStatementOf(script).filter((s) => s.nesting === 'top');
}
