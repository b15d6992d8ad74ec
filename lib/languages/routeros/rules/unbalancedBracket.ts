import { parserRule } from '../../../core/rule';

export const unbalancedBracket = parserRule({
  id: 'routeros.unbalancedBracket',
  language: 'routeros',
  severity: 'error',
  summary: 'A `[`, `{` or `(` without its partner, or a closer that matches nothing.',
  example: '/ip dhcp-server lease set [find mac-address=52:54:00:12:34:56 dhcp-option-set=fcos',
  fix: 'Add or remove the bracket so each opener has its closer.',
  levelWhy:
    'An unmatched bracket is a syntax error: RouterOS refuses the whole script (or the line), and the import fails.',
});
