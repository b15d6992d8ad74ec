import type { Parsed } from '../../core/problem';
import type { Command, IpxeScript, Label, Line, Separator, Word } from './ast';

/** Length of a backslash-newline continuation at `i`, or 0. */
function continuationAt(text: string, i: number): number {
  if (text.charCodeAt(i) !== 92 /* \ */) return 0;
  const next = text.charCodeAt(i + 1);
  if (next === 10) return 2;
  if (next === 13 && text.charCodeAt(i + 2) === 10) return 3;
  return 0;
}

/** True for a blank (space, tab, CR), a newline, or past the end of the text (`charCodeAt` gives NaN there). */
function endsWord(code: number): boolean {
  return code === 32 || code === 9 || code === 13 || code === 10 || Number.isNaN(code);
}

/** The newline that ends the logical line `i` is in (continuations joined), or the end of the text. */
function logicalLineEnd(text: string, i: number): number {
  while (i < text.length && text.charCodeAt(i) !== 10) i += continuationAt(text, i) || 1;
  return i;
}

/** The separator a word is (`||`, `&&`, `;`), read from its text. */
function separatorOf(word: string): Separator | undefined {
  return word === '||' || word === '&&' || word === ';' ? word : undefined;
}

/**
 * The last short word seen by length and first character (ASCII): scripts repeat their words (command names,
 * separators, `goto` targets, options), and reusing the string saves an allocation per word. Bounded: 4,096 entries.
 */
const recent: (string | undefined)[] = new Array<string | undefined>(32 * 128);

/** `text.slice(start, end)`, or the same string seen before. */
function interned(text: string, start: number, end: number): string {
  const length = end - start;
  const first = text.charCodeAt(start);
  if (length >= 32 || first >= 128) return text.slice(start, end);
  const key = length * 128 + first;
  const known = recent[key];
  if (known !== undefined && isAt(text, start, known)) return known;
  return (recent[key] = text.slice(start, end));
}

/**
 * True when `word` is at `start` in `text`. Compared from its end: words alike in length and first letter
 * (`initrd-1`, `initrd-2`) differ there. (A loop: `startsWith` with a position is a slow builtin call here.)
 */
function isAt(text: string, start: number, word: string): boolean {
  for (let i = word.length - 1; i >= 0; i--) if (text.charCodeAt(start + i) !== word.charCodeAt(i)) return false;
  return true;
}

/**
 * Builds one logical line's commands from its words as they are read: the first word may be a label, a
 * separator ends a command. One instance serves the whole parse; words and commands gather in scratch arrays
 * and are copied out at their exact size (an array grown by `push` from empty reserves 16 slots).
 */
class LineBuilder {
  label: Label | undefined;
  strayOperators: Word[] | undefined;
  comment: Word | undefined;
  // Scratch arrays with their own counts: `length = 0` would drop their backing store.
  private readonly commands: Command[] = [];
  private commandCount = 0;
  private readonly args: Word[] = [];
  private argCount = 0;
  private name: Word | undefined;
  private previous: Separator | undefined;
  private first = true;
  /** A word of the command being built has a `${`. */
  private expands = false;

  constructor(
    private readonly text: string,
    private readonly expanding: Command[],
  ) {}

  start(): void {
    this.label = undefined;
    this.strayOperators = undefined;
    this.comment = undefined;
    this.commandCount = 0;
    this.name = undefined;
    this.previous = undefined;
    this.first = true;
  }

  /**
   * A word over `start..end`; `joined` when a continuation runs through it (its text drops the backslash-newline),
   * `expands` when it has a `${`.
   */
  word(start: number, end: number, joined: boolean, expands: boolean): void {
    const text = joined ? this.text.slice(start, end).replace(/\\\r?\n/g, '') : interned(this.text, start, end);
    if (this.first) {
      this.first = false;
      if (text.charCodeAt(0) === 58 /* : */) {
        this.label = { name: text.slice(1), start: start + 1, end };
        return;
      }
    }
    const separator = separatorOf(text);
    if (separator) {
      if (!this.name && separator !== ';') (this.strayOperators ??= []).push({ text: separator, start, end });
      this.flush(separator);
      this.previous = separator;
      return;
    }
    const word: Word = { text, start, end };
    if (this.name) this.args[this.argCount++] = word;
    else this.name = word;
    this.expands ||= expands;
  }

