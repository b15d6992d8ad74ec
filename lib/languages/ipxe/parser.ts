import type { Parsed } from '../../core/problem';
import type { Command, IpxeScript, Line, Separator, Word } from './ast';

const SEPARATORS = new Set<string>(['||', '&&', ';']);

/** Length of a backslash-newline continuation at `i`, or 0. */
function continuationAt(text: string, i: number): number {
  if (text[i] !== '\\') return 0;
  if (text[i + 1] === '\n') return 2;
  if (text[i + 1] === '\r' && text[i + 2] === '\n') return 3;
  return 0;
}

/**
 * Splits one logical line into words the way iPXE does: on blanks only, no quotes, no escapes;
 * a backslash before a newline joins the next physical line. Returns the words and where the line ends.
 */
function readLine(text: string, from: number): { words: Word[]; comment?: Word; end: number; next: number } {
  const words: Word[] = [];
  let i = from;
  let wordStart = -1;
  let joinedInWord = false;
  let wordEnd = -1;
  const finish = (): void => {
    if (wordStart < 0) return;
    const raw = text.slice(wordStart, wordEnd);
    // Only words that span a continuation need the backslash-newline taken out.
    words.push({ text: joinedInWord ? raw.replace(/\\\r?\n/g, '') : raw, start: wordStart, end: wordEnd });
    wordStart = -1;
    joinedInWord = false;
  };
  const length = text.length;
  for (let code = text.charCodeAt(i); i < length && code !== 10; code = text.charCodeAt(i)) {
    // 92 = backslash: maybe a continuation; 32/9/13 = blanks; 35 = '#'.
    const joined = code === 92 ? continuationAt(text, i) : 0;
    if (joined) {
      if (wordStart >= 0) joinedInWord = true;
      i += joined;
      continue;
    }
    if (code === 32 || code === 9 || code === 13) {
      finish();
      i++;
      continue;
    }
    if (code === 35 && wordStart < 0) {
      // A comment starts only at the beginning of a word and runs to the end of the logical line.
      const start = i;
      while (i < text.length && text[i] !== '\n') i += continuationAt(text, i) || 1;
      const end = text[i - 1] === '\r' ? i - 1 : i;
      return { words, comment: { text: text.slice(start, end), start, end }, end, next: i + 1 };
    }
    if (wordStart < 0) wordStart = i;
    wordEnd = ++i;
  }
  finish();
  const end = text[i - 1] === '\r' ? i - 1 : i;
  return { words, end: Math.max(end, from), next: i + 1 };
}

function splitCommands(words: Word[], line: Line): Command[] {
  const commands: Command[] = [];
  let name: Word | undefined;
  let args: Word[] = [];
  let previous: Separator | undefined;
  const flush = (next?: Separator): void => {
    if (name) {
      const last = args.length ? (args[args.length - 1] as Word) : name;
      const command: Command = { name, args, start: name.start, end: last.end, previous };
      if (next) command.next = next;
      commands.push(command);
    }
    name = undefined;
    args = [];
  };
  for (const word of words) {
    if (SEPARATORS.has(word.text)) {
      if (!name && word.text !== ';') (line.strayOperators ??= []).push(word);
      flush(word.text as Separator);
      previous = word.text as Separator;
    } else if (!name) {
      name = word;
    } else {
      args.push(word);
    }
  }
  flush();
  return commands;
}

/** Parses an iPXE script. Never throws; the grammar has no syntax errors iPXE itself would reject. */
export function parseIpxe(text: string): Parsed<IpxeScript> {
  const script: IpxeScript = { lines: [], labels: [] };
  let offset = 0;
  if (text.startsWith('\uFEFF')) offset = 1;
  const magic = /^#!(?:ipxe|gpxe)(?=\s|$)/.exec(text.slice(offset));
  if (magic) script.header = { text: magic[0], start: offset, end: offset + magic[0].length };

  let first = true;
  while (offset <= text.length) {
    const { words, comment, end, next } = readLine(text, offset);
    const line: Line = { start: offset, end, commands: [] };
    if (comment && !(first && script.header)) line.comment = comment;
    const head = words[0];
    if (head?.text.startsWith(':')) {
      const label = { name: head.text.slice(1), start: head.start + 1, end: head.end };
      line.label = label;
      script.labels.push(label);
      line.commands = splitCommands(words.slice(1), line);
    } else {
      line.commands = splitCommands(words, line);
    }
    script.lines.push(line);
    first = false;
    if (next > text.length) break;
    offset = next;
  }
  return { ast: script, problems: [] };
}
