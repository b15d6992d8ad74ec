import { defineLanguage } from '../../core/define';
import { routerosFiles } from './recognize';
import { completeRouterOs } from './complete';
import { formatRouterOs } from './format';
import { hoverRouterOs } from './hover';
import { definitionRouterOs, prepareRenameRouterOs, referencesRouterOs, renameRouterOs } from './navigate';
import { parseRouterOs } from './parser';
import { foldingRouterOs, symbolsRouterOs } from './symbols';
import { badValue } from './rules/badValue';
import { bootFileMissing } from './rules/bootFileMissing';
import { bootFileNotServed } from './rules/bootFileNotServed';
import { dhcpOptionCode } from './rules/dhcpOptionCode';
import { dhcpOptionValue } from './rules/dhcpOptionValue';
import { duplicateName } from './rules/duplicateName';
import { legacyOptionValue } from './rules/legacyOptionValue';
import { missingArgument } from './rules/missingArgument';
import { missingNextServer } from './rules/missingNextServer';
import { nextServerCleared } from './rules/nextServerCleared';
import { rootPathUnmapped } from './rules/rootPathUnmapped';
import { spaceBeforeEquals } from './rules/spaceBeforeEquals';
import { unbalancedBracket } from './rules/unbalancedBracket';
import { undefinedOption } from './rules/undefinedOption';
import { undefinedOptionSet } from './rules/undefinedOptionSet';
import { undefinedVariable } from './rules/undefinedVariable';
import { unknownArgument } from './rules/unknownArgument';
import { unknownCommand } from './rules/unknownCommand';
import { unknownFilterProperty } from './rules/unknownFilterProperty';
import { unknownInStoredScript } from './rules/unknownInStoredScript';
import { unterminatedString } from './rules/unterminatedString';

export { parseRouterOs } from './parser';
export { arg, dhcpModelOf, OPTION_MENU, SET_MENU } from './dhcpModel';
export { parseOptionValue } from './optionValue';
export { statementsOf, type Argument, type Statement } from './statements';
export type { RouterOsScript } from './ast';

export const routeros = defineLanguage({
  id: 'routeros',
  title: 'RouterOS scripts',
  files: routerosFiles,
  parserRules: [unterminatedString, unbalancedBracket],
  rules: [
    unknownCommand,
    unknownArgument,
    unknownInStoredScript,
    spaceBeforeEquals,
    undefinedVariable,
    badValue,
    missingArgument,
    unknownFilterProperty,
    dhcpOptionValue,
    legacyOptionValue,
    dhcpOptionCode,
    undefinedOption,
    undefinedOptionSet,
    duplicateName,
    missingNextServer,
    bootFileMissing,
    bootFileNotServed,
    rootPathUnmapped,
    nextServerCleared,
  ],
  parse: parseRouterOs,
  hover: hoverRouterOs,
  complete: completeRouterOs,
  symbols: symbolsRouterOs,
  folding: foldingRouterOs,
  format: formatRouterOs,
  definition: definitionRouterOs,
  references: referencesRouterOs,
  prepareRename: prepareRenameRouterOs,
  rename: renameRouterOs,
});
