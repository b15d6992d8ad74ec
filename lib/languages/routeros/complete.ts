import type { Completion } from '../../core/language';
import type { RouterOsScript } from './ast';
import { activeTree, argumentDoc, choicesOf, describeType, valueType, type MenuNode } from './catalog';
import { statementsOf } from './statements';

/** The text of the line up to the cursor, and where replacing starts. */
interface Cursor {
  offset: number;
  before: string;
  /** The word being typed. */
  current: string;
  words: string[];
}

const replaceFrom = (cursor: Cursor, start: number): { start: number; end: number } => ({ start, end: cursor.offset });

/**
 * Menus after `/`, commands at the start of a line, and argument names after a command, from the active
 * command tree (built-in catalog or a loaded dump).
 */
export function completeRouterOs(script: RouterOsScript, text: string, offset: number): Completion[] {
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  const before = text.slice(lineStart, offset);
  const current = /[^\s]*$/.exec(before)?.[0] ?? '';
  const words = before.trim().split(/\s+/).filter(Boolean);
  const cursor: Cursor = { offset, before, current, words };
  if (current.startsWith('/') || (words.length > 0 && words[0]!.startsWith('/') && !before.includes('=')))
    return completePath(cursor);
  // The menu in effect at this line: the last statement before it.
  const previous = statementsOf(script)
    .filter((s) => s.end <= lineStart)
    .at(-1);
  const contextMenu = previous?.menu ?? '/';
  const menu = activeTree().menus.get(contextMenu);
  if (!menu) return [];
  if (words.length === 0 || (words.length === 1 && !before.endsWith(' '))) {
    const replace = replaceFrom(cursor, offset - current.length);
    return [...menu.commands.keys()].map((name) => ({
      label: name,
      kind: 'function',
      detail: `${contextMenu} ${name}`,
      replace,
    }));
  }
  return completeArguments(cursor, menu, contextMenu);
}

/** A menu path: the last word against the children of the path so far. */
function completePath({ offset, before }: Cursor): Completion[] {
  const path = before
    .trim()
    .replace(/^\//, '')
    .split(/[/\s]+/);
  const typed = before.endsWith(' ') || before.endsWith('/') ? '' : (path.pop() ?? '');
  const menu = activeTree().menus.get(`/${path.filter(Boolean).join(' ')}`);
  if (!menu) return [];
  const replace = { start: offset - typed.length, end: offset };
  return [
    ...[...menu.children].map((name) => ({ label: name, kind: 'keyword' as const, detail: 'menu', replace })),
    ...[...menu.commands.keys()].map((name) => ({
      label: name,
      kind: 'function' as const,
      detail: 'command',
      replace,
    })),
  ];
}

/** Argument names of the command, or the values an argument takes after its `=`. */
function completeArguments(cursor: Cursor, menu: MenuNode, contextMenu: string): Completion[] {
  const { current, offset } = cursor;
  const command = cursor.words[0] as string;
  const args = menu.commands.get(command);
  if (!args) return [];
  if (current.includes('=')) {
    // Values: yes/no for boolean arguments, the words an enumerated argument takes.
    const name = current.slice(0, current.indexOf('='));
    const type = valueType(contextMenu, command, name.replace(/^!/, ''));
    const choices = choicesOf(contextMenu, command, name.replace(/^!/, ''));
    const replace = replaceFrom(cursor, offset - (current.length - name.length - 1));
    const values = type?.type === 'boolean' ? ['yes', 'no'] : (choices?.values ?? []);
    return values.map((v) => ({
      label: v,
      kind: 'value' as const,
      detail: choices && !choices.closed ? 'or another value' : undefined,
      replace,
    }));
  }
  const replace = replaceFrom(cursor, offset - current.length);
  return [...args].map((name) => {
    const type = valueType(contextMenu, command, name);
    const detail = type ? `takes ${describeType(type)}` : `${contextMenu} ${command}`;
    const documentation = argumentDoc(contextMenu, command, name);
    return {
      label: `${name}=`,
      kind: 'property' as const,
      detail,
      replace,
      ...(documentation ? { documentation } : {}),
    };
  });
}
