import { defineLanguage } from '../../core/define';
import { ipxeFiles } from './recognize';
import { completeIpxe } from './complete';
import { hoverIpxe } from './hover';
import { definitionIpxe, prepareRenameIpxe, referencesIpxe, renameIpxe } from './navigate';
import { parseIpxe } from './parser';
import { foldingIpxe, symbolsIpxe } from './symbols';
import { badUrl } from './rules/badUrl';
import { constantCondition } from './rules/constantCondition';
import { danglingOperator } from './rules/danglingOperator';
import { dhcpBeforeChain } from './rules/dhcpBeforeChain';
import { duplicateLabel } from './rules/duplicateLabel';
import { extraArgument } from './rules/extraArgument';
import { imgfreeBeforeBoot } from './rules/imgfreeBeforeBoot';
import { initrdNameMismatch } from './rules/initrdNameMismatch';
import { menuTargetWithoutLabel } from './rules/menuTargetWithoutLabel';
import { misspelledVariable } from './rules/misspelledVariable';
import { missingArgument } from './rules/missingArgument';
import { missingHeader } from './rules/missingHeader';
import { missingInitrd } from './rules/missingInitrd';
import { missingRootfs } from './rules/missingRootfs';
import { needsNewerIpxe } from './rules/needsNewerIpxe';
import { quotedArgument } from './rules/quotedArgument';
import { setWithEquals } from './rules/setWithEquals';
import { timeoutUnits } from './rules/timeoutUnits';
import { unclosedExpansion } from './rules/unclosedExpansion';
import { undefinedLabel } from './rules/undefinedLabel';
import { undefinedVariable } from './rules/undefinedVariable';
import { unhandledFailure } from './rules/unhandledFailure';
import { unknownCommand } from './rules/unknownCommand';
import { unknownKernelArgument } from './rules/unknownKernelArgument';
import { unknownOption } from './rules/unknownOption';
import { unknownSettingType } from './rules/unknownSettingType';
import { unreachableCode } from './rules/unreachableCode';
import { unusedVariable } from './rules/unusedVariable';

export { parseIpxe } from './parser';
export { modelOf, type IpxeModel } from './model';
export { splitArgs } from './args';
export { IMAGE_COMMANDS, INITRD_COMMANDS } from './catalog';
export type { IpxeScript } from './ast';

export const ipxe = defineLanguage({
  id: 'ipxe',
  title: 'iPXE scripts',
  files: ipxeFiles,
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
});
