import type { LanguageService } from '../../core/language';
import type { RuleMeta } from '../../core/rule';
import type { RouterOsScript } from './ast';
import {
  definitionRouterOs,
  hoverRouterOs,
  prepareRenameRouterOs,
  referencesRouterOs,
  renameRouterOs,
} from './navigate';
import { completeRouterOs } from './complete';
import { formatRouterOs } from './format';
import { parseRouterOs } from './parser';
import { foldingRouterOs, symbolsRouterOs } from './symbols';
import {
  dhcpOptionCode,
  dhcpOptionValue,
  duplicateName,
  legacyOptionValue,
  missingNextServer,
  undefinedOption,
  undefinedOptionSet,
} from './rules/dhcp';
import { bootFileMissing, bootFileNotServed, nextServerCleared, rootPathUnmapped } from './rules/pxe';
import { unknownArgument, unknownInStoredScript, unknownMenuOrCommand } from './rules/tree';
import { badArgumentValue } from './rules/values';
import { spaceBeforeEquals } from './rules/syntax';
import { undefinedVariable } from './rules/variables';
import { missingArgument, unknownFilterProperty } from './rules/filters';

export { parseRouterOs } from './parser';
export type { RouterOsScript } from './ast';

const parserRules: RuleMeta[] = [
  {
    id: 'routeros.unterminatedString',
    language: 'routeros',
    severity: 'error',
    summary: 'A `"` string that never closes.',
    example: "/ip dhcp-server option add code=67 name=boot value=\"'lpxelinux.0'",
    fix: 'Add the closing `"`.',
    levelWhy:
      'RouterOS reads to the end of the file looking for the closing quote and refuses the script with a syntax error: the import fails.',
  },
  {
    id: 'routeros.unbalancedBracket',
    language: 'routeros',
    severity: 'error',
    summary: 'A `[`, `{` or `(` without its partner, or a closer that matches nothing.',
    example: '/ip dhcp-server lease set [find mac-address=52:54:00:12:34:56 dhcp-option-set=fcos',
    fix: 'Add or remove the bracket so each opener has its closer.',
    levelWhy:
      'An unmatched bracket is a syntax error: RouterOS refuses the whole script (or the line), and the import fails.',
  },
];

export const routeros: LanguageService<RouterOsScript> = {
  id: 'routeros',
  parserRules,
  rules: [
    unknownMenuOrCommand,
    unknownArgument,
    unknownInStoredScript,
    spaceBeforeEquals,
    undefinedVariable,
    badArgumentValue,
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
};
