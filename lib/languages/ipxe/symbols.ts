import type { RenameResult, Span, SymbolInfo } from '../../core/language';
import type { IpxeScript } from './ast';
import { isLiteral, modelOf, type IpxeModel } from './model';

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

type Target = { kind: 'label'; name: string; span: Span } | { kind: 'setting'; name: string; span: Span };

/** The label or setting name under the cursor. */
function targetAt(model: IpxeModel, offset: number): Target | undefined {
  const inside = (s: Span): boolean => offset >= s.start && offset <= s.end;
  for (const label of model.script.labels) if (inside(label)) return { kind: 'label', name: label.name, span: label };
  for (const { target } of model.gotos)
    if (isLiteral(target) && inside(target)) return { kind: 'label', name: target.text, span: target };
  for (const ref of model.refs) {
    const span = { start: ref.nameStart, end: ref.nameEnd };
    if (!ref.dynamic && inside(span)) return { kind: 'setting', name: ref.name, span };
  }
  for (const def of model.defs) {
    const span = { start: def.nameStart, end: def.nameEnd };
    if (inside(span)) return { kind: 'setting', name: def.name, span };
  }
  return undefined;
}

function occurrences(model: IpxeModel, target: Target, includeDeclaration: boolean): Span[] {
  const spans: Span[] = [];
  if (target.kind === 'label') {
    if (includeDeclaration)
      spans.push(...(model.labels.get(target.name) ?? []).map((l) => ({ start: l.start, end: l.end })));
    spans.push(
      ...model.gotos
        .filter(({ target: t }) => t.text === target.name)
        .map(({ target: t }) => ({ start: t.start, end: t.end })),
    );
  } else {
    if (includeDeclaration)
      spans.push(
        ...model.defs.filter((d) => d.name === target.name).map((d) => ({ start: d.nameStart, end: d.nameEnd })),
      );
    spans.push(
      ...model.refs
        .filter((r) => !r.dynamic && r.name === target.name)
        .map((r) => ({ start: r.nameStart, end: r.nameEnd })),
    );
  }
  return spans.sort((a, b) => a.start - b.start);
}

export function definitionIpxe(script: IpxeScript, text: string, offset: number): Span[] {
  const model = modelOf(script, text);
  const target = targetAt(model, offset);
  if (!target) return [];
  if (target.kind === 'label')
    return (model.labels.get(target.name) ?? []).slice(0, 1).map((l) => ({ start: l.start, end: l.end }));
  return model.defs.filter((d) => d.name === target.name).map((d) => ({ start: d.nameStart, end: d.nameEnd }));
}

export function referencesIpxe(script: IpxeScript, text: string, offset: number, includeDeclaration: boolean): Span[] {
  const model = modelOf(script, text);
  const target = targetAt(model, offset);
  return target ? occurrences(model, target, includeDeclaration) : [];
}

export function prepareRenameIpxe(script: IpxeScript, text: string, offset: number): Span | undefined {
  return targetAt(modelOf(script, text), offset)?.span;
}

export function renameIpxe(
  script: IpxeScript,
  text: string,
  offset: number,
  newName: string,
): RenameResult | undefined {
  const model = modelOf(script, text);
  const target = targetAt(model, offset);
  if (!target) return undefined;
  if (!/^[\w.-]+$/.test(newName))
    return {
      error: `\`${newName}\` is not a valid ${target.kind} name: use letters, digits, \`_\`, \`-\` or \`.\`, no spaces.`,
    };
  if (target.kind === 'label' && model.labels.has(newName)) return { error: `A label \`:${newName}\` already exists.` };
  return { edits: occurrences(model, target, true), newText: newName };
}
