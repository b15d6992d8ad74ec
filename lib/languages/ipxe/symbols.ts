import type { Span, SymbolInfo } from '../../core/language';
import type { IpxeScript } from './ast';
import { modelOf } from './model';

/** Labels as sections (each runs to the next label), and the settings the script sets. */
export function symbolsIpxe(script: IpxeScript, text: string): SymbolInfo[] {
  const model = modelOf(script, text);
  const symbols: SymbolInfo[] = [];
  const labelLines = script.lines.filter((l) => l.label);
  labelLines.forEach((line, index) => {
    const label = line.label!;
    const next = labelLines[index + 1];
    const end = lastContentEnd(script, next ? next.start : text.length + 1);
    symbols.push({
      name: `:${label.name}`,
      kind: 'label',
      start: line.start,
      end: Math.max(end, label.end),
      selectionStart: label.start,
      selectionEnd: label.end,
    });
  });
  const seen = new Set<string>();
  for (const def of model.defs) {
    if (seen.has(def.name) || def.command.name.text !== 'set') continue;
    seen.add(def.name);
    symbols.push({
      name: def.name,
      kind: 'variable',
      ...(def.value !== undefined ? { detail: def.value } : {}),
      start: def.command.start,
      end: def.command.end,
      selectionStart: def.nameStart,
      selectionEnd: def.nameEnd,
    });
  }
  return symbols.sort((a, b) => a.start - b.start);
}

/** End of the last non-blank line before `offset`. */
function lastContentEnd(script: IpxeScript, offset: number): number {
  const before = script.lines.filter((l) => l.end <= offset && (l.commands.length || l.label || l.comment));
  return before[before.length - 1]?.end ?? offset;
}

export function foldingIpxe(script: IpxeScript, text: string): Span[] {
  return symbolsIpxe(script, text)
    .filter((s) => s.kind === 'label')
    .map((s) => ({ start: s.start, end: s.end }));
}
