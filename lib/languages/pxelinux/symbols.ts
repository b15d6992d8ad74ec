import type { Span, SymbolInfo } from '../../core/language';
import type { PxelinuxConfig } from './ast';

/** Each LABEL as a section (with its MENU LABEL text as detail); the block runs to the next LABEL. */
export function symbolsPxelinux(config: PxelinuxConfig, text: string): SymbolInfo[] {
  return config.labels.map((label, index) => {
    const next = config.labels[index + 1];
    const last = label.directives[label.directives.length - 1] ?? label.directive;
    const menuLabel = label.directives.find((d) => d.name === 'menu' && d.sub?.text.toLowerCase() === 'label')?.argument
      ?.text;
    return {
      name: label.name.text || '(unnamed)',
      kind: 'label' as const,
      ...(menuLabel ? { detail: menuLabel.replace(/\^/g, '') } : {}),
      start: label.directive.start,
      end: Math.min(last.end, next ? next.directive.start : text.length),
      selectionStart: label.name.start,
      selectionEnd: label.name.end,
    };
  });
}

export function foldingPxelinux(config: PxelinuxConfig, text: string): Span[] {
  return symbolsPxelinux(config, text).map((s) => ({ start: s.start, end: s.end }));
}
