import type { Span, SymbolInfo } from '../../core/language';
import type { GrubConfig, MenuEntry } from './ast';

function entrySymbol(entry: MenuEntry): SymbolInfo {
  const name = entry.title?.value || '(untitled)';
  const detail = [entry.id ? `--id ${entry.id.value}` : '', ...entry.classes.map((c) => `--class ${c.value}`)]
    .filter(Boolean)
    .join(' ');
  const selection = entry.title ?? entry.command.name;
  return {
    name,
    kind: entry.kind === 'submenu' ? 'section' : 'label',
    ...(detail ? { detail } : {}),
    start: entry.start,
    end: entry.end,
    selectionStart: selection.start,
    selectionEnd: selection.end,
    ...(entry.entries.length ? { children: entry.entries.map(entrySymbol) } : {}),
  };
}

/** The menu as a tree (submenus hold their entries), then the functions. */
export function symbolsGrub(config: GrubConfig): SymbolInfo[] {
  const functions: SymbolInfo[] = config.functions.flatMap((f) =>
    f.name
      ? [
          {
            name: f.name.value,
            kind: 'command' as const,
            detail: 'function',
            start: f.start,
            end: f.end,
            selectionStart: f.name.start,
            selectionEnd: f.name.end,
          },
        ]
      : [],
  );
  return [...config.entries.map(entrySymbol), ...functions].sort((a, b) => a.start - b.start);
}

/** menuentry/submenu, if, loops and functions that span more than one line. */
export function foldingGrub(config: GrubConfig, text: string): Span[] {
  return config.blocks.filter((b) => text.slice(b.start, b.end).includes('\n'));
}
