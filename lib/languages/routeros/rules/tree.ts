import type { Problem } from '../../../core/problem';
import type { Rule } from '../../../core/rule';
import { didYouMean } from '../../../core/suggest';
import type { RouterOsScript } from '../ast';
import { dhcpModelOf } from '../dhcp';
import type { Statement } from '../statements';
import {
  activeTree,
  declaredVersion,
  extraRootCommands,
  packageMenus,
  v6Only,
  v7Since,
  type CommandTree,
} from '../tree';

interface Resolved {
  menuPath: string[];
  /** `menuPath` as a menu key: `/ip dhcp-server option`. */
  menu: string;
  command?: string;
  problem?: { word: { text: string; start: number; end: number }; kind: 'menu' | 'command'; candidates: string[] };
}

const key = (path: string[]): string => `/${path.join(' ')}`;

const menuParts = new Map<string, string[]>();

/** Walks a statement's menu path and command through the tree (once per statement and tree). */
export function resolveStatement(tree: CommandTree, s: Statement): Resolved | undefined {
  if (s.resolution?.tree === tree) return s.resolution.result as Resolved | undefined;
  const result = resolve(tree, s);
  s.resolution = { tree, result };
  return result;
}

/** Stops quietly outside what the tree covers. */
function resolve(tree: CommandTree, s: Statement): Resolved | undefined {
  const first = s.words[0];
  if (!first) return undefined;
  if (first.text.startsWith(':')) {
    const name = first.text.slice(1);
    // `:put` is a scripting command; `:log info …` reaches a top-level menu's commands the same way.
    if (tree.topCommands.has(name) || tree.topMenus.has(name)) return { menuPath: [], menu: '/', command: name };
    const whole = unique(name, [...tree.topCommands, ...tree.topMenus]);
    if (whole) return { menuPath: [], menu: '/', command: whole };
    return {
      menuPath: [],
      menu: '/',
      problem: { word: first, kind: 'command', candidates: [...tree.topCommands].map((c) => `:${c}`) },
    };
  }
  const absolute = s.tokens[0]?.text.startsWith('/') ?? false;
  let parts = menuParts.get(s.contextMenu);
  if (!parts) menuParts.set(s.contextMenu, (parts = s.contextMenu.split(/[/ ]/).filter(Boolean)));
  // Exports repeat the same menu and command on thousands of lines: resolve each combination once per tree.
  const memoKey = `${absolute ? '' : s.contextMenu}|${s.words.map((w) => w.text).join(' ')}|${s.pathOnly}`;
  let memo = known.get(tree);
  if (!memo) known.set(tree, (memo = new Map()));
  const hit = memo.get(memoKey);
  if (hit) return hit;
  const result = walk(tree, s, absolute ? [] : parts);
  if (!result?.problem) memo.set(memoKey, result); // a problem names its word's position: not shared
  return result;
}

/** The one candidate that starts with `word`, if exactly one does. */
function unique(word: string, candidates: string[]): string | undefined {
  const matches = candidates.filter((c) => c.startsWith(word));
  return matches.length === 1 ? matches[0] : undefined;
}

const known = new WeakMap<CommandTree, Map<string, Resolved | undefined>>();

function walk(tree: CommandTree, s: Statement, start: string[]): Resolved | undefined {
  let path = start;
  const words = s.words;
  for (const [i, word] of words.entries()) {
    const node = tree.menus.get(key(path));
    if (!node) return undefined; // outside what the tree covers
    if (node.children.has(word.text)) {
      path = [...path, word.text];
      continue;
    }
    if (node.commands.has(word.text)) return { menuPath: path, menu: key(path), command: word.text };
    if (path.length === 0 && extraRootCommands.has(word.text)) return undefined; // `/ping`: arguments not catalogued
    // RouterOS takes an unambiguous beginning of a name (`/ip fire fil`, `:typ` for `:typeof`).
    const whole = unique(word.text, [...node.children, ...node.commands.keys()]);
    if (whole && node.children.has(whole)) {
      path = [...path, whole];
      continue;
    }
    if (whole) return { menuPath: path, menu: key(path), command: whole };
    // Scripting commands (`put`, `local`, `if`) work without `:` (RouterOS reads them from any menu).
    if (i === 0 && tree.topCommands.has(word.text)) return { menuPath: [], menu: '/', command: word.text };
    // Menus that packages add (container, wireless, …): outside what a base-system tree covers.
    if (!tree.complete && packageMenus.get(key(path))?.has(word.text)) return undefined;
    // In a /path, a word followed by more words, or a path alone, names a menu; otherwise a command.
    const kind = s.tokens[0]?.text.startsWith('/') && (i < words.length - 1 || s.pathOnly) ? 'menu' : 'command';
    const extra = tree.complete ? [] : [...(packageMenus.get(key(path)) ?? [])];
    const candidates =
      kind === 'menu' ? [...node.children, ...extra] : [...node.children, ...extra, ...node.commands.keys()];
    return { menuPath: path, menu: key(path), problem: { word, kind, candidates } };
  }
  return { menuPath: path, menu: key(path) };
}

