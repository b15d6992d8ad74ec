import type { FileView } from './ruleContext';

/**
 * Facts read from files (a loader's embedded config, a signature verdict), kept per path and stamp (size,
 * time, inode) so a chain or lint rebuilt on every keystroke does not read and parse a binary again; a file
 * that changes gets a new stamp and is read anew. Without a stamp (an in-memory view) nothing is kept. At most
 * `max` facts: the oldest goes first.
 */
export function stampedFacts(max: number): <T>(files: FileView, path: string, what: string, read: () => T) => T {
  const facts = new Map<string, unknown>();
  return <T>(files: FileView, path: string, what: string, read: () => T): T => {
    const stamp = files.stamp?.(path);
    if (stamp === undefined) return read();
    const key = `${what}\u0000${path}\u0000${stamp}`;
    if (facts.has(key)) return facts.get(key) as T;
    const value = read();
    if (facts.size >= max) facts.delete(facts.keys().next().value as string);
    facts.set(key, value);
    return value;
  };
}
