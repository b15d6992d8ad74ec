/** Results worked out from a text, kept for the next caller of the same text within a bound. */

const everyMemo: TextMemo<unknown>[] = [];

/**
 * Forgets every memo's results (the bench: each timed run starts as a new process would, so a repeated
 * lint of the same text measures the lint, not a lookup).
 */
export function forgetTextMemos(): void {
  for (const memo of everyMemo) memo.clear();
}

/**
 * How much text one memo holds at most. What is kept grows with it (a parse is several times its text), and
 * an editor's server adds a version per edit: 1 MiB shares a whole site's small files between the chain and
 * their lint while keeping only a few versions of a big file being edited.
 */
export const TEXT_MEMO_CHARS = 1024 * 1024;

/**
 * The latest results by text, the oldest dropped past TEXT_MEMO_CHARS of text: a whole-site lint works a
 * file out once for the chain and its own findings (not twice), and a server editing a file keeps at most
 * that much of its past versions. A text bigger than the bound is never kept.
 */
export class TextMemo<T> {
  private readonly byText = new Map<string, T>();
  private chars = 0;

  constructor() {
    everyMemo.push(this);
  }

  /** Drops every kept result. */
  clear(): void {
    this.byText.clear();
    this.chars = 0;
  }

  /** The result for `text`, worked out by `make` unless it is kept; kept afterwards as the latest. */
  of(text: string, make: (text: string) => T): T {
    const kept = this.byText.get(text);
    if (kept !== undefined) this.drop(text);
    const result = kept ?? make(text);
    this.keep(text, result);
    return result;
  }

  private keep(text: string, result: T): void {
    if (text.length > TEXT_MEMO_CHARS) return;
    this.byText.set(text, result);
    this.chars += text.length;
    for (const oldest of this.byText.keys()) {
      if (this.chars <= TEXT_MEMO_CHARS) break;
      this.drop(oldest);
    }
  }

  private drop(text: string): void {
    this.byText.delete(text);
    this.chars -= text.length;
  }
}
