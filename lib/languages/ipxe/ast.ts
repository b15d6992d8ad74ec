/**
 * iPXE script syntax tree. Offsets point into the original text (continuations included).
 *
 * The parsed script is flat tables (offsets in typed arrays, one row per word, command and line), with the object
 * tree below made from them on first use. The rules read the tables: a 10,000-line script would otherwise keep
 * ~100,000 small objects alive through the lint, and the collector copies every one of them. The editor features
 * read the tree: they touch small files, one request at a time.
 */

export interface Word {
  text: string;
  start: number;
  end: number;
}

export type Separator = '||' | '&&' | ';';

export interface Command {
  name: Word;
  args: Word[];
  start: number;
  end: number;
  /** The separator after this command on the same line, if any. */
  next?: Separator;
  /** The separator before this command on the same line, if any. */
  previous?: Separator;
}

export interface Label {
  name: string;
  /** Range of the name, without the colon. */
  start: number;
  end: number;
}

/** One logical line (physical lines joined by a trailing backslash). */
export interface Line {
  start: number;
  end: number;
  label?: Label;
  commands: Command[];
  comment?: Word;
  /** `||` or `&&` with no command before it (at the start, or right after another separator). */
  strayOperators?: Word[];
}

/** The separators by their code in the command tables (0: none). */
export const SEPARATORS: readonly (Separator | undefined)[] = [undefined, '||', '&&', ';'];
/** The codes of `||` and `&&` (`;` is 3). */
export const OR = 1;
export const AND = 2;

/** Word flags: a backslash-newline continuation runs through the word; the word has a `${`. */
export const JOINED = 1;
export const EXPANDS = 2;

/**
 * The last short word seen by length and first character (ASCII): scripts repeat their words (command names,
 * separators, `goto` targets, options), and reusing the string saves an allocation per word. Bounded: 4,096 entries.
 */
const recent: (string | undefined)[] = new Array<string | undefined>(32 * 128);

