import type { RenameResult, Span } from '../../core/language';
import { isQuoted, type RouterOsScript, valueEnd, valueStart } from './ast';
import { dhcpModelOf, referencesIn, type Reference } from './dhcpModel';
import type { Argument } from './statements';

/** DHCP option and option-set names (`add name=…`, `options=a,b`, `dhcp-option-set=`): definition, references, rename. */
type Kind = 'option' | 'set';

const referencesOf = new WeakMap<readonly Argument[], Reference[]>();

/** Every name the arguments of a model's list reference (read once per parse: each request looks through them). */
function references(lists: readonly Argument[]): Reference[] {
  let refs = referencesOf.get(lists);
  if (!refs) referencesOf.set(lists, (refs = referencesIn(lists)));
  return refs;
}

/** The option or option-set name at `offset`: a definition (`add name=`) or a reference. */
function nameAt(script: RouterOsScript, offset: number): { kind: Kind; name: string; span: Span } | undefined {
  const model = dhcpModelOf(script);
  const inside = (s: Span): boolean => offset >= s.start && offset <= s.end;
  for (const [kind, defs, refs] of [
    ['option', model.options, references(model.optionLists)],
    ['set', model.sets, references(model.setLists)],
  ] as const) {
    for (const [name, a] of defs) {
      const span = { start: valueStart(a) + (isQuoted(a) ? 1 : 0), end: valueEnd(a) - (isQuoted(a) ? 1 : 0) };
      if (inside(span)) return { kind, name, span };
    }
    for (const r of refs) if (inside(r)) return { kind, name: r.name, span: { start: r.start, end: r.end } };
  }
  return undefined;
}

function occurrences(script: RouterOsScript, kind: Kind, name: string, includeDeclaration: boolean): Span[] {
  const model = dhcpModelOf(script);
  const defs = kind === 'option' ? model.options : model.sets;
  const refs = references(kind === 'option' ? model.optionLists : model.setLists);
  const spans: Span[] = refs.filter((r) => r.name === name).map((r) => ({ start: r.start, end: r.end }));
  const def = defs.get(name);
  if (def && includeDeclaration)
    spans.push({ start: valueStart(def) + (isQuoted(def) ? 1 : 0), end: valueEnd(def) - (isQuoted(def) ? 1 : 0) });
  return spans.sort((a, b) => a.start - b.start);
}

export function definitionRouterOs(script: RouterOsScript, _text: string, offset: number): Span[] {
  const at = nameAt(script, offset);
  if (!at) return [];
  const def = (at.kind === 'option' ? dhcpModelOf(script).options : dhcpModelOf(script).sets).get(at.name);
  return def
    ? [{ start: valueStart(def) + (isQuoted(def) ? 1 : 0), end: valueEnd(def) - (isQuoted(def) ? 1 : 0) }]
    : [];
}

export function referencesRouterOs(
  script: RouterOsScript,
  _text: string,
  offset: number,
  includeDeclaration: boolean,
): Span[] {
  const at = nameAt(script, offset);
  return at ? occurrences(script, at.kind, at.name, includeDeclaration) : [];
}

export function prepareRenameRouterOs(script: RouterOsScript, _text: string, offset: number): Span | undefined {
  return nameAt(script, offset)?.span;
}

export function renameRouterOs(
  script: RouterOsScript,
  _text: string,
  offset: number,
  newName: string,
): RenameResult | undefined {
  const at = nameAt(script, offset);
  if (!at) return undefined;
  if (!/^[\w.-]+$/.test(newName))
    return {
      error:
        `"${newName}" is not a usable ${at.kind === 'option' ? 'option' : 'option set'} name here: use letters, ` +
        `digits, "-", "_" or ".".`,
    };
  return { edits: occurrences(script, at.kind, at.name, true), newText: newName };
}
