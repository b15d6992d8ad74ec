import type { Completion, LanguageService } from '../../core/language';
import type { IpxeScript } from './ast';
import { COMMANDS } from './catalog';
import { hoverIpxe } from './hover';
import { parseIpxe } from './parser';
import { extraArgument, missingArgument } from './rules/argumentCount';
import { missingRootfs, unknownKernelArgument } from './rules/coreos';
import { danglingOperator, unhandledFailure, unreachableCode } from './rules/flow';
import { badUrl, dhcpBeforeChain, initrdNameMismatch } from './rules/images';
import { duplicateLabel, menuTargetWithoutLabel, undefinedLabel } from './rules/labels';
import { missingHeader } from './rules/missingHeader';
import { missingInitrd } from './rules/missingInitrd';
import { quotedArgument } from './rules/quotes';
import { unknownCommand } from './rules/unknownCommand';
import { unknownOption } from './rules/unknownOption';
import { unclosedExpansion, undefinedVariable, unknownSettingType, unusedVariable } from './rules/variables';

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
  rules: [
    missingHeader,
    unknownCommand,
    unknownOption,
    missingArgument,
    extraArgument,
    undefinedLabel,
    duplicateLabel,
    menuTargetWithoutLabel,
    unreachableCode,
    unhandledFailure,
    danglingOperator,
    undefinedVariable,
    unusedVariable,
    unclosedExpansion,
    unknownSettingType,
    missingInitrd,
    initrdNameMismatch,
    badUrl,
    dhcpBeforeChain,
    unknownKernelArgument,
    missingRootfs,
    quotedArgument,
  ],
  parse: parseIpxe,
  complete: completeIpxe,
  hover: hoverIpxe,
};
