import { report } from '../../../core/rule';
import { factsOf } from '../facts';
import { ipxeRule } from './shared';

export const unclosedExpansion = ipxeRule({
  id: 'ipxe.unclosedExpansion',
  language: 'ipxe',
  severity: 'warning',
  summary: "A `${` without its `}`: iPXE leaves the text as it is instead of the setting's value.",
  example: '#!ipxe\nchain http://${next-server/boot.ipxe',
  fix: 'Close the expansion with `}`.',
  levelWhy: 'Warning: the literal `${…` text ends up in a URL or argument, which is never what was meant.',
  check(script) {
    return factsOf(script).unclosed.map((u) =>
      report(this, { start: u.start, end: u.start + 2 }, '`${` is never closed with `}`: the text stays as it is.'),
    );
  },
});
