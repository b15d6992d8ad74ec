/** Just enough of an nginx snippet to know which URL paths it serves from which folder. */

export interface Location {
  /** The prefix, e.g. `/tftp/` (modifiers `=`, `^~` honoured as prefixes; regex locations are skipped). */
  prefix: string;
  /** `alias` (replaces the prefix) or `root` (the URL path is appended). */
  mode?: 'alias' | 'root';
  dir?: string;
  /** Offsets of the prefix and of the alias/root value. */
  prefixStart: number;
  prefixEnd: number;
  dirStart?: number;
  dirEnd?: number;
}

interface Token {
  text: string;
  start: number;
  end: number;
}

function tokens(text: string): Token[] {
  const out: Token[] = [];
  const re = /#[^\n]*|"((?:[^"\\]|\\.)*)"|'((?:[^'\\]|\\.)*)'|[{};]|[^\s{};#"']+/g;
  for (const m of text.matchAll(re)) {
    if (m[0].startsWith('#')) continue;
    const quoted = m[1] ?? m[2];
    const start = m.index ?? 0;
    out.push(
      quoted !== undefined
        ? { text: quoted, start: start + 1, end: start + 1 + quoted.length }
        : { text: m[0], start, end: start + m[0].length },
    );
  }
  return out;
}

/** The prefix locations of a snippet (never throws; what it cannot read it leaves out). */
export function nginxLocations(text: string): Location[] {
  const locations: Location[] = [];
  const stack: (Location | undefined)[] = [];
  let statement: Token[] = [];
  for (const token of tokens(text)) {
    if (token.text === '{') {
      const [head, ...rest] = statement;
      let location: Location | undefined;
      if (head?.text === 'location') {
        const prefix =
          rest.length === 2 && (rest[0]?.text === '=' || rest[0]?.text === '^~')
            ? rest[1]
            : rest.length === 1
              ? rest[0]
              : undefined;
        if (prefix) location = { prefix: prefix.text, prefixStart: prefix.start, prefixEnd: prefix.end };
      }
      if (location) locations.push(location);
      stack.push(location);
      statement = [];
    } else if (token.text === '}') {
      stack.pop();
      statement = [];
    } else if (token.text === ';') {
      const current = stack.at(-1);
      const [head, value] = statement;
      if (current && value && (head?.text === 'alias' || head?.text === 'root')) {
        current.mode = head.text;
        current.dir = value.text;
        current.dirStart = value.start;
        current.dirEnd = value.end;
      }
      statement = [];
    } else {
      statement.push(token);
    }
  }
  return locations;
}

/** The location that serves a URL path (longest prefix), and the remote file it maps to. */
export function serve(locations: readonly Location[], path: string): { location: Location; file?: string } | undefined {
  let best: Location | undefined;
  for (const l of locations) if (path.startsWith(l.prefix) && (!best || l.prefix.length > best.prefix.length)) best = l;
  if (!best) return undefined;
  if (!best.dir) return { location: best };
  const file = best.mode === 'alias' ? best.dir + path.slice(best.prefix.length) : best.dir.replace(/\/$/, '') + path;
  return { location: best, file };
}
