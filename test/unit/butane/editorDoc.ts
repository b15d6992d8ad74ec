/** Butane documents for the editor features' tests, and a `‸` cursor marker in fixtures. */
import type { ButaneDocument } from '../../../lib/languages/butane/ast';
import { parseButane } from '../../../lib/languages/butane/parser';

/** The text parsed as the language parses it. */
export function butaneDoc(text: string): ButaneDocument {
  return parseButane(text).ast;
}

/** A fixture with one `‸` where the cursor is: the text without it and the cursor's offset. */
export function cursor(fixture: string): { text: string; offset: number; doc: ButaneDocument } {
  const offset = fixture.indexOf('‸');
  if (offset < 0) throw new Error('fixture has no ‸ cursor');
  const text = fixture.slice(0, offset) + fixture.slice(offset + 1);
  return { text, offset, doc: butaneDoc(text) };
}
