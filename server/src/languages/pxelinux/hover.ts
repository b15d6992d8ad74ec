import type { HoverInfo } from '../../core/language';
import type { PxelinuxConfig } from './ast';
import { KEYWORDS, MENU_KEYWORDS } from './catalog';

const WHERE: Record<string, string> = { global: 'before the first LABEL', label: 'inside a LABEL', any: 'anywhere' };

/** Docs for the keyword (or MENU directive) under the cursor. */
export function hoverPxelinux(config: PxelinuxConfig, _text: string, offset: number): HoverInfo | undefined {
  for (const directive of config.directives) {
    const { keyword, sub } = directive;
    if (directive.name === 'menu' && sub && offset >= sub.start && offset <= sub.end) {
      const spec = MENU_KEYWORDS.get(sub.text.toLowerCase());
      if (spec) return { markdown: `**MENU ${sub.text.toUpperCase()}** (${spec.argument}; ${WHERE[spec.where]})\n\n${spec.summary}`, start: keyword.start, end: sub.end };
    }
    if (offset >= keyword.start && offset <= keyword.end) {
      const spec = KEYWORDS.get(directive.name);
      if (spec) return { markdown: `**${keyword.text.toUpperCase()}** (${spec.argument}; ${WHERE[spec.where]})\n\n${spec.summary}`, start: keyword.start, end: keyword.end };
    }
  }
  return undefined;
}
