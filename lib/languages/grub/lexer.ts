/**
 * GRUB script tokens, as grub-core/script/yylex.l splits them: words (quotes, escapes, `$var`), newlines,
 * `;`, `{` and `}` (always tokens of their own outside quotes), the operators GRUB reserves and never
 * accepts (`|`, `&`, `||`, `&&`, `;;`, `<`, `>`), comments from a `#` that starts a word. One pass, never throws.
 */
import type { Problem } from '../../core/problem';
import { report } from '../../core/rule';
import type { Span, VarRef, Word } from './ast';
import { syntaxError } from './rules/syntaxError';
import { unterminatedQuote } from './rules/unterminatedQuote';

export type Token =
  | { kind: 'word'; word: Word; start: number; end: number }
  | { kind: 'newline' | 'semi' | 'lbrace' | 'rbrace'; start: number; end: number }
  | { kind: 'op'; text: string; start: number; end: number };

export interface Lexed {
  tokens: Token[];
  comments: Span[];
  problems: Problem[];
  /** Where an unclosed quote starts to shift the strings after it (problems past it are its consequences). */
  cascadeFrom: number;
}

const NAME = /[A-Za-z_][A-Za-z0-9_]*/y;
const DIGITS = /[0-9]+/y;
const SPECIAL = /[?#*@]/y;
/** Where a word stops (outside quotes). */
const BREAK = new Set([' ', '\t', '\r', '\n', ';', '|', '&', '<', '>', '{', '}']);
/** Characters that end a plain run inside a word. */
const SPECIAL_IN_WORD = new Set([...BREAK, "'", '"', '$', '\\', '<']);
const BLANK = new Set([' ', '\t', '\r', '\f', '\v']);
/** Template markers of the tools that render grub.cfg files (Jinja, Go templates, Tempita, ERB). */
const TEMPLATE_OPEN: [string, string][] = [
  ['{{', '}}'],
  ['{%', '%}'],
  ['{#', '#}'],
  ['<%', '%>'],
];
/** A template marker longer than this is not taken as one (a stray `{{`). */
const TEMPLATE_MAX = 4000;

/** The end of the template marker opening at `i`, or -1. */
function templateEnd(text: string, i: number): number {
  const c = text[i];
  if (c !== '{' && c !== '<') return -1;
  for (const [open, close] of TEMPLATE_OPEN) {
    if (!text.startsWith(open, i)) continue;
    const at = text.indexOf(close, i + open.length);
    if (at >= 0 && at - i < TEMPLATE_MAX) return at + close.length;
  }
  return -1;
}

/** `$name`, `${name}`, `$1`, `$?` … at `i` (the `$`): the name and where the reference ends, or undefined. */
export function variableAt(text: string, i: number): { name: string; end: number } | undefined {
  const braced = text[i + 1] === '{';
  const from = braced ? i + 2 : i + 1;
  for (const re of [NAME, DIGITS, SPECIAL]) {
    re.lastIndex = from;
    const m = re.exec(text);
    if (!m) continue;
    const end = from + m[0].length;
    if (!braced) return { name: m[0], end };
    if (text[end] === '}') return { name: m[0], end: end + 1 };
  }
  return undefined;
}

class WordBuilder {
  value = '';
  quoted = false;
  template = false;
  vars: VarRef[] = [];
}

class Lexer {
  readonly tokens: Token[] = [];
  readonly comments: Span[] = [];
  readonly problems: Problem[] = [];
  cascadeFrom = Infinity;
  private i = 0;
  private readonly n: number;

  constructor(private readonly text: string) {
    this.n = text.length;
  }

  run(): Lexed {
    const { text } = this;
    while (this.i < this.n) {
      const i = this.i;
      const c = text[i] as string;
      if (BLANK.has(c)) this.i++;
      else if (c === '\\' && (text[i + 1] === '\n' || (text[i + 1] === '\r' && text[i + 2] === '\n')))
        this.i += text[i + 1] === '\n' ? 2 : 3; // a line continuation between words
      else if (c === '#') this.comment();
      else if (c === '\n') this.push('newline', 1);
      else if (c === ';' && text[i + 1] !== ';') this.push('semi', 1);
      else if (templateEnd(text, i) > 0) this.word();
      else if (c === '{') this.push('lbrace', 1);
      else if (c === '}') this.push('rbrace', 1);
      else if (c === ';' || c === '|' || c === '&' || c === '<' || c === '>') this.operator();
      else this.word();
    }
    const { tokens, comments, problems, cascadeFrom } = this;
    return { tokens, comments, problems, cascadeFrom };
  }

  private push(kind: 'newline' | 'semi' | 'lbrace' | 'rbrace', length: number): void {
    this.tokens.push({ kind, start: this.i, end: this.i + length });
    this.i += length;
  }

  private comment(): void {
    let end = this.text.indexOf('\n', this.i);
    if (end < 0) end = this.n;
    this.comments.push({ start: this.i, end });
    this.i = end;
  }

  private operator(): void {
    const two = this.text.slice(this.i, this.i + 2);
    const op = two === ';;' || two === '||' || two === '&&' ? two : (this.text[this.i] as string);
    this.tokens.push({ kind: 'op', text: op, start: this.i, end: this.i + op.length });
    this.i += op.length;
  }

  private badDollar(at: number, inQuotes: boolean): void {
    this.problems.push(
      report(
        syntaxError,
        { start: at, end: at + 1 },
        `GRUB reads \`$\` only as the start of a variable (\`$name\`, \`\${name}\`, \`$1\`, \`$?\`): this is a ` +
          `syntax error${inQuotes ? ' even inside double quotes' : ''}. Write \`\\$\` for a literal dollar sign` +
          `${inQuotes ? '' : ", or quote it with '…'"}.`,
      ),
    );
  }

  /**
   * A quote GRUB never sees closed. Quotes pair across lines, so a quote missing earlier shifts every string
   * after it: the finding goes to the first line that leaves a quote of that kind open, and what follows it
   * (syntax errors of the shifted strings) is left out.
   */
  private unterminated(at: number, quote: string): void {
    const first = firstOpenQuote(this.text, quote);
    const start = first !== undefined && first < at ? first : at;
    this.cascadeFrom = start;
    const shifted = start < at ? ' (GRUB pairs quotes across lines, so every string after it is shifted)' : '';
    this.problems.push(
      report(
        unterminatedQuote,
        { start, end: start + 1 },
        `This \`${quote}\` never closes${shifted}: GRUB reads on to the end of the file for it and stops with a ` +
          `syntax error. Add the closing \`${quote}\`.`,
        start < at
          ? { related: [{ start: at, end: at + 1, message: 'GRUB reaches the end of the file in this string' }] }
          : undefined,
      ),
    );
  }

  /** A `$name` at `j`: recorded in the word; returns where it ends (past a bad `$`, which is reported). */
  private dollar(w: WordBuilder, j: number, inQuotes: boolean): number {
    const v = variableAt(this.text, j);
    if (!v) {
      this.badDollar(j, inQuotes);
      w.value += '$';
      return j + 1;
    }
    w.vars.push({ name: v.name, start: j, end: v.end });
    w.value += this.text.slice(j, v.end);
    return v.end;
  }

  /** A `"…"` string from the quote at `quote`; returns where it ends. */
  private doubleQuoted(w: WordBuilder, quote: number): number {
    const { text, n } = this;
    let j = quote + 1;
    while (j < n) {
      const c = text[j] as string;
      if (c === '"') return j + 1;
      const t = templateEnd(text, j);
      if (c === '\\' && j + 1 < n) {
        const next = text[j + 1] as string;
        if (next !== '\n') w.value += next === '$' || next === '\\' || next === '"' ? next : c + next;
        j += 2;
      } else if (c === '$') j = this.dollar(w, j, true);
      else if (t > 0) {
        w.template = true;
        w.value += text.slice(j, t);
        j = t;
      } else {
        w.value += c;
        j++;
      }
    }
    this.unterminated(quote, '"');
    return n;
  }

  /** A `'…'` string from the quote at `i`; returns where it ends. */
  private singleQuoted(w: WordBuilder, i: number): number {
    const close = this.text.indexOf("'", i + 1);
    const inner = this.text.slice(i + 1, close < 0 ? this.n : close);
    if (/\{\{|\{%|<%/.test(inner)) w.template = true;
    w.value += inner;
    if (close >= 0) return close + 1;
    this.unterminated(i, "'");
    return this.n;
  }

  /** A backslash escape at `i` (a backslash and newline join the lines); returns where it ends. */
  private escape(w: WordBuilder, i: number): number {
    const { text } = this;
    if (i + 1 >= this.n) return i + 1;
    if (text[i + 1] === '\n') return i + 2;
    if (text[i + 1] === '\r' && text[i + 2] === '\n') return i + 3;
    w.value += text[i + 1] as string;
    w.quoted = true;
    return i + 2;
  }

  private word(): void {
    const { text, n } = this;
    const start = this.i;
    const w = new WordBuilder();
    let i = start;
    while (i < n) {
      const c = text[i] as string;
      const t = templateEnd(text, i);
      if (t > 0) {
        w.template = true;
        w.value += text.slice(i, t);
        i = t;
      } else if (BREAK.has(c)) break;
      else if (c === "'") {
        w.quoted = true;
        i = this.singleQuoted(w, i);
      } else if (c === '"' || (c === '$' && text[i + 1] === '"')) {
        w.quoted = true;
        i = this.doubleQuoted(w, c === '"' ? i : i + 1);
      } else if (c === '$') i = this.dollar(w, i, false);
      else if (c === '\\') i = this.escape(w, i);
      else {
        // A run of plain characters is copied at once.
        let j = i + 1;
        while (j < n && !SPECIAL_IN_WORD.has(text[j] as string)) j++;
        w.value += text.slice(i, j);
        i = j;
      }
    }
    this.i = i;
    const { value, quoted, vars, template } = w;
    const word: Word = { text: text.slice(start, i), value, start, end: i, quoted, vars, template };
    this.tokens.push({ kind: 'word', word, start, end: i });
  }
}

/** Splits a GRUB script into tokens. Never throws. */
export function lex(text: string): Lexed {
  return new Lexer(text).run();
}

/** The first quote of this kind that a line leaves open (outside comments and the other kind of quotes). */
function firstOpenQuote(text: string, kind: string): number | undefined {
  let lineStart = 0;
  while (lineStart <= text.length) {
    let end = text.indexOf('\n', lineStart);
    if (end < 0) end = text.length;
    let open: { kind: string; at: number } | undefined;
    let wordStart = true;
    for (let i = lineStart; i < end; i++) {
      const c = text[i] as string;
      if (!open) {
        if (c === '#' && wordStart) break;
        if (c === '\\') i++;
        else if (c === '"' || c === "'") open = { kind: c, at: i };
        wordStart = c === ' ' || c === '\t' || c === ';';
      } else if (open.kind === '"' && c === '\\') i++;
      else if (c === open.kind) open = undefined;
    }
    if (open?.kind === kind) return open.at;
    // A string open at the line end may close on a later line: the first open one is the likeliest culprit.
    if (open) return undefined;
    lineStart = end + 1;
  }
  return undefined;
}
