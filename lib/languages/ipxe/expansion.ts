import { interned, type Command, type Word } from './ast';

/**
 * One `${…}` in a word: `${[scope/]name[:type]}`. Offsets point into the original text. The command and word are
 * objects for the editor features, indices into the tables for the rules.
 */
export interface SettingRef<C = Command, W = Word> {
  /** Setting name without scope and type; empty when the name is itself built from a setting. */
  name: string;
  scope?: string;
  type?: string;
  /** Offsets of the whole `${…}` (end is past `}`), and of the name. */
  start: number;
  end: number;
  nameStart: number;
  nameEnd: number;
  /** True when the name contains another `${…}` (known only at boot time). */
  dynamic: boolean;
  /** The command and word it appears in. */
  command: C;
  word: W;
}

export interface Unclosed {
  start: number;
}

/**
 * Finds every `${…}` in a word, innermost ones included, the way iPXE expands them, and appends them (in
 * order of their start) and any unclosed `${` to the given lists. Offsets are raw text offsets.
 */
export function settingRefs<C, W>(
  text: string,
  span: { readonly start: number; readonly end: number },
  command: C,
  word: W,
  refs: SettingRef<C, W>[],
  unclosed: Unclosed[],
): void {
  const before = refs.length;
  // The innermost open `${`, and the ones around it (an array only when they nest).
  let open = -1;
  let outer: number[] | undefined;
  for (let i = span.start; i < span.end; i++) {
    const ch = text.charCodeAt(i);
    if (ch === 36 /* $ */ && text.charCodeAt(i + 1) === 123 /* { */) {
      if (open >= 0) (outer ??= []).push(open);
      open = i;
      i++;
    } else if (ch === 125 /* } */ && open >= 0) {
      refs.push(refAt(text, open, i, command, word));
      open = outer?.pop() ?? -1;
    }
  }
  if (open >= 0) {
    for (const start of outer ?? []) unclosed.push({ start });
    unclosed.push({ start: open });
  }
  // Nested references close inner first: put this word's in order of their start.
  if (refs.length - before > 1) refs.push(...refs.splice(before).sort((a, b) => a.start - b.start));
}

/** The last `code` in `text` between `from` and `to`, or -1. */
function lastIndexIn(text: string, code: number, from: number, to: number): number {
  for (let i = to - 1; i >= from; i--) if (text.charCodeAt(i) === code) return i;
  return -1;
}

/** True when a `${` starts between `from` and `to` (its `{` before `to`). */
function expandsIn(text: string, from: number, to: number): boolean {
  for (let i = from; i + 1 < to; i++) if (text.charCodeAt(i) === 36 && text.charCodeAt(i + 1) === 123) return true;
  return false;
}

/**
 * The reference `${…}` from `open` to the `}` at `close`. Read on offsets: a script names the same few settings
 * over and over, so the name is the shared string and only a scope or a type is cut out of the text.
 */
function refAt<C, W>(text: string, open: number, close: number, command: C, word: W): SettingRef<C, W> {
  const inner = open + 2;
  const dynamic = expandsIn(text, inner, close);
  const colon = dynamic ? -1 : lastIndexIn(text, 58 /* : */, inner, close);
  const bodyEnd = colon >= 0 ? colon : close;
  const slash = lastIndexIn(text, 47 /* / */, inner, bodyEnd);
  const nameStart = slash >= 0 ? slash + 1 : inner;
  const name = dynamic || nameStart === bodyEnd ? '' : interned(text, nameStart, bodyEnd);
  const ref: SettingRef<C, W> = {
    name,
    start: open,
    end: close + 1,
    nameStart,
    nameEnd: nameStart + name.length,
    dynamic,
    command,
    word,
  };
  if (slash >= 0 && !dynamic) ref.scope = text.slice(inner, slash);
  if (colon >= 0) ref.type = text.slice(colon + 1, close);
  return ref;
}
