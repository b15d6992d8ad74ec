import type { Parsed, Problem } from '../../core/problem';
import { report } from '../../core/rule';
import type { RouterOsScript, Token } from './ast';
import { unbalancedBracket } from './rules/unbalancedBracket';
import { unterminatedString } from './rules/unterminatedString';

const CLOSER: Record<string, string> = { '[': ']', '{': '}', '(': ')' };

/** Characters that end a word: blanks, newline, `"`, brackets, `;` (a table by char code: this runs per character). */
const WORD_END = new Uint8Array(128);
for (const code of [32, 9, 10, 13, 12, 11, 34, 91, 93, 123, 125, 40, 41, 59]) WORD_END[code] = 1;

function endsWord(text: string, i: number): boolean {
  const code = text.charCodeAt(i);
  if (code < 128 && WORD_END[code]) return true;
  // 92 = backslash: a continuation also ends the word.
  return (
    code === 92 && (text.charCodeAt(i + 1) === 10 || (text.charCodeAt(i + 1) === 13 && text.charCodeAt(i + 2) === 10))
  );
}

/** End offset of a string starting at `start` (the opening quote), or -1 when it never closes. */
function stringEnd(text: string, start: number): number {
  for (let i = start + 1; i < text.length; i++) {
    const code = text.charCodeAt(i);
    // 92 = backslash: it escapes the next character; 34 = the closing quote.
    if (code === 92) i++;
    else if (code === 34) return i + 1;
  }
  return -1;
}

function commandStart(tokens: readonly Token[]): boolean {
  const last = tokens[tokens.length - 1];
  return last !== undefined && (last.kind === 'semicolon' || (last.kind === 'open' && last.text === '{'));
}

/** A string that looks like the code between two strings: it ends in `name=` (the next value's quote closed it). */
const inverted = (t: Token): boolean => /=$/.test(t.text.slice(1, -1));

const SWALLOWED = /\n[ \t]*(?:(?:add|set|remove) [a-z-]+=|\/[a-z]+[ /][a-z]|:(?:local|global|if|foreach|put|log) )/;

/**
 * The file ends inside a string. When a stray or missing `"` earlier made every later pair of quotes enclose
 * the code between strings (each such "string" ends in `name=`), the mistake is where that run starts.
 */
function unterminated(text: string, tokens: readonly Token[], at: number): Problem {
  const strings = tokens.filter((t) => t.kind === 'string');
  let first: Token | undefined;
  for (let k = strings.length - 1; k >= 0 && inverted(strings[k]!); k--) first = strings[k];
  // Else the first string that swallows a command line (`"defconf` + newline + `    add address=…`).
  if (!first?.text.includes('\n')) first = strings.find((t) => SWALLOWED.test(t.text));
  if (first) {
    const line = text.slice(0, at).split('\n').length;
    return report(
      unterminatedString,
      { start: first.start, end: first.start + 1 },
      'This `"` starts a string that swallows the code up to the next `"`: from here on the quotes pair up wrong ' +
        `(a stray or a missing \`"\`), the \`"\` on line ${line} is left open, and RouterOS rejects the script.`,
      { related: [{ start: at, end: at + 1, message: 'the quote left open' }] },
    );
  }
  return report(
    unterminatedString,
    { start: at, end: at + 1 },
    'This string is never closed: RouterOS rejects the script from here on. Add the closing `"`.',
  );
}

/** A tokenizer's state: the tokens so far, the problems, the open brackets, where it is, recent words. */
interface Scanner {
  text: string;
  tokens: Token[];
  problems: Problem[];
  stack: Token[];
  lineStart: boolean;
  i: number;
  /** Words read, by a hash of their characters (see `wordText`). */
  recent: (string | undefined)[];
}

/** How many recent words the tokenizer remembers (a power of two). */
const RECENT_WORDS = 256;

/**
 * Tokenizes a RouterOS script and checks that quotes and brackets balance. Never throws and never stops
 * at the first error: an unmatched closer is reported and skipped, every unclosed opener is reported.
 */
export function parseRouterOs(text: string): Parsed<RouterOsScript> {
  const recent = new Array<string | undefined>(RECENT_WORDS);
  const s: Scanner = { text, tokens: [], problems: [], stack: [], lineStart: true, i: 0, recent };
  while (s.i < text.length) {
    if (!step(s)) break;
  }
  for (const open of s.stack) {
    s.problems.push(
      report(
        unbalancedBracket,
        open,
        `\`${open.text}\` is never closed: add \`${CLOSER[open.text]}\` where the ${open.text === '[' ? 'command' : 'block'} ends.`,
      ),
    );
  }
  return { ast: { tokens: s.tokens }, problems: s.problems };
}

