import type { Document, LineCounter } from 'yaml';
import { parseAllDocuments, isMap, isScalar, visit, newLineCounter } from './yaml';
import type { Problem, Parsed } from '../../core/problem';
import { report } from '../../core/rule';
import { MAX_JSON_DEPTH, MAX_TEXT_BYTES } from '../../core/untrusted';
import { TextMemo } from '../../core/textMemo';
import type { ButaneDocument } from './ast';
import { yamlSyntax } from './rules/yamlSyntax';

/** Deepest YAML nesting read (the `yaml` library recurses; real Butane configs nest about ten levels). */
export const MAX_YAML_DEPTH = MAX_JSON_DEPTH;
/** Most aliases a document may use (each may expand a whole subtree). */
export const MAX_ALIASES = 1000;

const OPENERS = new Set(['[', '{']);

/** Skips a quoted scalar that starts at `i` on one line; returns the index after it (or the line end). */
function skipQuoted(line: string, i: number): number {
  const quote = line[i];
  for (let j = i + 1; j < line.length; j++) {
    if (quote === '"' && line[j] === '\\') j++;
    else if (line[j] === quote) return quote === "'" && line[j + 1] === "'" ? (j++, j + 1) : j + 1;
  }
  return line.length;
}

/**
 * The offset of the first line whose nesting may exceed `max` levels, or -1: indentation, compact
 * `- `/`? `/`: ` indicators and open flow brackets (outside quotes) each count as a level. Linear and
 * conservative, so the recursive YAML parser never meets a document deeper than it can take.
 */
export function yamlDepthExceeded(text: string, max = MAX_YAML_DEPTH): number {
  let flow = 0;
  let offset = 0;
  for (const line of text.split('\n')) {
    const indent = line.length - line.trimStart().length;
    let compact = 0;
    for (let i = indent; i < line.length; i++) {
      const c = line[i] as string;
      if (c === '"' || c === "'") i = skipQuoted(line, i) - 1;
      else if (c === '#' && (i === 0 || line[i - 1] === ' ')) break;
      else if (OPENERS.has(c)) flow++;
      else if ((c === ']' || c === '}') && flow > 0) flow--;
      else if ((c === '-' || c === '?' || c === ':') && line[i + 1] === ' ') compact++;
      if (indent + compact + flow > max) return offset + i;
    }
    offset += line.length + 1;
  }
  return -1;
}

const parses = new TextMemo<Parsed<ButaneDocument>>();

/**
 * Reads a Butane config: one YAML document with positions (Butane reads the first document and ignores
 * the rest, so later documents are not checked). Never throws; syntax errors become butane.yamlSyntax.
 * One parse per text serves the chain and the file's lint (`TextMemo`); the document is never changed.
 */
export function parseButane(text: string): Parsed<ButaneDocument> {
  const parsed = parses.of(text, readButane);
  return { ast: parsed.ast, problems: [...parsed.problems] };
}

function readButane(text: string): Parsed<ButaneDocument> {
  const lineCounter = newLineCounter();
  const refuse = (start: number, end: number, message: string): Parsed<ButaneDocument> => ({
    ast: { yaml: undefined, lineCounter, refused: { start, end, message } },
    problems: [report(yamlSyntax, { start, end }, message)],
  });
  if (text.length > MAX_TEXT_BYTES) return refuse(0, 0, 'This file is too large to be a Butane config.');
  const deep = yamlDepthExceeded(text);
  if (deep >= 0) {
    const message =
      `YAML nested deeper than ${MAX_YAML_DEPTH} levels: not read. Real configs nest a few levels; check that ` +
      'the file was not generated wrongly.';
    return refuse(deep, deep + 1, message);
  }
  try {
    return readDocument(text, lineCounter);
  } catch (error) {
    return refuse(0, 0, `The YAML could not be read (${(error as Error).message}).`);
  }
}

/** The syntax error nearest the top (none, or one). */
export function earliestError<E extends { pos: [number, number] }>(errors: readonly E[] | undefined): E[] {
  const sorted = [...(errors ?? [])].sort((a, b) => a.pos[0] - b.pos[0]);
  return sorted.slice(0, 1);
}

function readDocument(text: string, lineCounter: LineCounter): Parsed<ButaneDocument> {
  const docs = parseAllDocuments(text, {
    lineCounter,
    uniqueKeys: false,
    merge: false,
    prettyErrors: false,
    keepSourceTokens: false,
  });
  const first = Array.isArray(docs) ? docs[0] : undefined;
  if (first && Array.isArray(docs)) first.errors.push(...tokenAfterEnd(docs, text));
  const problems: Problem[] = [];
  // go-yaml stops at its first error; the yaml library goes on, and what follows is mostly an echo of it.
  for (const error of earliestError(first?.errors))
    problems.push(
      report(
        yamlSyntax,
        { start: error.pos[0], end: Math.max(error.pos[1], error.pos[0]) },
        syntaxMessage(error.message),
      ),
    );
  if (first) endOfTextBlock(first, text);
  const ast: ButaneDocument = { yaml: first, lineCounter };
  const top = first?.contents;
  if (isMap(top))
    for (const pair of top.items) {
      const key = isScalar(pair.key) ? String(pair.key.source ?? pair.key.value) : undefined;
      if ((key === 'variant' || key === 'version') && isScalar(pair.value) && ast[key] === undefined)
        ast[key] = String(pair.value.source ?? pair.value.value);
    }
  return { ast, problems };
}

/**
 * go-yaml reads one document but scans the token after an explicit end (`...`): a broken token there (an
 * unclosed quote, a tab where a token starts) fails the whole config, though nothing after it is read. The
 * `yaml` library's error for that token, if there is one.
 */
function tokenAfterEnd(docs: Document.Parsed[], text: string): Document.Parsed['errors'] {
  const [first, next] = docs;
  if (!first || !next) return [];
  // The first document's range ends after its `...` marker, when it has one.
  if (!/(^|\n)\.\.\.[ \t]*(#[^\n]*)?\r?\n?$/.test(text.slice(first.range[1], first.range[2]))) return [];
  const rest = text.slice(first.range[2]);
  const skipped = /^([ ]*(#[^\n]*)?\r?\n)*[ ]*/.exec(rest)?.[0].length ?? 0;
  const start = first.range[2] + skipped;
  const quoted = text[start] === '"' || text[start] === "'";
  return next.errors.filter((e) => e.pos[0] === start || (quoted && e.code === 'MISSING_CHAR')).slice(0, 1);
}

/** The `yaml` library's message without its position suffix (the range carries it). */
function syntaxMessage(message: string): string {
  const text = message.replace(/ at line \d+, column \d+:?[\s\S]*$/, '');
  return `YAML syntax: ${text}`;
}

/**
 * A block scalar (`|`, `>`) that ends the text without a final line break has no final line break in
 * go-yaml (Butane's reader), while the `yaml` library adds one: take it off, so contents match Butane's.
 */
function endOfTextBlock(doc: Document.Parsed, text: string): void {
  if (/[\n\r]$/.test(text)) return;
  visit(doc, {
    Scalar(_key, node) {
      const source = node.source;
      if (node.range?.[1] !== text.length || typeof source !== 'string' || !source.endsWith('\n')) return;
      if (node.type !== 'BLOCK_LITERAL' && node.type !== 'BLOCK_FOLDED') return;
      node.source = source.slice(0, -1);
      node.value = node.source;
    },
  });
}
