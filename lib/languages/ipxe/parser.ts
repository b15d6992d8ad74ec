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
  if (known !== undefined && text.startsWith(known, start)) return known;
  return (recent[key] = text.slice(start, end));
}

/**
 * Builds one logical line's commands from its words as they are read: the first word may be a label, a
 * separator ends a command. One instance serves the whole parse; words and commands gather in scratch arrays
 * and are copied out at their exact size (an array grown by `push` from empty reserves 16 slots).
 */
class LineBuilder {
  label: Label | undefined;
  strayOperators: Word[] | undefined;
  // Scratch arrays with their own counts: `length = 0` would drop their backing store.
  private readonly commands: Command[] = [];
  private commandCount = 0;
  private readonly args: Word[] = [];
  private argCount = 0;
  private name: Word | undefined;
  private previous: Separator | undefined;
  private first = true;

  constructor(private readonly text: string) {}

  start(): void {
    this.label = undefined;
    this.strayOperators = undefined;
    this.commandCount = 0;
    this.name = undefined;
    this.previous = undefined;
    this.first = true;
  }

  /** A word over `start..end`; `joined` when a continuation runs through it (its text drops the backslash-newline). */
  word(start: number, end: number, joined: boolean): void {
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
  }

  flush(next?: Separator): void {
    const name = this.name;
    if (!name) return;
    const args = this.args.slice(0, this.argCount);
    this.argCount = 0;
    const last = args.length ? (args[args.length - 1] as Word) : name;
    const command: Command = { name, args, start: name.start, end: last.end, previous: this.previous };
    if (next) command.next = next;
    this.commands[this.commandCount++] = command;
    this.name = undefined;
  }

  /** The line's commands (the last one flushed). */
  done(): Command[] {
    this.flush();
    return this.commands.slice(0, this.commandCount);
  }
}

/**
 * Parses an iPXE script. Never throws; the grammar has no syntax errors iPXE itself would reject.
 * Words split the way iPXE does: on blanks only, no quotes, no escapes; a backslash before a newline joins
 * the next physical line. One pass over the text, words going straight into their commands.
 */
export function parseIpxe(text: string): Parsed<IpxeScript> {
  const script: IpxeScript = { lines: [], labels: [] };
  let offset = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const magic = /#!(?:ipxe|gpxe)(?=\s|$)/y;
  magic.lastIndex = offset;
  if (magic.test(text))
    script.header = { text: text.slice(offset, magic.lastIndex), start: offset, end: magic.lastIndex };

  const length = text.length;
  const builder = new LineBuilder(text);
  let first = true;
  while (offset <= length) {
    builder.start();
    let i = offset;
    let wordStart = -1;
    let wordEnd = -1;
    let joined = false;
    let comment: Word | undefined;
    for (let code = text.charCodeAt(i); i < length && code !== 10; code = text.charCodeAt(i)) {
      // 92 = backslash: maybe a continuation; 32/9/13 = blanks; 35 = '#'.
      const continuation = code === 92 ? continuationAt(text, i) : 0;
      if (continuation) {
        if (wordStart >= 0) joined = true;
        i += continuation;
      } else if (code === 32 || code === 9 || code === 13) {
        if (wordStart >= 0) builder.word(wordStart, wordEnd, joined);
        wordStart = -1;
        joined = false;
        i++;
      } else if (code === 35 && wordStart < 0) {
        // A comment starts only at the beginning of a word and runs to the end of the logical line.
        const start = i;
        while (i < length && text.charCodeAt(i) !== 10) i += continuationAt(text, i) || 1;
        const end = text.charCodeAt(i - 1) === 13 ? i - 1 : i;
        comment = { text: text.slice(start, end), start, end };
        break;
      } else {
        if (wordStart < 0) wordStart = i;
        wordEnd = ++i;
      }
    }
    if (wordStart >= 0) builder.word(wordStart, wordEnd, joined);
    const end = Math.max(text.charCodeAt(i - 1) === 13 ? i - 1 : i, offset);
    const line: Line = { start: offset, end, commands: builder.done() };
    if (comment && !(first && script.header)) line.comment = comment;
    const { label, strayOperators } = builder;
    if (label) {
      line.label = label;
      script.labels.push(label);
    }
    if (strayOperators) line.strayOperators = strayOperators;
    script.lines.push(line);
    first = false;
    if (i + 1 > length) break;
    offset = i + 1;
  }
  return { ast: script, problems: [] };
}
