import type { RouterOsScript, Token } from './ast';
import { parseRouterOs } from './parser';

const INDENT = '    ';

/** True when whitespace separates two tokens (a backslash-newline continuation alone does not). */
function separated(text: string, a: Token, b: Token): boolean {
  return (
    /[ \t\r]/.test(text.slice(a.end, b.start).replace(/\\\r?\n/g, '')) ||
    /\\\r?\n[ \t]/.test(text.slice(a.end, b.start))
  );
}

/**
 * Formats a RouterOS script without changing what it means: tokens and their adjacency stay as they are,
 * strings and comments untouched; runs of blanks become one space, continuation lines outside strings are
 * joined, blocks are indented by four spaces per `{`, trailing blanks and extra blank lines go.
 * Undefined when the script has syntax errors (it would be guessing).
 */
export function formatRouterOs(script: RouterOsScript, text: string): string | undefined {
  if (parseRouterOs(text).problems.length) return undefined;
  const lines: string[] = [];
  let depth = 0;
  let current: Token[] = [];
  let blank = 0;
  const flush = (): void => {
    if (!current.length) {
      blank++;
      if (blank === 1 && lines.length) lines.push('');
      return;
    }
    blank = 0;
    const first = current[0] as Token;
    const lineDepth = first.kind === 'close' && first.text === '}' ? Math.max(0, depth - 1) : depth;
    let out = INDENT.repeat(lineDepth);
    current.forEach((token, i) => {
      const previous = current[i - 1];
      if (previous && separated(text, previous, token)) out += ' ';
      out += token.kind === 'comment' ? token.text.replace(/[ \t\r]+$/, '') : token.text;
      if (token.kind === 'open' && token.text === '{') depth++;
      if (token.kind === 'close' && token.text === '}') depth = Math.max(0, depth - 1);
    });
    lines.push(out);
    current = [];
  };
  for (const token of script.tokens) {
    if (token.kind === 'newline') flush();
    else current.push(token);
  }
  if (current.length) flush();
  while (lines.length && lines[lines.length - 1] === '') lines.pop();
  return lines.length ? `${lines.join('\n')}\n` : '';
}