  flush(next?: Separator): void {
    const name = this.name;
    if (!name) return;
    const args = this.args.slice(0, this.argCount);
    this.argCount = 0;
    const last = args.length ? (args[args.length - 1] as Word) : name;
    // Every command has the same fields (the separators may be undefined): one shape for the rules to read.
    const command: Command = { name, args, start: name.start, end: last.end, next, previous: this.previous };
    this.commands[this.commandCount++] = command;
    if (this.expands) this.expanding.push(command);
    this.name = undefined;
    this.expands = false;
  }

  /** The line's commands (the last one flushed). */
  done(): Command[] {
    this.flush();
    return this.commands.slice(0, this.commandCount);
  }
}

/**
 * Reads the words of the logical line at `i` into `builder`, and its comment; returns where the line stops (its
 * newline, or the end of the text).
 */
function readLine(text: string, i: number, builder: LineBuilder): number {
  let continuation: number;
  for (let code = text.charCodeAt(i); ;) {
    // Blanks and continuations between words.
    for (; ; code = text.charCodeAt(i)) {
      if (code === 32 || code === 9 || code === 13) i++;
      else if (code === 92 && (continuation = continuationAt(text, i))) i += continuation;
      else break;
    }
    if (i >= text.length || code === 10) return i;
    if (code === 35 /* # */) {
      // A comment starts only at the beginning of a word and runs to the end of the logical line.
      const start = i;
      i = logicalLineEnd(text, i);
      const end = text.charCodeAt(i - 1) === 13 ? i - 1 : i;
      builder.comment = { text: text.slice(start, end), start, end };
      return i;
    }
    // A word, to a blank or the line's end; a continuation inside it joins the next physical line.
    const start = i;
    let end = i;
    let joined = false;
    let expands = false;
    for (; !endsWord(code); code = text.charCodeAt(i)) {
      if (code === 92 && (continuation = continuationAt(text, i))) {
        joined = true;
        i += continuation;
      } else {
        // 36 = '$', 123 = '{': an expansion (offsets into the raw text, as `settingRefs` reads them).
        if (code === 36 && text.charCodeAt(i + 1) === 123) expands = true;
        end = ++i;
      }
    }
    builder.word(start, end, joined, expands);
  }
}

/**
 * Parses an iPXE script. Never throws; the grammar has no syntax errors iPXE itself would reject.
 * Words split the way iPXE does: on blanks only, no quotes, no escapes; a backslash before a newline joins
 * the next physical line. One pass over the text, words going straight into their commands.
 */
export function parseIpxe(text: string): Parsed<IpxeScript> {
  const script: IpxeScript = { lines: [], labels: [], expanding: [] };
  let offset = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const magic = /#!(?:ipxe|gpxe)(?=\s|$)/y;
  magic.lastIndex = offset;
  if (magic.test(text))
    script.header = { text: text.slice(offset, magic.lastIndex), start: offset, end: magic.lastIndex };

  const length = text.length;
  const builder = new LineBuilder(text, script.expanding);
  let first = true;
  while (offset <= length) {
    builder.start();
    const i = readLine(text, offset, builder);
    const end = Math.max(text.charCodeAt(i - 1) === 13 ? i - 1 : i, offset);
    const { label, strayOperators } = builder;
    // Every line has the same fields, set or undefined: one shape for the rules to read.
    const line: Line = {
      start: offset,
      end,
      label,
      commands: builder.done(),
      comment: first && script.header ? undefined : builder.comment,
      strayOperators,
    };
    if (label) script.labels.push(label);
    script.lines.push(line);
    first = false;
    if (i + 1 > length) break;
    offset = i + 1;
  }
  return { ast: script, problems: [] };
}
