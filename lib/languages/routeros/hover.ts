import type { HoverInfo } from '../../core/language';
import { argValue, tokenOf, valueEnd, valueStart, type RouterOsScript } from './ast';
import type { Statement } from './statements';
import { arg, argText, dhcpModelOf, OPTION_MENU } from './dhcpModel';
import { describeBytes, parseOptionValue } from './optionValue';
import { resolveStatement } from './resolve';
import { activeTree, argumentDoc, choicesOf, describeType, valueType } from './catalog';

/** Option values: the bytes the router will send; argument names: where they belong and what they take. */
export function hoverRouterOs(script: RouterOsScript, _text: string, offset: number): HoverInfo | undefined {
  for (const s of dhcpModelOf(script).statements) {
    const named = s.args.find((a) => offset >= a.key.start && offset < a.key.start + a.name.length);
    const resolved = named ? resolveStatement(activeTree(), s) : undefined;
    const commandName = resolved?.command ?? s.command?.text;
    if (named && commandName) {
      const menu = resolved ? resolved.menu : s.menu;
      const bare = named.name.replace(/^!/, '');
      const type = resolved?.command ? valueType(menu, resolved.command, bare) : undefined;
      const choices = resolved?.command ? choicesOf(menu, resolved.command, bare) : undefined;
      const takes =
        choices && !type
          ? `${choices.closed ? (choices.list ? 'a comma-separated list of' : 'one of') : 'a value, or one of'} ` +
            `${listWords(choices.values)}`
          : describeType(type);
      const doc = resolved?.command ? argumentDoc(menu, resolved.command, bare) : undefined;
      return {
        markdown: `**${named.name}** — argument of \`${commandName}\` in ${menu}; takes ${takes}.${doc ? `\n\n${doc}` : ''}`,
        start: named.key.start,
        end: named.key.start + named.name.length,
      };
    }
    const menuHover = hoverMenu(s, offset);
    if (menuHover) return menuHover;
    const value = s.menu === OPTION_MENU ? arg(s, 'value') : undefined;
    const text = value && argValue(value);
    if (!value || !text || offset < valueStart(value) || offset > valueEnd(value)) continue;
    const result = parseOptionValue(text);
    if (result.error) return undefined;
    const code = argText(s, 'code');
    const parts = result.parts.map(
      (p) =>
        `- \`${p.source}\`: ${p.kind}${p.bytes ? ` → 0x${p.bytes.toString('hex')}` : ' (filled in by the router)'}`,
    );
    return {
      markdown: `**DHCP option ${code ?? '?'}** sends ${describeBytes(result)}\n\n${parts.join('\n')}`,
      start: valueStart(value),
      end: valueEnd(value),
    };
  }
  return undefined;
}

function listWords(values: string[]): string {
  const shown = values
    .slice(0, 12)
    .map((v) => `\`${v}\``)
    .join(', ');
  return values.length > 12 ? `${shown}, … (${values.length} in all)` : shown;
}

/** A `/menu path` word: what the tree knows of the menu, and say so when it is outside the built-in catalog. */
function hoverMenu(s: Statement, offset: number): HoverInfo | undefined {
  const first = tokenOf(s, 0);
  if (!first?.text.startsWith('/') || offset < first.start || offset >= (s.command?.start ?? s.end)) return undefined;
  const tree = activeTree();
  const resolved = resolveStatement(tree, s);
  const path = resolved && !resolved.problem ? resolved.menu : s.menu;
  const node = tree.menus.get(path);
  const span = {
    start: first.start,
    end: s.command?.start !== undefined ? Math.max(first.end, s.command.start - 1) : s.end,
  };
  if (node && path !== '/') {
    const commands = [...node.commands.keys()].sort().join(', ');
    const source = tree.complete
      ? `the loaded RouterOS ${tree.version} command tree`
      : `the built-in catalog (RouterOS ${tree.version} facts)`;
    return {
      markdown:
        `**${path}** — checked against ${source}.\n\nCommands: ` +
        `${commands}${node.children.size ? `\n\nSub-menus: ${[...node.children].sort().join(', ')}` : ''}`,
      ...span,
    };
  }
  if (tree.complete) return undefined;
  return {
    markdown:
      `**${s.menu}** is outside the built-in catalog, which covers the menus PXE setups use: its commands and ` +
      `arguments are not checked. Run **PXE: Load RouterOS Command Tree…** to check every menu.`,
    ...span,
  };
}
