/** A text with edits applied at positions wrapped into its length (for fast-check property tests). */
export interface Edit {
  at: number;
  remove: number;
  insert: string;
}

export function mutate(seed: string, edits: readonly Edit[]): string {
  let text = seed;
  for (const e of edits) {
    const at = text.length ? e.at % (text.length + 1) : 0;
    text = text.slice(0, at) + e.insert + text.slice(at + e.remove);
  }
  return text;
}
