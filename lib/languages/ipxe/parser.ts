import type { Parsed } from '../../core/problem';
import { EXPANDS, grown, interned, IpxeScript, JOINED } from './ast';

/** Length of a backslash-newline continuation at `i`, or 0. */
function continuationAt(text: string, i: number): number {
  if (text.charCodeAt(i) !== 92 /* \ */) return 0;
  const next = text.charCodeAt(i + 1);
  if (next === 10) return 2;
  if (next === 13 && text.charCodeAt(i + 2) === 10) return 3;
  return 0;
}

/** The newline that ends the logical line `i` is in (continuations joined), or the end of the text. */
function logicalLineEnd(text: string, i: number): number {
  while (i < text.length && text.charCodeAt(i) !== 10) i += continuationAt(text, i) || 1;
  return i;
}

/** The separator code (1 `||`, 2 `&&`, 3 `;`) of a word's text, or 0. */
function separatorCode(word: string): number {
  return word === '||' ? 1 : word === '&&' ? 2 : word === ';' ? 3 : 0;
}

/** The separator code of the word over `start..end` with no continuation in it, without making its string. */
function separatorAt(text: string, start: number, end: number): number {
  const first = text.charCodeAt(start);
  if (end - start === 1) return first === 59 /* ; */ ? 3 : 0;
  if (end - start !== 2 || text.charCodeAt(start + 1) !== first) return 0;
  return first === 124 /* | */ ? 1 : first === 38 /* & */ ? 2 : 0;
}

/**
 * Writes one logical line's words into the script's tables as they are read: the first word may be a label, a
 * separator ends a command. One instance serves the whole parse.
 */
class TableBuilder {
  private line = 0;
  /** The word index of the name of the command being built, or -1. */
  private name = -1;
  private previous = 0;
  private first = true;
  /** A word of the command being built has a `${`. */
  private expands = false;

  constructor(private readonly script: IpxeScript) {}

  start(line: number): void {
    const script = this.script;
    if (line >= script.lineStart.length) this.growLines(line * 2);
    this.line = line;
    this.name = -1;
    this.previous = 0;
    this.first = true;
    script.lineFirst[line] = script.commandCount;
    script.lineLabel[line] = -1;
    script.lineCommentStart[line] = -1;
    script.lineCommentEnd[line] = -1;
  }

  comment(start: number, end: number): void {
    this.script.lineCommentStart[this.line] = start;
    this.script.lineCommentEnd[this.line] = end;
  }

  /** A word over `start..end`; `joined` when a continuation runs through it, `expands` when it has a `${`. */
  word(start: number, end: number, joined: boolean, expands: boolean): void {
    const script = this.script;
    const text = script.text;
    // Only a word with a continuation in it needs its text to be told apart; the others compare in place.
    const joinedText = joined ? text.slice(start, end).replace(/\\\r?\n/g, '') : undefined;
    if (this.first) {
      this.first = false;
      if (text.charCodeAt(start) === 58 /* : */) {
        const name = joinedText === undefined ? text.slice(start + 1, end) : joinedText.slice(1);
        script.lineLabel[this.line] = script.labels.length;
        script.labels.push({ name, start: start + 1, end });
        return;
      }
    }
    const separator = joinedText === undefined ? separatorAt(text, start, end) : separatorCode(joinedText);
    if (separator) {
      if (this.name < 0 && separator !== 3) {
        const word = { text: separator === 1 ? '||' : '&&', start, end };
        script.strays.push({ line: this.line, word });
      }
      this.flush(separator);
      this.previous = separator;
      return;
    }
    const index = script.wordCount++;
    if (index >= script.wordStart.length) this.growWords(index * 2);
    script.wordStart[index] = start;
    script.wordEnd[index] = end;
    script.wordFlags[index] = (joined ? JOINED : 0) | (expands ? EXPANDS : 0);
    if (this.name < 0) {
      this.name = index;
      script.commandName[script.commandCount] = joinedText ?? interned(text, start, end);
    }
    this.expands ||= expands;
  }