/** `text.slice(start, end)`, or the same string seen before. */
export function interned(text: string, start: number, end: number): string {
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

/** A copy of `array` with room for `size` entries. */
export function grown<T extends Int32Array | Uint8Array>(array: T, size: number): T {
  const copy = new (array.constructor as new (size: number) => T)(size);
  copy.set(array);
  return copy;
}

export class IpxeScript {
  /** The `#!ipxe` magic line when present. */
  header: Word | undefined = undefined;
  /** Every label, in script order. */
  readonly labels: Label[] = [];
  /** `||` or `&&` with no command before it, with the index of its line. */
  readonly strays: { line: number; word: Word }[] = [];

  /** Words of commands (names and arguments; separators, labels and comments are not here), in script order. */
  wordCount = 0;
  wordStart: Int32Array;
  wordEnd: Int32Array;
  wordFlags: Uint8Array;

  /** Commands: the index of their name word, their word count (the name included), their line and separators. */
  commandCount = 0;
  commandFirst: Int32Array;
  commandWords: Int32Array;
  commandLine: Int32Array;
  commandNext: Uint8Array;
  commandPrevious: Uint8Array;
  /** Each command's name, one shared string per spelling. */
  readonly commandName: string[] = [];
  /** The commands with a `${` in one of their words, in script order: only these can read a setting. */
  readonly expandingCommands: number[] = [];

  /** Logical lines: offsets, first command and command count, label (index into `labels`, or -1), comment. */
  lineCount = 0;
  lineStart: Int32Array;
  lineEnd: Int32Array;
  lineFirst: Int32Array;
  lineCommands: Int32Array;
  lineLabel: Int32Array;
  /** Start and end of the line's comment, or -1. */
  lineCommentStart: Int32Array;
  lineCommentEnd: Int32Array;

  private commandObjects: (Command | undefined)[] | undefined;
  private lineObjects: Line[] | undefined;

  /** Room for `words`, `commands` and `lines` rows to start with (the parser grows the tables past it). */
  constructor(
    readonly text: string,
    words: number,
    commands: number,
    lines: number,
  ) {
    this.wordStart = new Int32Array(words);
    this.wordEnd = new Int32Array(words);
    this.wordFlags = new Uint8Array(words);
    this.commandFirst = new Int32Array(commands);
    this.commandWords = new Int32Array(commands);
    this.commandLine = new Int32Array(commands);
    this.commandNext = new Uint8Array(commands);
    this.commandPrevious = new Uint8Array(commands);
    this.lineStart = new Int32Array(lines);
    this.lineEnd = new Int32Array(lines);
    this.lineFirst = new Int32Array(lines);
    this.lineCommands = new Int32Array(lines);
    this.lineLabel = new Int32Array(lines);
    this.lineCommentStart = new Int32Array(lines);
    this.lineCommentEnd = new Int32Array(lines);
  }

  /** A word's text: the script's text between its offsets, without the continuations that run through it. */
  wordText(word: number): string {
    const start = this.wordStart[word] as number;
    const end = this.wordEnd[word] as number;
    if ((this.wordFlags[word] as number) & JOINED) return this.text.slice(start, end).replace(/\\\r?\n/g, '');
    return interned(this.text, start, end);
  }

  /** The first character code of a word (a word never starts with a continuation). */
  firstCode(word: number): number {
    return this.text.charCodeAt(this.wordStart[word] as number);
  }

  /** Where a command starts (its name) and ends (its last word). */
  commandStart(command: number): number {
    return this.wordStart[this.commandFirst[command] as number] as number;
  }

  commandEnd(command: number): number {
    return this.wordEnd[(this.commandFirst[command] as number) + (this.commandWords[command] as number) - 1] as number;
  }

  /** A word as a new object (for the tree, a finding or a few words a rule reads closely). */
  word(index: number): Word {
    return { text: this.wordText(index), start: this.wordStart[index] as number, end: this.wordEnd[index] as number };
  }

  /** A command as an object (made once). */
  command(index: number): Command {
    const commands = (this.commandObjects ??= new Array<Command | undefined>(this.commandCount));
    const known = commands[index];
    if (known) return known;
    const first = this.commandFirst[index] as number;
    const count = this.commandWords[index] as number;
    const name = this.word(first);
    const args = new Array<Word>(count - 1);
    for (let k = 1; k < count; k++) args[k - 1] = this.word(first + k);
    const last = count > 1 ? (args[count - 2] as Word) : name;
    // The same fields in the same order as the parser made before the tables: one shape for every reader.
    const command: Command = {
      name,
      args,
      start: name.start,
      end: last.end,
      next: SEPARATORS[this.commandNext[index] as number],
      previous: SEPARATORS[this.commandPrevious[index] as number],
    };
    return (commands[index] = command);
  }

  /** The commands of a line as objects. */
  commandsOf(line: number): Command[] {
    const first = this.lineFirst[line] as number;
    const commands = new Array<Command>(this.lineCommands[line] as number);
    for (let k = 0; k < commands.length; k++) commands[k] = this.command(first + k);
    return commands;
  }

  /** Every logical line as an object tree (made on first use; the lint never asks). */
  get lines(): Line[] {
    return (this.lineObjects ??= this.makeLines());
  }

  /** The commands with a `${` in one of their words, as objects. */
  get expanding(): Command[] {
    return this.expandingCommands.map((index) => this.command(index));
  }

  private makeLines(): Line[] {
    const strays = new Map<number, Word[]>();
    for (const { line, word } of this.strays) {
      const same = strays.get(line);
      if (same) same.push(word);
      else strays.set(line, [word]);
    }
    const lines = new Array<Line>(this.lineCount);
    for (let index = 0; index < this.lineCount; index++) {
      const commentStart = this.lineCommentStart[index] as number;
      const commentEnd = this.lineCommentEnd[index] as number;
      const label = this.lineLabel[index] as number;
      lines[index] = {
        start: this.lineStart[index] as number,
        end: this.lineEnd[index] as number,
        label: label >= 0 ? this.labels[label] : undefined,
        commands: this.commandsOf(index),
        comment:
          commentStart >= 0
            ? { text: this.text.slice(commentStart, commentEnd), start: commentStart, end: commentEnd }
            : undefined,
        strayOperators: strays.get(index),
      };
    }
    return lines;
  }
}
