import type { Problem } from '../../../core/problem';
import { report } from '../../../core/rule';
import { tokensOf } from '../ast';
import { dhcpModelOf } from '../dhcpModel';
import { routerosRule } from './shared';

const blanksOnly = (text: string): boolean => /^[ \t]+$/.test(text.replace(/\\\r?\n/g, ''));

const BLANK_EQUALS = /[ \t\n]=/;

export const spaceBeforeEquals = routerosRule({
  id: 'routeros.spaceBeforeEquals',
  language: 'routeros',
  severity: 'error',
  summary:
    'A blank between an argument name and its `=` (`gateway = 10.0.0.1`, `name =boot`). A blank after the `=` is fine.',
  example: '/ip dhcp-server network\nadd address=192.168.255.0/24 next-server = 192.168.255.2',
  fix: 'Remove the blank before the `=`: next-server=192.168.255.2.',
  levelWhy:
    'RouterOS reads the name and `=value` as two words and refuses the line (the scripting manual lists `gateway = ' +
    '3.3.3.3` as incorrect): the import stops there.',
  check(script, text) {
    // A blank (or a continuation's newline) just before an `=` is what this rule looks for: most files have none. A
    // stored script's tokens come from its unescaped text (`\_` is a blank there): those are always looked at.
    const blankBeforeEquals = BLANK_EQUALS.test(text);
    const problems: Problem[] = [];
    const { statements } = dhcpModelOf(script);
    for (let k = 0; k < statements.length; k++) {
      const s = statements[k]!;
      if (!blankBeforeEquals && s.nesting !== 'quoted') continue;
      // `where` and `find` take expressions, where `name = value` is a comparison.
      if (s.command?.text === 'find' || s.command?.text === 'print') continue;
      const tokens = tokensOf(s);
      for (let i = 0; i < tokens.length; i++) {
        const token = tokens[i]!;
        if (token.text === 'where') break;
        const previous = tokens[i - 1];
        if (
          !previous ||
          token.kind !== 'word' ||
          !token.text.startsWith('=') ||
          previous.kind !== 'word' ||
          previous.text.includes('=') ||
          i < 2
        )
          continue;
        if (!/^!?[a-z][a-z0-9.-]*$/.test(previous.text) || !blanksOnly(text.slice(previous.end, token.start))) continue;
        const next = token.text === '=' ? tokens[i + 1] : undefined;
        const end = next && blanksOnly(text.slice(token.end, next.start)) ? next.end : token.end;
        const written = `${previous.text}=${text.slice(token.start + 1, end).trim()}`;
        problems.push(
          report(
            this,
            { start: previous.start, end },
            `A blank before the \`=\`: RouterOS reads "${previous.text}" and "${token.text}" as separate words and ` +
              `refuses the line. Write ${written}.`,
            {
              fixes: [
                {
                  title: `Write ${written}`,
                  edits: [{ start: previous.start, end, newText: written }],
                  preferred: true,
                },
              ],
            },
          ),
        );
      }
    }
    return problems;
  },
});
