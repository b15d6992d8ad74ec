import type { Parsed } from '../../core/problem';
import type { Directive, PxelinuxConfig, Word } from './ast';

/** Next blank-separated word in `text` between `from` and `end`. */
/** A space or a tab (by character code: no string per character). */
const blank = (text: string, i: number): boolean => {
  const code = text.charCodeAt(i);
  return code === 32 || code === 9;
};

function wordAt(text: string, from: number, end: number): Word | undefined {
  let i = from;
  while (i < end && blank(text, i)) i++;
  if (i >= end) return undefined;
  const start = i;
  while (i < end && !blank(text, i)) i++;
  return { text: text.slice(start, i), start, end: i };
}

function restAt(text: string, from: number, end: number): Word | undefined {
  let start = from;
  while (start < end && blank(text, start)) start++;
  let stop = end;
  while (stop > start && blank(text, stop - 1)) stop--;
  return stop > start ? { text: text.slice(start, stop), start, end: stop } : undefined;
}

/** Parses a PXELINUX/SYSLINUX config. Never throws; unknown keywords are kept for the rules to judge. */
export function parsePxelinux(text: string): Parsed<PxelinuxConfig> {
  const config: PxelinuxConfig = { global: [], labels: [], directives: [] };
  let inHelpText = false;
  let offset = 0;
  while (offset <= text.length) {
    let lineEnd = text.indexOf('\n', offset);
    if (lineEnd < 0) lineEnd = text.length;
    const end = text[lineEnd - 1] === '\r' ? lineEnd - 1 : lineEnd;
    const keyword = wordAt(text, offset, end);
    if (keyword && !keyword.text.startsWith('#')) {
      const name = keyword.text.toLowerCase();
      if (inHelpText && name !== 'endtext') {
        // Help text is free text until ENDTEXT.
      } else {
        const directive: Directive = { keyword, name, start: keyword.start, end };
        let argFrom = keyword.end;
        if (name === 'menu' || name === 'text') {
          const sub = wordAt(text, keyword.end, end);
          if (sub) {
            directive.sub = sub;
            argFrom = sub.end;
          }
        }
        const argument = restAt(text, argFrom, end);
        if (argument) directive.argument = argument;
        // SYSLINUX skips every TEXT block to ENDTEXT (only TEXT HELP is shown, as the entry's help).
        if (name === 'text') inHelpText = true;
        if (name === 'endtext') inHelpText = false;
        config.directives.push(directive);
        const label = config.labels[config.labels.length - 1];
        if (name === 'label') {
          // The name is the rest of the line, spaces included (readconfig.c), so `LABEL Ubuntu 16.04` is one name.
          const labelName = restAt(text, keyword.end, end) ?? { text: '', start: keyword.end, end: keyword.end };
          config.labels.push({ name: labelName, directive, directives: [] });
        } else if (label) {
          label.directives.push(directive);
        } else {
          config.global.push(directive);
        }
      }
    }
    offset = lineEnd + 1;
  }
  return { ast: config, problems: [] };
}

/** SYSLINUX numbers: decimal, 0x hex, or a leading 0 for octal. */
export function parseNumber(text: string): number | undefined {
  if (/^-?0x[0-9a-f]+$/i.test(text))
    return Number.parseInt(text.replace(/^-/, ''), 16) * (text.startsWith('-') ? -1 : 1);
  if (/^-?0[0-7]+$/.test(text)) return Number.parseInt(text, 8);
  if (/^-?\d+$/.test(text)) return Number.parseInt(text, 10);
  return undefined;
}
