import type { RouterOsScript, Token } from './ast';

/** Words RouterOS menus accept as commands (the rest of a menu line is the menu path). */
export const COMMAND_WORDS = new Set(['add', 'set', 'remove', 'print', 'find', 'enable', 'disable', 'export', 'import', 'get', 'edit', 'reset', 'comment', 'move', 'unset', 'monitor', 'reset-counters', 'make-static', 'check-status']);

export interface Argument {
  name: string;
  /** The `name=` word. */
  key: Token;
  /** The value as RouterOS reads it (quotes and escapes removed); undefined for a flag without `=`. */
  value?: string;
  /** The value's tokens' range (for a quoted value, the quotes included). */
  valueStart: number;
  valueEnd: number;
  quoted: boolean;
  /** False for a quoted value whose closing quote is missing (the tokenizer reports that). */
  closed: boolean;
}

export interface Statement {
  /** Menu path in effect, e.g. `/ip dhcp-server option`. */
  menu: string;
  /** The menu in effect before this statement (what a relative or command-only line is read against). */
  contextMenu: string;
  /** The statement's own top-level tokens (bracket contents left out). */
  tokens: Token[];
  command?: Token;
  args: Argument[];
  start: number;
  end: number;
  /** Where the command tree placed this statement (filled in lazily by the tree rules, per tree). */
  resolution?: { tree: object; result: unknown };
}

function unquote(text: string): string {
  if (!text.includes('\\')) return text.slice(1, text.endsWith('"') && text.length > 1 ? -1 : undefined);
  return text.slice(1, text.endsWith('"') && text.length > 1 ? -1 : undefined).replace(/\\(["\\$?_abfnrtv]|[0-9A-Fa-f]{2}|\r?\n\s*)/g, (_, e: string) => {
    if (/^[0-9A-Fa-f]{2}$/.test(e)) return String.fromCharCode(Number.parseInt(e, 16));
    const map: Record<string, string> = { n: '\n', r: '\r', t: '\t', a: '\x07', b: '\b', f: '\f', v: '\v', _: ' ' };
    return /^\r?\n/.test(e) ? '' : (map[e] ?? e);
  });
}

/**
 * Statements of a script: the menu in effect (a line like `/ip dhcp-server option` sets it for the lines
 * below), the command, and its `name=value` arguments. `[ … ]` and `{ … }` contents are skipped here.
 */
export function statementsOf(script: RouterOsScript): Statement[] {
  const statements: Statement[] = [];
  let menu = '/';
  let tokens: Token[] = [];
  const finish = (): void => {
    if (!tokens.length) return;
    const words = tokens;
    tokens = [];
    let i = 0;
    const path: string[] = [];
    if (words[0]?.kind === 'word' && words[0].text.startsWith('/')) {
      path.push(...words[0].text.split('/').filter(Boolean));
      i = 1;
      while (i < words.length && words[i]?.kind === 'word' && !COMMAND_WORDS.has(words[i]!.text) && !words[i]!.text.includes('=') && /^[a-z][a-z0-9-]*$/.test(words[i]!.text)) path.push(words[i++]!.text);
    }
    const statementMenu = path.length ? `/${path.join(' ')}` : menu;
    const contextMenu = menu;
    const command = words[i]?.kind === 'word' && COMMAND_WORDS.has(words[i]!.text) ? words[i] : undefined;
    // A path alone changes the menu; a path followed by arguments runs its last word (`/tool fetch url=…`).
    if (path.length && !command && i >= words.length) {
      menu = statementMenu;
      statements.push({ menu: statementMenu, contextMenu, tokens: words, args: [], start: words[0]!.start, end: words[words.length - 1]!.end });
      return;
    }
    const args: Argument[] = [];
    for (let j = command ? i + 1 : i; j < words.length; j++) {
      const token = words[j]!;
      if (token.kind !== 'word') continue;
      const eq = token.text.indexOf('=');
      if (eq <= 0) continue;
      const name = token.text.slice(0, eq);
      const inline = token.text.slice(eq + 1);
      const next = words[j + 1];
      if (!inline && next && next.start === token.end && next.kind === 'string') {
        const closed = next.text.length > 1 && next.text.endsWith('"') && !next.text.endsWith('\\"');
        args.push({ name, key: token, value: unquote(next.text), valueStart: next.start, valueEnd: next.end, quoted: true, closed });
        j++;
      } else {
        args.push({ name, key: token, value: inline, valueStart: token.start + eq + 1, valueEnd: token.end, quoted: false, closed: true });
      }
    }
    const statement: Statement = { menu: statementMenu, contextMenu, tokens: words, args, start: words[0]!.start, end: words[words.length - 1]!.end };
    if (command) statement.command = command;
    statements.push(statement);
  };
  let depth = 0;
  for (const token of script.tokens) {
    if (token.kind === 'open') depth++;
    if (token.kind === 'close') depth = Math.max(0, depth - 1);
    if (depth > 0 || token.kind === 'open' || token.kind === 'close') continue;
    if (token.kind === 'newline' || token.kind === 'semicolon') finish();
    else if (token.kind !== 'comment') tokens.push(token);
  }
  finish();
  return statements;
}