/** Reads one token (or skips a blank or a continuation); false when the text ends inside a string. */
function step(s: Scanner): boolean {
  const { text, tokens } = s;
  const i = s.i;
  const ch = text[i] as string;
  if (ch === '\n') {
    tokens.push({ kind: 'newline', text: ch, start: i, end: i + 1 });
    s.lineStart = true;
    s.i++;
    return true;
  }
  // Blanks: also vertical tab and form feed, which end words too (the fuzz campaign found a script of
  // them that never advanced and filled the memory with empty words).
  if (ch === ' ' || ch === '\t' || ch === '\r' || ch === '\v' || ch === '\f') {
    s.i++;
    return true;
  }
  if (ch === '\\' && (text[i + 1] === '\n' || (text[i + 1] === '\r' && text[i + 2] === '\n'))) {
    s.i += text[i + 1] === '\n' ? 2 : 3;
    return true;
  }
  // `#` starts a comment where a command may start: at a line's start, after `;` or a block's `{`.
  if (ch === '#' && (s.lineStart || commandStart(tokens))) {
    let end = text.indexOf('\n', i);
    if (end < 0) end = text.length;
    tokens.push({ kind: 'comment', text: text.slice(i, end), start: i, end });
    s.i = end;
    return true;
  }
  s.lineStart = false;
  if (ch === '"') return readString(s);
  if (ch === '[' || ch === '{' || ch === '(') {
    const token: Token = { kind: 'open', text: ch, start: i, end: i + 1 };
    tokens.push(token);
    s.stack.push(token);
  } else if (ch === ']' || ch === '}' || ch === ')') closeBracket(s, ch);
  else if (ch === ';') tokens.push({ kind: 'semicolon', text: ch, start: i, end: i + 1 });
  else return readWord(s);
  s.i++;
  return true;
}

function readString(s: Scanner): boolean {
  const end = stringEnd(s.text, s.i);
  if (end < 0) {
    s.problems.push(unterminated(s.text, s.tokens, s.i));
    s.tokens.push({ kind: 'string', text: s.text.slice(s.i), start: s.i, end: s.text.length });
    return false;
  }
  s.tokens.push({ kind: 'string', text: s.text.slice(s.i, end), start: s.i, end });
  s.i = end;
  return true;
}

function closeBracket(s: Scanner, ch: string): void {
  const i = s.i;
  const token: Token = { kind: 'close', text: ch, start: i, end: i + 1 };
  const open = s.stack[s.stack.length - 1];
  if (open && CLOSER[open.text] === ch) {
    s.stack.pop();
    s.tokens.push(token);
    return;
  }
  s.problems.push(
    report(
      unbalancedBracket,
      { start: i, end: i + 1 },
      open
        ? `\`${ch}\` does not match the \`${open.text}\` opened earlier: close it with \`${CLOSER[open.text]}\` first.`
        : `\`${ch}\` closes nothing: remove it or add the matching opener.`,
      open ? { related: [{ start: open.start, end: open.end, message: 'the bracket still open here' }] } : undefined,
    ),
  );
}

function readWord(s: Scanner): boolean {
  const { text } = s;
  const start = s.i;
  let end = start;
  let hash = 0;
  // A word ends at blanks, brackets, quotes, `;`, or a backslash-newline continuation.
  while (end < text.length && !endsWord(text, end)) hash = (hash * 31 + text.charCodeAt(end++)) | 0;
  // Never an empty word: whatever ends a word here is taken as one character, so the loop always moves on.
  if (end === start) end++;
  s.tokens.push({ kind: 'word', text: wordText(s, start, end, hash), start, end });
  s.i = end;
  return true;
}

/**
 * The text of the word at [start, end) (`hash`: of its characters). An export writes `add`, `comment=`,
 * `disabled=no` … on thousands of lines: the same word shares one string, and the script keeps fewer (the garbage
 * collector copies every one it keeps).
 */
function wordText(s: Scanner, start: number, end: number, hash: number): string {
  const slot = hash & (RECENT_WORDS - 1);
  const known = s.recent[slot];
  if (known !== undefined && known.length === end - start && s.text.startsWith(known, start)) return known;
  return (s.recent[slot] = s.text.slice(start, end));
}
