import { dirname, join } from 'node:path';
import type { RuleContext } from '../../core/ruleContext';
import type { Span } from '../../core/language';
import type { PxelinuxConfig } from './ast';
import { localPath } from './paths';

const REFERENCING = new Set(['default', 'ontimeout', 'onerror']);

/** Label references lead to their LABEL; INCLUDE (and MENU INCLUDE) lead to the included file. */
export function definitionPxelinux(
  config: PxelinuxConfig,
  _text: string,
  offset: number,
  context?: RuleContext,
): (Span & { file?: string })[] {
  for (const d of config.directives) {
    if (!d.argument || offset < d.argument.start || offset > d.argument.end) continue;
    const first = d.argument.text.split(/\s+/)[0] as string;
    if (REFERENCING.has(d.name)) {
      const label = config.labels.find((l) => l.name.text === first);
      if (label) return [{ start: label.name.start, end: label.name.end }];
    }
    const include = d.name === 'include' || (d.name === 'menu' && d.sub?.text.toLowerCase() === 'include');
    if (include && context) {
      const path = localPath(first, context) ?? (context.path ? join(dirname(context.path), first) : undefined);
      if (path && context.files?.exists(path)) return [{ start: 0, end: 0, file: path }];
    }
  }
  return [];
}
