import { visit, type JSONPath } from 'jsonc-parser';

/** A text range. */
export interface Span {
  start: number;
  end: number;
}

/** Where a value is: its own range, and its member name's when it is an object member. */
export interface Located {
  value: Span;
  key?: Span;
}

/** Thrown to stop jsonc-parser's visitor once the value is found: the visitor has no other way to stop. */
class Found {
  constructor(readonly at: Located) {}
}

const isPrefix = (path: JSONPath, of: JSONPath): boolean =>
  path.length <= of.length && path.every((step, i) => step === of[i]);

const same = (a: JSONPath, b: JSONPath): boolean => a.length === b.length && isPrefix(a, b);

/**
 * Where the value at `path` sits in a JSON text, found by scanning only up to its end and skipping the
 * callbacks of every subtree off the path — no tree is built, so placing one finding near the top of a
 * big config costs next to nothing. The first member wins when a name repeats (as in jsonc-parser's
 * `findNodeAtLocation`). Undefined when the text has no value there.
 */
export function locate(text: string, path: JSONPath): Located | undefined {
  let key: Span | undefined;
  let start = -1;
  let depth = 0;
  const begin = (offset: number, _length: number, _line: number, _column: number, at: () => JSONPath): boolean => {
    if (start >= 0) return ++depth > 0;
    const here = at();
    if (same(here, path)) {
      start = offset;
      depth = 1;
      return true;
    }
    return isPrefix(here, path);
  };
  const end = (offset: number): void => {
    if (start >= 0 && --depth === 0) throw new Found({ value: { start, end: offset + 1 }, ...(key ? { key } : {}) });
  };
  try {
    visit(text, {
      onObjectBegin: begin,
      onArrayBegin: begin,
      onObjectEnd: end,
      onArrayEnd: end,
      onObjectProperty(name, offset, length, _line, _column, at) {
        if (start < 0 && key === undefined && name === path.at(-1) && same([...at(), name], path))
          key = { start: offset, end: offset + length };
      },
      onLiteralValue(_value, offset, length, _line, _column, at) {
        if (start < 0 && same(at(), path))
          throw new Found({ value: { start: offset, end: offset + length }, ...(key ? { key } : {}) });
      },
    });
  } catch (error) {
    if (error instanceof Found) return error.at;
    throw error;
  }
  return undefined;
}