  /** Ends the command being built (if any), with the separator after it. */
  flush(next = 0): void {
    const script = this.script;
    if (this.name < 0) return;
    const index = script.commandCount++;
    if (index >= script.commandFirst.length) this.growCommands(index * 2);
    script.commandFirst[index] = this.name;
    script.commandWords[index] = script.wordCount - this.name;
    script.commandLine[index] = this.line;
    script.commandNext[index] = next;
    script.commandPrevious[index] = this.previous;
    if (this.expands) script.expandingCommands.push(index);
    this.name = -1;
    this.expands = false;
  }

  /** Ends the line: its last command, its offsets. */
  done(start: number, end: number, comment: boolean): void {
    const script = this.script;
    this.flush();
    script.lineStart[this.line] = start;
    script.lineEnd[this.line] = end;
    script.lineCommands[this.line] = script.commandCount - (script.lineFirst[this.line] as number);
    if (!comment) script.lineCommentStart[this.line] = script.lineCommentEnd[this.line] = -1;
    script.lineCount = this.line + 1;
  }

  private growWords(size: number): void {
    const script = this.script;
    script.wordStart = grown(script.wordStart, size);
    script.wordEnd = grown(script.wordEnd, size);
    script.wordFlags = grown(script.wordFlags, size);
  }

  private growCommands(size: number): void {
    const script = this.script;
    script.commandFirst = grown(script.commandFirst, size);
    script.commandWords = grown(script.commandWords, size);
    script.commandLine = grown(script.commandLine, size);
    script.commandNext = grown(script.commandNext, size);
    script.commandPrevious = grown(script.commandPrevious, size);
  }

  private growLines(size: number): void {
    const script = this.script;
    script.lineStart = grown(script.lineStart, size);
    script.lineEnd = grown(script.lineEnd, size);
    script.lineFirst = grown(script.lineFirst, size);
    script.lineCommands = grown(script.lineCommands, size);
    script.lineLabel = grown(script.lineLabel, size);
    script.lineCommentStart = grown(script.lineCommentStart, size);
    script.lineCommentEnd = grown(script.lineCommentEnd, size);
  }
}

/**
 * Reads the words of the logical line at `i` into `builder`, and its comment; returns where the line stops (its
 * newline, or the end of the text).
 */
function readLine(text: string, i: number, builder: TableBuilder): number {
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
      builder.comment(start, text.charCodeAt(i - 1) === 13 ? i - 1 : i);
      return i;
    }
    // A word, to a blank or the line's end; a continuation inside it joins the next physical line.
    const start = i;
    let end = i;
    let joined = false;
    let expands = false;
    // `charCodeAt` is NaN past the end of the text: that ends the word too.
    for (const length = text.length; i < length; code = text.charCodeAt(i)) {
      // Most characters are letters, digits and punctuation above `$` (36), and no backslash (92): one word's
      // worth of them costs a compare or two each; blanks, `$` and `\` take the slower tests below.
      if (code > 36 && code !== 92) {
        end = ++i;
        continue;
      }
      if (code === 32 || code === 9 || code === 13 || code === 10) break;
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
 * the next physical line. One pass over the text, into the tables of `IpxeScript`.
 */
export function parseIpxe(text: string): Parsed<IpxeScript> {
  // A first guess at the sizes (a word every 8 characters, a command and a line every 32), doubled when short.
  const rows = 16 + (text.length >> 5);
  const script = new IpxeScript(text, 64 + (text.length >> 3), rows, rows);
  let offset = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const magic = /#!(?:ipxe|gpxe)(?=\s|$)/y;
  magic.lastIndex = offset;
  if (magic.test(text))
    script.header = { text: text.slice(offset, magic.lastIndex), start: offset, end: magic.lastIndex };

  const length = text.length;
  const builder = new TableBuilder(script);
  for (let line = 0; offset <= length; line++) {
    builder.start(line);
    const i = readLine(text, offset, builder);
    const end = Math.max(text.charCodeAt(i - 1) === 13 ? i - 1 : i, offset);
    // The magic line is the header, not a comment.
    builder.done(offset, end, !(line === 0 && script.header));
    if (i + 1 > length) break;
    offset = i + 1;
  }
  return { ast: script, problems: [] };
}
