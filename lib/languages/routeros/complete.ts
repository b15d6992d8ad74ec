import type { Completion } from '../../core/language';
import type { RouterOsScript } from './ast';
import { statementsOf } from './statements';
import { activeTree, argumentDoc, choicesOf, describeType, valueType } from './tree';

/**
 * Menus after `/`, commands at the start of a line, and argument names after a command, from the active
 * command tree (built-in catalog or a loaded dump).
 */
export function completeRouterOs(script: RouterOsScript, text: string, offset: number): Completion[] {
  const tree = activeTree();
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  const before = text.slice(lineStart, offset);
  const current = /[^\s]*$/.exec(before)?.[0] ?? '';
  // The menu in effect at this line: the last statement before it.
  const previous = statementsOf(script)
    .filter((s) => s.end <= lineStart)
    .at(-1);
  const contextMenu = previous?.menu ?? '/';
  const words = before.trim().split(/\s+/).filter(Boolean);
  const replaceFrom = (start: number): { start: number; end: number } => ({ start, end: offset });

  if (current.startsWith('/') || (words.length > 0 && words[0]!.startsWith('/') && !before.includes('='))) {
    // A menu path: complete the last word against the children of the path so far.
    const path = before
      .trim()
      .replace(/^\//, '')
      .split(/[/\s]+/);
    const typed = before.endsWith(' ') || before.endsWith('/') ? '' : (path.pop() ?? '');
    const menu = tree.menus.get(`/${path.filter(Boolean).join(' ')}`);
    if (!menu) return [];
    const replace = replaceFrom(offset - typed.length);
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
  const menu = tree.menus.get(contextMenu);
  if (!menu) return [];
  if (words.length === 0 || (words.length === 1 && !before.endsWith(' '))) {
    const replace = replaceFrom(offset - current.length);
    return [...menu.commands.keys()].map((name) => ({
      label: name,
      kind: 'function',
      detail: `${contextMenu} ${name}`,
      replace,
    }));
  }
  const args = menu.commands.get(words[0] as string);
  if (!args) return [];
  if (current.includes('=')) {
    // Values: yes/no for boolean arguments, the words an enumerated argument takes.
    const name = current.slice(0, current.indexOf('='));
    const type = valueType(contextMenu, words[0] as string, name.replace(/^!/, ''));
    const choices = choicesOf(contextMenu, words[0] as string, name.replace(/^!/, ''));
    const replace = replaceFrom(offset - (current.length - name.length - 1));
    const values = type?.type === 'boolean' ? ['yes', 'no'] : (choices?.values ?? []);
    return values.map((v) => ({
      label: v,
      kind: 'value' as const,
      detail: choices && !choices.closed ? 'or another value' : undefined,
      replace,
    }));
  }
  const replace = replaceFrom(offset - current.length);
  return [...args].map((name) => {
    const type = valueType(contextMenu, words[0] as string, name);
    const detail = type ? `takes ${describeType(type)}` : `${contextMenu} ${words[0]}`;
    const documentation = argumentDoc(contextMenu, words[0] as string, name);
    return {
      label: `${name}=`,
      kind: 'property' as const,
      detail,
      replace,
      ...(documentation ? { documentation } : {}),
    };
  });
}
