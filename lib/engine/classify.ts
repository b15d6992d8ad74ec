import type { BoundLanguage } from '../core/language';
import { SERVICES, isLanguageId, type LanguageId } from './registry';

function parts(path: string): { name: string; parent: string } {
  // The last two segments, found from the end: a path is split once per file of a site walk.
  const end = lastSeparator(path, path.length);
  const before = end < 0 ? -1 : lastSeparator(path, end);
  return {
    name: path.slice(end + 1).toLowerCase(),
    parent: end < 0 ? '' : path.slice(before + 1, end).toLowerCase(),
  };
}

/** The last `/` or `\\` before `end`, or -1. */
function lastSeparator(path: string, end: number): number {
  return Math.max(path.lastIndexOf('/', end - 1), path.lastIndexOf('\\', end - 1));
}

/** The first language, in registry order, that claims the file. */
function first(claims: (language: BoundLanguage<LanguageId>) => boolean | undefined): LanguageId | undefined {
  for (const language of SERVICES.values()) if (claims(language)) return language.id;
  return undefined;
}

/**
 * Which of our languages a file is, as the editor and the CLI both decide it: a name that overrides the
 * editor (pxe-site.json), then the editor's language id when it is one of ours, then by name, by folder and by
 * content, each language asked in registry order. `text` undefined: decide without reading the file.
 * `undefined` means "not ours".
 */
export function classify(path: string, text: string | undefined, languageId?: string): LanguageId | undefined {
  const { name, parent } = parts(path);
  const fixed = first((l) => l.files.nameOverridesEditor && l.files.byName(name));
  if (fixed) return fixed;
  if (languageId && isLanguageId(languageId)) {
    const editor = SERVICES.get(languageId);
    if (editor?.files.editorIdHolds?.(name, parent, text) === false) return undefined;
    return languageId;
  }
  const byName = first((l) => l.files.byName(name)) ?? first((l) => l.files.byFolder?.(name, parent, text));
  if (byName || text === undefined) return byName;
  return first((l) => l.files.byContent?.(text, name, parent));
}
