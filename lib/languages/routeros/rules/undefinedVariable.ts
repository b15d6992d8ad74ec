import type { Problem } from '../../../core/problem';
import { report } from '../../../core/rule';
import { didYouMean } from '../../../core/suggest';
import type { Token } from '../ast';
import { environmentVariables } from '../catalog';
import { routerosRule } from './shared';

/** Words after which a name is declared (`:set` too: a name the script sets is not a typo to report). */
const DECLARE = new Set([
  ':local',
  'local',
  ':global',
  'global',
  ':foreach',
  'foreach',
  ':for',
  'for',
  ':onerror',
  'onerror',
  ':set',
  'set',
]);
/** The longest of those words: a longer word is none of them, without hashing it (a big export has 100,000 words). */
const LONGEST_DECLARE = Math.max(...[...DECLARE].map((w) => w.length));
const TOP_DECLARE = new Set([':local', 'local', ':global', 'global']);
const DEFINE_FUNCTION = new Set([':local', 'local', ':global', 'global', ':set', 'set']);
/** Commands whose `do={ … }` runs in place with the script's variables; other commands' (`monitor … do={}`) get the item's properties. */
const SCRIPTING = new Set([
  ':if',
  'if',
  ':for',
  'for',
  ':foreach',
  'foreach',
  ':while',
  'while',
  ':do',
  'do',
  ':onerror',
  'onerror',
]);
/** `$name` outside a `\$` escape; `$"quoted-name"` and `$1` are left alone. */
const REFERENCE = /(?<!\\)\$([A-Za-z_][A-Za-z0-9_]*)/g;

/**
 * Spans whose `$names` need no declaration: function bodies (`:local f do={ … }`, the caller's named
 * arguments) and the `do={ … }` of menu commands (`monitor … once do={ :put $status }`, the item's properties).
 */
function functionBodies(tokens: readonly Token[]): { start: number; end: number }[] {
  const bodies: { start: number; end: number }[] = [];
  let first: Token | undefined;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (
      t.kind === 'newline' ||
      t.kind === 'semicolon' ||
      (t.kind === 'open' && t.text === '{' && tokens[i - 1]?.text !== 'do=')
    )
      first = undefined;
    else if (!first && t.kind === 'word') first = t;
    if (
      t.kind !== 'open' ||
      t.text !== '{' ||
      tokens[i - 1]?.text !== 'do=' ||
      !first ||
      (!DEFINE_FUNCTION.has(first.text) && SCRIPTING.has(first.text))
    )
      continue;
    let depth = 0;
    for (let j = i; j < tokens.length; j++) {
      if (tokens[j]!.kind === 'open') depth++;
      if (tokens[j]!.kind === 'close' && --depth === 0) {
        bodies.push({ start: t.start, end: tokens[j]!.end });
        break;
      }
    }
  }
  return bodies;
}

export const undefinedVariable = routerosRule({
  id: 'routeros.undefinedVariable',
  language: 'routeros',
  severity: 'warning',
  summary:
    'A `$variable` that no `:local`, `:global`, `:foreach` or `:for` in the script declares (often a misspelt name).',
  example: ':local server "192.168.255.2"\n/tool fetch url="http://$sever/boot.ipxe"',
  fix: 'Correct the name, or declare it first (`:global name` for a global another script sets).',
  levelWhy:
    'Very likely a misspelt or undeclared name (the scripting manual: every variable must be declared before use); a ' +
    'warning, not an error, because a file may be a fragment another script `:parse`s with that name ' +
    'as an argument.',
  check(script, text) {
    if (!text.includes('$')) return []; // no variable is used (most exports)
    const tokens = script.tokens;
    const declared = new Set(environmentVariables);
    let topLevel = false;
    let depth = 0; // bracket depth before token i
    for (let i = 0; i < tokens.length - 1; i++) {
      const next = tokens[i + 1]!;
      const word = tokens[i]!;
      const before = depth;
      depth += word.kind === 'open' ? 1 : word.kind === 'close' ? -1 : 0;
      if (word.kind !== 'word' || word.text.length > LONGEST_DECLARE || !DECLARE.has(word.text)) continue;
      if (TOP_DECLARE.has(word.text)) topLevel ||= before === 0;
      const name =
        next.kind === 'string' ? next.text.slice(1, -1) : next.kind === 'word' ? next.text.replace(/^\$/, '') : '';
      for (const n of name.split(',')) declared.add(n);
    }
    // A file with no declaration of its own is a fragment another script `:parse`s: its $names are arguments.
    if (!topLevel) return [];
    const bodies = functionBodies(tokens);
    const problems: Problem[] = [];
    let where = false;
    for (const t of tokens) {
      if (t.kind === 'newline' || t.kind === 'semicolon') where = false;
      if (t.text === 'where') where = true; // `print where $tag~"x"`: item properties
      if ((t.kind !== 'word' && t.kind !== 'string') || !t.text.includes('$') || where) continue;
      if (bodies.some((b) => t.start >= b.start && t.end <= b.end)) continue;
      for (const m of t.text.matchAll(REFERENCE)) {
        const name = m[1]!;
        if (declared.has(name)) continue;
        const start = t.start + m.index + 1;
        const suggestion = didYouMean(name, declared);
        problems.push(
          report(
            this,
            { start: start - 1, end: start + name.length },
            `$${name} is never declared in this ` +
              `script${suggestion ? `: did you mean $${suggestion}?` : ': declare it with :local or :global first.'} It has no value here.`,
            suggestion
              ? {
                  fixes: [
                    {
                      title: `Change to $${suggestion}`,
                      edits: [{ start, end: start + name.length, newText: suggestion }],
                      preferred: true,
                    },
                  ],
                }
              : undefined,
          ),
        );
      }
    }
    return problems;
  },
});