/** Statements whose menu and command the tree knows, with both resolved (quoted scripts' too). */
export function* resolvedCommands(
  script: RouterOsScript,
): Generator<{ statement: Statement; menu: string; command: string; tree: CommandTree }> {
  const tree = activeTree();
  for (const statement of dhcpModelOf(script).statements) {
    const resolved = resolveStatement(tree, statement);
    if (resolved?.command && !resolved.problem)
      yield { statement, menu: resolved.menu, command: resolved.command, tree };
  }
}

/** Unknown menus and commands of the statements `which` selects. */
function commandProblems(
  ruleId: string,
  script: RouterOsScript,
  text: string,
  path: string | undefined,
  which: (s: Statement) => boolean,
  quoted: boolean,
): Problem[] {
  const tree = activeTree();
  const v6 = declaredVersion(text, path) === 6;
  const problems: Problem[] = [];
  for (const s of dhcpModelOf(script).statements) {
    if (!which(s)) continue;
    const resolved = resolveStatement(tree, s);
    if (v6 && resolved?.command) problems.push(...v7Syntax(ruleId, s, resolved.command, quoted));
    const problem = resolved?.problem;
    if (!resolved || !problem) continue;
    const suggestion = didYouMean(problem.word.text, problem.candidates);
    // The built-in catalog does not know menus that packages add (wireless, …): without a full tree, an
    // unknown sub-menu is reported only when it looks like a typo of a known one.
    if (problem.kind === 'menu' && !tree.complete && !suggestion) continue;
    const old = v6Only(`${resolved.menu === '/' ? '' : resolved.menu} ${problem.word.text}`.trim());
    if (old && v6) continue; // the script says it is for RouterOS 6, which has this menu
    const packaged = packageMenus.get(resolved.menu)?.has(problem.word.text);
    const version = old
      ? `RouterOS 7 (${tree.version}) has no ${problem.kind} "${problem.word.text}" here: it is RouterOS 6's, and ${old}.`
      : packaged
        ? `The loaded RouterOS ${tree.version} tree has no menu "${problem.word.text}": it comes with an extra package or with the hardware, which the device the tree was dumped from lacks.`
        : `RouterOS ${tree.version} has no ${problem.kind} "${problem.word.text}" here${suggestion ? `: did you mean "${suggestion}"?` : '.'}`;
    problems.push({
      ruleId,
      start: problem.word.start,
      end: problem.word.end,
      message: quoted ? `${version} The script is stored as it is, and fails here each time it runs.` : version,
      ...(suggestion && !quoted && !old && !packaged
        ? {
            fixes: [
              {
                title: `Change to ${suggestion}`,
                edits: [{ start: problem.word.start, end: problem.word.end, newText: suggestion }],
                preferred: true,
              },
            ],
          }
        : {}),
    });
  }
  return problems;
}

/** In a script declared for RouterOS 6: v7's slash paths and the scripting commands v7 added. */
function v7Syntax(ruleId: string, s: Statement, command: string, quoted: boolean): Problem[] {
  const tail = quoted ? ' The script is stored as it is, and fails here each time it runs.' : '';
  const first = s.tokens[0];
  if (first?.text.startsWith('/') && first.text.slice(1).includes('/')) {
    return [
      {
        ruleId,
        start: first.start,
        end: first.end,
        message: `The script says it is for RouterOS 6, which has no slash-separated paths (RouterOS 7's syntax): write ${first.text.split('/').filter(Boolean).join(' ').replace(/^/, '/')} with spaces.${tail}`,
      },
    ];
  }
  const since = s.words[0]?.text.replace(/^:/, '') === command ? v7Since(command) : undefined;
  const word = s.words[0];
  return since && word
    ? [
        {
          ruleId,
          start: word.start,
          end: word.end,
          message: `The script says it is for RouterOS 6, which has no :${command} (RouterOS ${since} and later).${tail}`,
        },
      ]
    : [];
}

