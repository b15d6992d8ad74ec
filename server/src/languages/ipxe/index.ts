import type { Completion, LanguageService } from '../../core/language';
import type { IpxeScript } from './ast';
import { COMMANDS } from './catalog';
import { hoverIpxe } from './hover';
import { parseIpxe } from './parser';
import { missingHeader } from './rules/missingHeader';
import { missingInitrd } from './rules/missingInitrd';
import { unknownCommand } from './rules/unknownCommand';

export { parseIpxe } from './parser';
export type { IpxeScript } from './ast';

/** Commands at the start of a command position; more (options, settings, labels) comes with the iPXE issue. */
function completeIpxe(_script: IpxeScript, text: string, offset: number): Completion[] {
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  const before = text.slice(lineStart, offset);
  const atCommand = /^\s*(?::\S+\s+)?(?:.*\s(?:\|\||&&|;)\s+)?[\w-]*$/.test(before);
  if (!atCommand) return [];
  return [...COMMANDS].map(([name, spec]) => ({ label: name, kind: 'function', detail: spec.synopsis, documentation: spec.summary }));
}

export const ipxe: LanguageService<IpxeScript> = {
  id: 'ipxe',
  parserRules: [],
  rules: [missingHeader, unknownCommand, missingInitrd],
  parse: parseIpxe,
  complete: completeIpxe,
  hover: hoverIpxe,
};
