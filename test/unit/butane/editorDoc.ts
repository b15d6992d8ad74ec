/** Butane documents for the editor features' tests, and a `‸` cursor marker in fixtures. */
import { LineCounter, parseDocument } from 'yaml';
import type { ButaneDocument } from '../../../lib/languages/butane/ast';

/** The text parsed the way the editor features see it (one YAML document, positions kept). */
export function butaneDoc(text: string): ButaneDocument {
  const lineCounter = new LineCounter();
  const yaml = parseDocument(text, { lineCounter, keepSourceTokens: true });
  const contents = yaml.contents as { get?: (key: string) => unknown } | null;
  const read = (key: string): string | undefined => {
    const value = contents?.get?.(key);
    return value === undefined || value === null ? undefined : String(value);
  };
  const variant = read('variant');
  const version = read('version');
  return { yaml, lineCounter, ...(variant ? { variant } : {}), ...(version ? { version } : {}) };
}

/** A fixture with one `‸` where the cursor is: the text without it and the cursor's offset. */
export function cursor(fixture: string): { text: string; offset: number; doc: ButaneDocument } {
  const offset = fixture.indexOf('‸');
  if (offset < 0) throw new Error('fixture has no ‸ cursor');
  const text = fixture.slice(0, offset) + fixture.slice(offset + 1);
  return { text, offset, doc: butaneDoc(text) };
}
