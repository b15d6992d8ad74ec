import { defineLanguage } from '../../core/define';
import { pxelinuxFiles } from './recognize';
import { completePxelinux } from './complete';
import { hoverPxelinux } from './hover';
import { definitionPxelinux } from './navigate';
import { parsePxelinux } from './parser';
import { foldingPxelinux, symbolsPxelinux } from './symbols';
import { duplicateDefault } from './rules/duplicateDefault';
import { duplicateLabel } from './rules/duplicateLabel';
import { efiHttpHost } from './rules/efiHttpHost';
import { globalInLabel } from './rules/globalInLabel';
import { httpNeedsLpxelinux } from './rules/httpNeedsLpxelinux';
import { initrdTwice } from './rules/initrdTwice';
import { invalidAppendFlags } from './rules/invalidAppendFlags';
import { menuWithoutUi } from './rules/menuWithoutUi';
import { misplacedKeyword } from './rules/misplacedKeyword';
import { missingFile } from './rules/missingFile';
import { missingInitrd } from './rules/missingInitrd';
import { missingLabel } from './rules/missingLabel';
import { missingModule } from './rules/missingModule';
import { newerKeyword } from './rules/newerKeyword';
import { timeoutRange } from './rules/timeoutRange';
import { unknownKeyword } from './rules/unknownKeyword';

export { parsePxelinux } from './parser';
export { lookupOrder, LookupError } from './lookup';
export type { PxelinuxConfig } from './ast';

export const pxelinux = defineLanguage({
  id: 'pxelinux',
  title: 'PXELINUX / SYSLINUX configs',
  files: pxelinuxFiles,
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
});
