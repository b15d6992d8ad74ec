import type { HoverInfo } from '../../core/language';
import type { PxelinuxConfig } from './ast';
import { APPEND_BITS, KEYWORDS, MENU_KEYWORDS, UBOOT_KEYWORDS } from './catalog';
import { parseNumber } from './parser';

const WHERE: Record<string, string> = { global: 'before the first LABEL', label: 'inside a LABEL', any: 'anywhere' };

/** Docs for the keyword (or MENU directive) under the cursor, and what an IPAPPEND/SYSAPPEND value adds. */
export function hoverPxelinux(config: PxelinuxConfig, _text: string, offset: number): HoverInfo | undefined {
  for (const directive of config.directives) {
    const arg = directive.argument;
    if (
      (directive.name === 'ipappend' || directive.name === 'sysappend') &&
      arg &&
      offset >= arg.start &&
      offset <= arg.end
    ) {
      const value = parseNumber(arg.text.split(/\s+/)[0] as string);
      if (value !== undefined) {
        const adds = APPEND_BITS.filter(([bit]) => (value & bit) !== 0).map(
          ([bit, text]) => `- 0x${bit.toString(16)}: ${text}`,
        );
        return {
          markdown:
            `**${directive.keyword.text.toUpperCase()} ${arg.text}** adds to the kernel command ` +
            `line:\n\n${adds.join('\n') || '(nothing)'}`,
          start: arg.start,
          end: arg.end,
        };
      }
    }
    const { keyword, sub } = directive;
    if (directive.name === 'menu' && sub && offset >= sub.start && offset <= sub.end) {
      const spec = MENU_KEYWORDS.get(sub.text.toLowerCase());
      if (spec)
        return {
          markdown: `**MENU ${sub.text.toUpperCase()}** (${spec.argument}; ${WHERE[spec.where]})\n\n${spec.summary}`,
          start: keyword.start,
          end: sub.end,
        };
    }
    if (offset >= keyword.start && offset <= keyword.end) {
      const spec = KEYWORDS.get(directive.name) ?? UBOOT_KEYWORDS.get(directive.name);
      if (spec)
        return {
          markdown: `**${keyword.text.toUpperCase()}** (${spec.argument}; ${WHERE[spec.where]})\n\n${spec.summary}`,
          start: keyword.start,
          end: keyword.end,
        };
    }
  }
  return undefined;
}
