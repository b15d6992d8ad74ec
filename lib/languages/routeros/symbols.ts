import type { Span, SymbolInfo } from '../../core/language';
import { argValue, type RouterOsScript, valueEnd, valueStart } from './ast';
import { arg, dhcpModelOf } from './dhcpModel';

/** One section per menu in file order, with its statements (named by `name=`, `address=` … when they have one). */
export function symbolsRouterOs(script: RouterOsScript): SymbolInfo[] {
  const sections: SymbolInfo[] = [];
  for (const s of dhcpModelOf(script).statements) {
    if (s.nesting !== 'top' || (!s.command && !s.args.length)) continue; // a menu line, a scripting line, a block's line
    let section = sections[sections.length - 1];
    if (!section || section.name !== s.menu) {
      section = {
        name: s.menu,
        kind: 'section',
        start: s.start,
        end: s.end,
        selectionStart: s.start,
        selectionEnd: s.start,
        children: [],
      };
      sections.push(section);
    }
    section.end = s.end;
    const label = arg(s, 'name') ?? arg(s, 'address') ?? arg(s, 'mac-address') ?? arg(s, 'real-filename');
    const name = `${s.command?.text ?? ''} ${(label && argValue(label)) ?? ''}`.trim() || '(statement)';
    section.children!.push({
      name,
      kind: 'command',
      start: s.start,
      end: s.end,
      selectionStart: (label && valueStart(label)) ?? s.start,
      selectionEnd: (label && valueEnd(label)) ?? s.end,
    });
  }
  return sections;
}

export function foldingRouterOs(script: RouterOsScript): Span[] {
  return symbolsRouterOs(script).map((s) => ({ start: s.start, end: s.end }));
}
