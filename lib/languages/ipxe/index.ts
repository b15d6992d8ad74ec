import type { LanguageService } from '../../core/language';
import type { IpxeScript } from './ast';
import { completeIpxe } from './complete';
import { hoverIpxe } from './hover';
import { definitionIpxe, foldingIpxe, prepareRenameIpxe, referencesIpxe, renameIpxe, symbolsIpxe } from './symbols';
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
import { setWithEquals } from './rules/setSyntax';
import { constantCondition } from './rules/conditions';
import { imgfreeBeforeBoot } from './rules/imgfree';
import { timeoutUnits } from './rules/timeouts';
import { needsNewerIpxe } from './rules/versions';
import {
  misspelledVariable,
  unclosedExpansion,
  undefinedVariable,
  unknownSettingType,
  unusedVariable,
} from './rules/variables';

export { parseIpxe } from './parser';
export type { IpxeScript } from './ast';

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
    misspelledVariable,
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
    setWithEquals,
    constantCondition,
    imgfreeBeforeBoot,
    timeoutUnits,
    needsNewerIpxe,
  ],
  parse: parseIpxe,
  complete: completeIpxe,
  hover: hoverIpxe,
  symbols: symbolsIpxe,
  definition: definitionIpxe,
  references: referencesIpxe,
  prepareRename: prepareRenameIpxe,
  rename: renameIpxe,
  folding: foldingIpxe,
};
