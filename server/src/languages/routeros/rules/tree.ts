import type { Problem } from '../../../core/problem';
import type { Rule } from '../../../core/rule';
import { didYouMean } from '../../../core/suggest';
import type { RouterOsScript } from '../ast';
import { dhcpModelOf } from '../dhcp';
import type { Statement } from '../statements';
import { activeTree, type CommandTree } from '../tree';

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
  const tokens = s.tokens.filter((t) => t.kind === 'word' || t.kind === 'string');
  const first = tokens[0];
  if (!first || first.kind !== 'word') return undefined;
  if (first.text.startsWith(':')) {
    const name = first.text.slice(1);
    // `:put` is a scripting command; `:log info …` reaches a top-level menu's commands the same way.
    if (tree.topCommands.has(name) || tree.topMenus.has(name)) return { menuPath: [], menu: '/', command: name };
    return { menuPath: [], menu: '/', problem: { word: first, kind: 'command', candidates: [...tree.topCommands].map((c) => `:${c}`) } };
  }
  if (first.text.startsWith('$') || first.text.includes('=')) return undefined;
  let parts = menuParts.get(s.contextMenu);
  if (!parts) menuParts.set(s.contextMenu, (parts = s.contextMenu.split(/[/ ]/).filter(Boolean)));
  const path = first.text.startsWith('/') ? [] : parts;
  const words: { text: string; start: number; end: number }[] = [];
  if (first.text.startsWith('/')) {
    let offset = first.start;
    for (const part of first.text.split('/')) {
      if (part) words.push({ text: part, start: offset, end: offset + part.length });
      offset += part.length + 1;
    }
  }
  for (const token of tokens.slice(first.text.startsWith('/') ? 1 : 0)) {
    if (token.kind !== 'word' || token.text.includes('=') || !/^[a-z][a-z0-9-]*$/.test(token.text)) break;
    words.push(token);
  }
  // Exports repeat the same menu and command on thousands of lines: resolve each combination once per tree.
  const memoKey = `${first.text.startsWith('/') ? '' : s.contextMenu}|${words.map((w) => w.text).join(' ')}`;
  let memo = known.get(tree);
  if (!memo) known.set(tree, (memo = new Map()));
  const hit = memo.get(memoKey);
  if (hit) return hit;
  const result = walk(tree, words, path, tokens, first);
  if (!result?.problem) memo.set(memoKey, result); // a problem names its word's position: not shared
  return result;
}

const known = new WeakMap<CommandTree, Map<string, Resolved | undefined>>();

function walk(tree: CommandTree, words: { text: string; start: number; end: number }[], start: string[], tokens: Statement['tokens'], first: Statement['tokens'][number]): Resolved | undefined {
  let path = start;
  for (const word of words) {
    const node = tree.menus.get(key(path));
    if (!node) return undefined; // outside what the tree covers
    if (node.children.has(word.text)) {
      path = [...path, word.text];
      continue;
    }
    if (node.commands.has(word.text)) return { menuPath: path, menu: key(path), command: word.text };
    // A word in a /path, or a word followed by more path-like words, names a menu; otherwise a command.
    const lastToken = tokens[tokens.length - 1];
    const pathOnly = first.text.startsWith('/') && lastToken !== undefined && lastToken.end <= word.end;
    const kind = word !== words[words.length - 1] || pathOnly || (first.text.startsWith('/') && first.end >= word.end) ? 'menu' : 'command';
    return { menuPath: path, menu: key(path), problem: { word, kind, candidates: [...node.children, ...node.commands.keys()] } };
  }
  return { menuPath: path, menu: key(path) };
}

/** Statements whose menu and command the tree knows, with both resolved. */
export function* resolvedCommands(script: RouterOsScript): Generator<{ statement: Statement; menu: string; command: string; tree: CommandTree }> {
  const tree = activeTree();
  for (const statement of dhcpModelOf(script).statements) {
    const resolved = resolveStatement(tree, statement);
    if (resolved?.command && !resolved.problem) yield { statement, menu: resolved.menu, command: resolved.command, tree };
  }
}

export const unknownMenuOrCommand: Rule<RouterOsScript> = {
  id: 'routeros.unknownCommand',
  language: 'routeros',
  severity: 'error',
  summary: 'A menu or command RouterOS does not have (checked against the built-in catalog of PXE menus, or the full command tree when one is loaded).',
  example: '/ip dhcp-server optoin\nadd code=66 name=tftp value="s\'192.168.255.2\'"',
  fix: 'Correct the spelling (the message suggests the closest), or load the command tree of your RouterOS version.',
  check(script) {
    const tree = activeTree();
    const problems: Problem[] = [];
    for (const s of dhcpModelOf(script).statements) {
      const problem = resolveStatement(tree, s)?.problem;
      if (!problem) continue;
      const suggestion = didYouMean(problem.word.text, problem.candidates);
      // The built-in catalog does not know menus that packages add (wireless, …): without a full tree, an
      // unknown sub-menu is reported only when it looks like a typo of a known one.
      if (problem.kind === 'menu' && !tree.complete && !suggestion) continue;
      problems.push({
        ruleId: this.id,
        start: problem.word.start,
        end: problem.word.end,
        message: `RouterOS ${tree.version} has no ${problem.kind} "${problem.word.text}" here${suggestion ? `: did you mean "${suggestion}"?` : '.'}`,
        ...(suggestion ? { fixes: [{ title: `Change to ${suggestion}`, edits: [{ start: problem.word.start, end: problem.word.end, newText: suggestion }], preferred: true }] } : {}),
      });
    }
    return problems;
  },
};

export const unknownArgument: Rule<RouterOsScript> = {
  id: 'routeros.unknownArgument',
  language: 'routeros',
  severity: 'error',
  summary: 'An argument the command does not take: RouterOS stops the import with "expected end of command".',
  example: '/ip dhcp-server network\nadd address=192.168.255.0/24 next-sever=192.168.255.2',
  fix: 'Correct the spelling (the message suggests the closest argument).',
  check(script) {
    const problems: Problem[] = [];
    for (const { statement: s, menu, command, tree } of resolvedCommands(script)) {
      const args = tree.menus.get(menu)?.commands.get(command);
      if (!args) continue;
      for (const a of s.args) {
        const name = a.name.replace(/^!/, '');
        if (args.has(name)) continue;
        const suggestion = didYouMean(name, args);
        const range = { start: a.key.start + (a.name.length - name.length), end: a.key.start + a.name.length };
        problems.push({
          ruleId: this.id,
          ...range,
          message: `\`${command}\` in ${menu} has no argument "${name}"${suggestion ? `: did you mean "${suggestion}"?` : '.'}`,
          ...(suggestion ? { fixes: [{ title: `Change to ${suggestion}`, edits: [{ ...range, newText: suggestion }], preferred: true }] } : {}),
        });
      }
    }
    return problems;
  },
};

