import { parseTree, printParseErrorCode, type Node, type ParseError, type ParseOptions } from 'jsonc-parser';
import type { Parsed, Problem } from '../core/problem';
import { report, type RuleMeta } from '../core/rule';
import { depthMessage, jsonDepthExceeded } from '../core/untrusted';

export interface JsonDocument {
  root: Node | undefined;
}

/** A tree, or where the text nests too deep to parse (jsonc-parser recurses once per level). */
export type CappedTree = { ok: true; root: Node | undefined } | { ok: false; at: number; message: string };

/** `parseTree` behind the nesting cap: past it the recursive parser is never called. */
export function parseTreeCapped(text: string, errors?: ParseError[], options?: ParseOptions): CappedTree {
  const at = jsonDepthExceeded(text);
  if (at >= 0) return { ok: false, at, message: depthMessage() };
  return { ok: true, root: parseTree(text, errors, options) };
}

const FRIENDLY: Record<string, string> = {
  CommaExpected: 'a comma is missing between two values',
  ColonExpected: 'a colon is missing after a property name',
  PropertyNameExpected: 'a property name in double quotes is expected',
  ValueExpected: 'a value is expected',
  CloseBraceExpected: 'a `}` is missing',
  CloseBracketExpected: 'a `]` is missing',
  EndOfFileExpected: 'there is text after the end of the JSON value',
  InvalidCommentToken: 'JSON does not allow comments',
  UnexpectedEndOfComment: 'a comment is not closed',
  UnexpectedEndOfString: 'a string is not closed',
  InvalidEscapeCharacter: 'a string has an invalid escape sequence',
  InvalidUnicode: 'a string has an invalid \\u escape',
  InvalidCharacter: 'there is an invalid character',
  InvalidSymbol: 'there is an unexpected symbol',
  InvalidNumberFormat: 'a number is malformed',
};

/**
 * Parses strict JSON (no comments, no trailing commas) and reports every syntax error as `rule`'s. Text
 * nested past the cap gets one problem where it goes too deep and no tree, so no rule walks it.
 */
export function parseStrictJson(text: string, rule: Pick<RuleMeta, 'id'>): Parsed<JsonDocument> {
  const errors: ParseError[] = [];
  const tree = parseTreeCapped(text, errors, {
    allowTrailingComma: false,
    disallowComments: true,
    allowEmptyContent: false,
  });
  if (!tree.ok)
    return {
      ast: { root: undefined },
      problems: [report(rule, { start: tree.at, end: tree.at + 1 }, tree.message)],
    };
  const seen = new Set<number>();
  // jsonc-parser may report several codes at one offset; the first says it best.
  const unique = errors.filter((e) => !seen.has(e.offset) && seen.add(e.offset));
  const problems: Problem[] = unique.map((e) => {
    const code = printParseErrorCode(e.error);
    // An error at the very end (unexpected end of file) gets the last character, never a range past it.
    const start = Math.min(e.offset, Math.max(0, text.length - 1));
    const end = Math.min(text.length, e.offset + Math.max(1, e.length));
    return report(
      rule,
      { start, end },
      `Invalid JSON: ${FRIENDLY[code] ?? code}. The file cannot be read until this is fixed.`,
    );
  });
  // jsonc-parser reports a trailing comma at the closing bracket; point at the comma and offer to drop it.
  for (const problem of problems) {
    const comma = /,\s*$/.exec(text.slice(0, problem.start));
    if (!comma || !'}]'.includes(text[problem.start] ?? '')) continue;
    problem.start = comma.index;
    problem.end = comma.index + 1;
    problem.message = 'Invalid JSON: trailing comma. Remove the comma before the closing bracket.';
    problem.fixes = [
      {
        title: 'Remove the trailing comma',
        edits: [{ start: comma.index, end: comma.index + 1, newText: '' }],
        preferred: true,
      },
    ];
  }
  return { ast: { root: tree.root }, problems };
}
