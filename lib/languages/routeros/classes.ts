import { tokensOf, type RouterOsScript } from './ast';
import { resolveStatement } from './resolve';
import { statementsOf } from './statements';
import { activeTree } from './catalog';

/**
 * Per-character token classes in RouterOS's own vocabulary (what `/console/inspect request=highlight`
 * reports): `comment`, `dir` (menu path), `cmd`, `arg`, `arg-scope` and `arg-dot` (for `a.b=` names).
 * Characters we do not classify are undefined.
 */
export function tokenClasses(script: RouterOsScript): (string | undefined)[] {
  const classes = new Array<string | undefined>(script.tokens.at(-1)?.end ?? 0);
  const mark = (start: number, end: number, cls: string): void => {
    for (let i = start; i < end; i++) classes[i] = cls;
  };
  for (const t of script.tokens) if (t.kind === 'comment') mark(t.start, t.end, 'comment');
  const tree = activeTree();
  for (const s of statementsOf(script)) {
    for (const a of s.args) {
      const start = a.key.start + (a.name.startsWith('!') ? 1 : 0);
      const dot = a.name.lastIndexOf('.');
      if (dot > 0) {
        mark(start, a.key.start + dot, 'arg-scope');
        mark(a.key.start + dot, a.key.start + dot + 1, 'arg-dot');
        mark(a.key.start + dot + 1, a.key.start + a.name.length, 'arg');
      } else mark(start, a.key.start + a.name.length, 'arg');
    }
    const resolved = resolveStatement(tree, s);
    if (!resolved || resolved.problem) continue;
    if (resolved.command && s.command) mark(s.command.start, s.command.end, 'cmd');
    const tokens = tokensOf(s);
    const first = tokens[0];
    if (first?.kind === 'word' && first.text.startsWith('/') && !first.text.slice(1).includes('/')) {
      mark(first.start, first.end, 'dir');
      for (const t of tokens.slice(1)) {
        if (t === s.command || t.kind !== 'word' || t.text.includes('=')) break;
        mark(t.start, t.end, 'dir');
      }
    }
  }
  return classes;
}
