import type { RenameResult, Span } from '../../core/language';
import type { IpxeScript } from './ast';
import { isLiteral, modelOf, type IpxeModel } from './model';

/** Labels (`:name`, `goto name`) and settings (`set name`, `${name}`): go to definition, references, rename. */
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
