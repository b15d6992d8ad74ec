/** RouterOS script tokens, statements and arguments. Offsets point into the original text. */

export type TokenKind = 'word' | 'string' | 'comment' | 'open' | 'close' | 'newline' | 'semicolon';

export interface Token {
  kind: TokenKind;
  text: string;
  start: number;
  end: number;
}

export interface RouterOsScript {
  tokens: Token[];
}

/** A menu or command word; a word of a `/ip/dhcp-server` path is a slice of its token. */
export interface Word {
  text: string;
  start: number;
  end: number;
}

/**
 * Where a statement sits: `top` — run in order by the import (the file's lines and `/menu { … }` blocks);
 * `block` — inside a `{ … }` script block or a `[ … ]` command, run when (and if) the code around it runs;
 * `quoted` — inside a quoted script (`source="…"`, `on-event="…"`), checked only when that script runs.
 */
export type Nesting = 'top' | 'block' | 'quoted';

/**
 * A `name=value` argument: its name and two tokens. The rest is worked out when asked (`argValue`, `valueStart`, …):
 * a big export has tens of thousands of arguments, each kept field is memory the collector walks, and a value read
 * once by a rule can die young.
 */
export interface Argument {
  /** The name RouterOS reads (`.skip-dfs-channels=` after `channel.frequency=` is `channel.skip-dfs-channels`). */
  name: string;
  /** The `name=` word. */
  key: Token;
  /** The token that holds the value: `key` itself (`name=value`), or the string right after it (`name="…"`). */
  holder: Token;
}

const ESCAPES: Record<string, string> = { n: '\n', r: '\r', t: '\t', a: '\x07', b: '\b', f: '\f', v: '\v', _: ' ' };

const HEX_PAIR = /^[0-9A-Fa-f]{2}$/;
/** A backslash-newline continuation and the indent after it (sticky: matched where the backslash is). */
const CONTINUATION = /\r?\n[ \t]*/y;

/** Where a quoted value's characters end: before the closing quote, if it has one. */
const quotedEnd = (text: string): number => (text.endsWith('"') && text.length > 1 ? text.length - 1 : text.length);

/** A quoted value as RouterOS reads it, with the offset in the file of every character. */
export function unescape(text: string, start: number): { text: string; at: number[] } {
  const out: string[] = [];
  const at: number[] = [];
  const end = quotedEnd(text);
  const map = ESCAPES;
  for (let i = 1; i < end; i++) {
    const ch = text[i]!;
    if (ch !== '\\' || i + 1 >= end) {
      out.push(ch);
      at.push(start + i);
      continue;
    }
    const next = text[i + 1]!;
    const hex = HEX_PAIR.test(text.slice(i + 1, i + 3)) ? text.slice(i + 1, i + 3) : undefined;
    CONTINUATION.lastIndex = i + 1;
    const newline = CONTINUATION.exec(text);
    if (newline) i += newline[0].length;
    else if (hex) {
      out.push(String.fromCharCode(Number.parseInt(hex, 16)));
      at.push(start + i);
      i += 2;
    } else {
      out.push(map[next] ?? next);
      at.push(start + i);
      i++;
    }
  }
  at.push(start + end);
  return { text: out.join(''), at };
}

function unquote(text: string): string {
  // Most values have no backslash: then RouterOS reads the text between the quotes as it is.
  return text.includes('\\') ? unescape(text, 0).text : text.slice(1, quotedEnd(text));
}

/** An argument's value as RouterOS reads it (quotes and escapes removed): a new string on each call. */
export function argValue(a: Argument): string {
  const { holder } = a;
  return holder === a.key ? holder.text.slice(holder.text.indexOf('=') + 1) : unquote(holder.text);
}

/** True when the value is not empty (without making it: most values are not, and a quoted one must be read). */
export function hasValue(a: Argument): boolean {
  return a.holder === a.key ? a.holder.end > valueStart(a) : argValue(a) !== '';
}

/** Where an argument's value starts (for a quoted value, its opening quote). */
export function valueStart(a: Argument): number {
  const { holder } = a;
  return holder === a.key ? holder.start + holder.text.indexOf('=') + 1 : holder.start;
}

/** Where an argument's value ends (for a quoted value, after its closing quote). */
export const valueEnd = (a: Argument): number => a.holder.end;

export const isQuoted = (a: Argument): boolean => a.holder !== a.key;

/** False for a quoted value whose closing quote is missing (the tokenizer reports that). */
export function isClosed(a: Argument): boolean {
  const { text } = a.holder;
  return a.holder === a.key || (text.length > 1 && text.endsWith('"') && !text.endsWith('\\"'));
}

/**
 * One statement. Its tokens are usually a run of the token list it belongs to (nothing between them: no bracket, no
 * comment), as on nearly every line of an export: then it keeps where the run starts and how long it is, and
 * `tokensOf` makes the list for a caller that asks. Its words are usually its command alone, made on demand too.
 * (Plain objects, not a class with getters: V8 places long-lived object literals straight in the old generation,
 * and a big export's statements live as long as the lint.)
 */
export interface Statement {
  /** Menu path in effect, e.g. `/ip dhcp-server option`. */
  menu: string;
  /** The menu in effect before this statement (what a relative or command-only line is read against). */
  contextMenu: string;
  /** Where the statement's top-level tokens (bracket contents left out) start in `all`, and how many there are. */
  from: number;
  count: number;
  /** Those tokens as a list: set when they are not one run of `all`, else made by `tokensOf` when asked. */
  list: Token[] | undefined;
  /** The menu path and command words (`/ip/dhcp-server/option/sets/add` is five); undefined: the command alone. */
  wordList: Word[] | undefined;
  command?: Token;
  args: Argument[];
  /** A menu path and nothing else (`/ip dhcp-server option`): it moves to that menu. */
  pathOnly: boolean;
  start: number;
  end: number;
  nesting: Nesting;
  /** The token list the statement's tokens belong to (the script's, or a quoted script's). */
  all: readonly Token[];
  /** Where the command tree placed this statement (filled in lazily by the tree rules, per tree). */
  resolution?: { tree: object; result: unknown };
}

/** A statement's top-level tokens (bracket contents left out), as a list made on the first ask. */
export function tokensOf(s: Statement): Token[] {
  return (s.list ??= s.all.slice(s.from, s.from + s.count));
}

/** A statement's token at `i`, without making the list. */
export function tokenOf(s: Statement, i: number): Token | undefined {
  if (s.list) return s.list[i];
  return i >= 0 && i < s.count ? s.all[s.from + i] : undefined;
}

/** A statement's menu path and command words (`/ip/dhcp-server/option/sets/add` is five words). */
export function wordsOf(s: Statement): Word[] {
  return (s.wordList ??= [s.command!]);
}

export function wordCount(s: Statement): number {
  return s.wordList ? s.wordList.length : 1;
}

/** A statement's word at `i`, without making the list. */
export function wordOf(s: Statement, i: number): Word | undefined {
  return s.wordList ? s.wordList[i] : i === 0 ? s.command : undefined;
}
