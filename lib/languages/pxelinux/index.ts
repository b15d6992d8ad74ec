import type { LanguageService } from '../../core/language';
import type { PxelinuxConfig } from './ast';
import { completePxelinux } from './complete';
import { hoverPxelinux } from './hover';
import { definitionPxelinux, foldingPxelinux, symbolsPxelinux } from './symbols';
import { parsePxelinux } from './parser';
import { efiHttpHost, httpNeedsLpxelinux, missingFile, missingModule } from './rules/files';
import { missingInitrd } from './rules/initrd';
import { menuWithoutUi } from './rules/menu';
import { missingLabel } from './rules/missingLabel';
import { duplicateDefault, duplicateLabel, globalInLabel, initrdTwice, misplacedKeyword } from './rules/structure';
import { unknownKeyword } from './rules/unknownKeyword';
import { invalidAppendFlags, timeoutRange } from './rules/values';
import { newerKeyword } from './rules/versions';

export { parsePxelinux } from './parser';
export { lookupOrder, LookupError } from './lookup';
export type { PxelinuxConfig } from './ast';

export const pxelinux: LanguageService<PxelinuxConfig> = {
  id: 'pxelinux',
  parserRules: [],
  rules: [
    unknownKeyword,
    misplacedKeyword,
    globalInLabel,
    missingLabel,
    menuWithoutUi,
    duplicateLabel,
    duplicateDefault,
    timeoutRange,
    invalidAppendFlags,
    initrdTwice,
    missingInitrd,
    missingFile,
    missingModule,
    newerKeyword,
    httpNeedsLpxelinux,
    efiHttpHost,
  ],
  parse: parsePxelinux,
  complete: completePxelinux,
  hover: hoverPxelinux,
  symbols: symbolsPxelinux,
  definition: definitionPxelinux,
  folding: foldingPxelinux,
};
