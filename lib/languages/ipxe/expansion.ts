import type { Command, Word } from './ast';

/** One `${…}` in a word: `${[scope/]name[:type]}`. Offsets point into the original text. */
export interface SettingRef {
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
  command: Command;
  word: Word;
}

export interface Unclosed {
  start: number;
}

/**
 * Finds every `${…}` in a word, innermost ones included, the way iPXE expands them, and appends them (in
 * order of their start) and any unclosed `${` to the given lists. Offsets are raw text offsets.
 */
export function settingRefs(
  text: string,
  word: Word,
  command: Command,
  refs: SettingRef[],
  unclosed: Unclosed[],
): void {
  const found: SettingRef[] = [];
  const stack: number[] = [];
  for (let i = word.start; i < word.end; i++) {
    const ch = text.charCodeAt(i);
    if (ch === 36 /* $ */ && text.charCodeAt(i + 1) === 123 /* { */) {
      stack.push(i);
      i++;
    } else if (ch === 125 /* } */ && stack.length) {
      const open = stack.pop() as number;
      const inner = text.slice(open + 2, i);
      const dynamic = inner.includes('${');
      const colon = dynamic ? -1 : inner.lastIndexOf(':');
      const body = colon >= 0 ? inner.slice(0, colon) : inner;
      const slash = body.lastIndexOf('/');
      const name = dynamic ? '' : body.slice(slash + 1);
      const nameStart = open + 2 + slash + 1;
      const ref: SettingRef = {
        name,
        start: open,
        end: i + 1,
        nameStart,
        nameEnd: nameStart + name.length,
        dynamic,
        command,
        word,
      };
      if (slash >= 0 && !dynamic) ref.scope = body.slice(0, slash);
      if (colon >= 0) ref.type = inner.slice(colon + 1);
      found.push(ref);
    }
  }
  for (const open of stack) unclosed.push({ start: open });
  if (found.length > 1) found.sort((a, b) => a.start - b.start);
  for (const ref of found) refs.push(ref);
}
