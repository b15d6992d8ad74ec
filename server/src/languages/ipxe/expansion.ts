import type { Word } from './ast';

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
}

export interface Unclosed {
  start: number;
}

/**
 * Finds every `${…}` in a word, innermost ones included, the way iPXE expands them. A word spanning a
 * line continuation maps back to raw offsets through `word.start` only when it has none; otherwise refs
 * are found in the raw text of the word's range.
 */
export function settingRefs(text: string, word: Word): { refs: SettingRef[]; unclosed: Unclosed[] } {
  const refs: SettingRef[] = [];
  const unclosed: Unclosed[] = [];
  const raw = text.slice(word.start, word.end);
  const stack: number[] = [];
  for (let i = 0; i < raw.length; i++) {
    if (raw[i] === '$' && raw[i + 1] === '{') {
      stack.push(i);
      i++;
    } else if (raw[i] === '}' && stack.length) {
      const open = stack.pop() as number;
      const inner = raw.slice(open + 2, i);
      const dynamic = inner.includes('${');
      const colon = dynamic ? -1 : inner.lastIndexOf(':');
      const body = colon >= 0 ? inner.slice(0, colon) : inner;
      const slash = body.lastIndexOf('/');
      const name = dynamic ? '' : body.slice(slash + 1);
      const nameStart = word.start + open + 2 + slash + 1;
      refs.push({
        name,
        ...(slash >= 0 && !dynamic ? { scope: body.slice(0, slash) } : {}),
        ...(colon >= 0 ? { type: inner.slice(colon + 1) } : {}),
        start: word.start + open,
        end: word.start + i + 1,
        nameStart,
        nameEnd: nameStart + name.length,
        dynamic,
      });
    }
  }
  for (const open of stack) unclosed.push({ start: word.start + open });
  return { refs: refs.sort((a, b) => a.start - b.start), unclosed };
}
