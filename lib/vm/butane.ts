/**
 * The test VM serves what deploy would upload: an Ignition file the site names as the target of a Butane source
 * (`butane.sources`) is the translation of the source as it is now, not the `.ign` on disk (which may be stale
 * or not written yet).
 */
import { butaneSourceOf, type SiteView } from '../core/ruleContext';
import { reportLine, translateSourceFile } from '../deploy';

/** What to answer for a path: the translation's text, or why there is none. */
export type ServedTranslation = { text: string } | { error: string };

/** The translation served at `path` (absolute, under the HTTP folder), or undefined when no source names it. */
export function servedTranslation(site: SiteView, path: string): ServedTranslation | undefined {
  const source = butaneSourceOf(site, path);
  if (!source) return undefined;
  const translated = translateSourceFile(site, source);
  if ('unreadable' in translated)
    return { error: `the Butane source of this file cannot be read (${translated.unreadable})` };
  const { text, result } = translated;
  if (result.output !== undefined) return { text: result.output };
  const first = result.errors[0];
  return { error: `the Butane source does not translate${first ? `: ${reportLine(first, text)}` : ''}` };
}
