/** Offsets to line/character positions, for the CLI's reports and the LSP layer (which adds LSP types). */
import { TextDocument } from 'vscode-languageserver-textdocument';

/** Something that maps offsets to positions (zero-based line and UTF-16 character). */
export interface Positions {
  positionAt(offset: number): { line: number; character: number };
}

export function positionsOf(text: string): Positions {
  return TextDocument.create('file:///', 'plaintext', 0, text);
}

/** The range of `start..end` (an end before the start is read as the start). */
export function rangeOf(
  doc: Positions,
  start: number,
  end: number,
): { start: { line: number; character: number }; end: { line: number; character: number } } {
  return { start: doc.positionAt(start), end: doc.positionAt(Math.max(start, end)) };
}