/** Arguments the resolved command does not take, for the statements `which` selects. */
function argumentProblems(
  ruleId: string,
  script: RouterOsScript,
  text: string,
  path: string | undefined,
  which: (s: Statement) => boolean,
  quoted: boolean,
): Problem[] {
  const problems: Problem[] = [];
  const v6 = declaredVersion(text, path) === 6;
  for (const { statement: s, menu, command, tree } of resolvedCommands(script)) {
    if (!which(s) || command === 'find') continue; // `find name=…` filters on properties (routeros.unknownFilterProperty)
    const args = tree.menus.get(menu)?.commands.get(command);
    if (!args) continue;
    const where = s.tokens.find((t) => t.text === 'where');
    for (const a of s.args) {
      if (where && a.key.start > where.start) break;
      const name = a.name.replace(/^!/, '');
      if (args.has(name) || unique(name, [...args])) continue; // RouterOS takes `freq=` for `frequency=`
      const old = v6Only(`${menu}|${name}`);
      if (old && v6) continue;
      const suggestion = old ? undefined : didYouMean(name, args);
      const keyStart = a.key.start + (a.key.text.startsWith('!') ? 1 : 0);
      const range = { start: keyStart, end: a.key.start + a.key.text.indexOf('=') };
      const said = old
        ? `\`${command}\` in ${menu} has no argument "${name}" in RouterOS 7 (${tree.version}): it is RouterOS 6's, and ${old}.`
        : `\`${command}\` in ${menu} has no argument "${name}"${suggestion ? `: did you mean "${suggestion}"?` : '.'}`;
      problems.push({
        ruleId,
        ...range,
        message: quoted ? `${said} The script is stored as it is, and fails here each time it runs.` : said,
        ...(suggestion && !quoted
          ? {
              fixes: [
                { title: `Change to ${suggestion}`, edits: [{ ...range, newText: suggestion }], preferred: true },
              ],
            }
          : {}),
      });
    }
  }
  return problems;
}

const runNow = (s: Statement): boolean => s.nesting !== 'quoted';

export const unknownMenuOrCommand: Rule<RouterOsScript> = {
  id: 'routeros.unknownCommand',
  language: 'routeros',
  severity: 'error',
  summary:
    'A menu or command RouterOS does not have — also inside `{ … }` blocks (checked against the built-in catalog of PXE menus, or the full command tree when one is loaded).',
  example: '/ip dhcp-server optoin\nadd code=66 name=tftp value="s\'192.168.255.2\'"',
  fix: 'Correct the spelling (the message suggests the closest), or load the command tree of your RouterOS version.',
  levelWhy:
    'RouterOS parses the whole line, blocks included, before running it: "bad command name" stops the import there.',
  check(script, text, context) {
    return commandProblems(this.id, script, text, context.path, runNow, false);
  },
};

export const unknownArgument: Rule<RouterOsScript> = {
  id: 'routeros.unknownArgument',
  language: 'routeros',
  severity: 'error',
  summary: 'An argument the command does not take: RouterOS stops the import with "expected end of command".',
  example: '/ip dhcp-server network\nadd address=192.168.255.0/24 next-sever=192.168.255.2',
  fix: 'Correct the spelling (the message suggests the closest argument).',
  levelWhy: 'RouterOS refuses the line ("expected end of command") and the import stops there.',
  check(script, text, context) {
    return argumentProblems(this.id, script, text, context.path, runNow, false);
  },
};

export const unknownInStoredScript: Rule<RouterOsScript> = {
  id: 'routeros.unknownInStoredScript',
  language: 'routeros',
  severity: 'warning',
  summary:
    'A menu, command or argument RouterOS does not have, inside a quoted script (`source="…"`, `on-event="…"`, `lease-script="…"`).',
  example: '/system scheduler\nadd name=nightly interval=1d on-event="/system scirpt run backup"',
  fix: 'Correct the spelling inside the quotes (the message suggests the closest).',
  levelWhy:
    'The import stores the quoted text as it is and succeeds; the script then fails each time it runs — very likely wrong, but nothing stops.',
  check(script, text, context) {
    const quoted = (s: Statement): boolean => s.nesting === 'quoted';
    return [
      ...commandProblems(this.id, script, text, context.path, quoted, true),
      ...argumentProblems(this.id, script, text, context.path, quoted, true),
    ];
  },
};
