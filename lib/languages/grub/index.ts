import { defineLanguage } from '../../core/define';
import { completeGrub } from './complete';
import { hoverGrub } from './hover';
import { definitionGrub } from './navigate';
import { parseGrub } from './parser';
import { grubFiles } from './recognize';
import { foldingGrub, symbolsGrub } from './symbols';
import { commandUnavailable } from './rules/commandUnavailable';
import { initrdBeforeLinux } from './rules/initrdBeforeLinux';
import { linux16OnEfi } from './rules/linux16OnEfi';
import { linuxefi } from './rules/linuxefi';
import { missingFile } from './rules/missingFile';
import { setSyntax } from './rules/setSyntax';
import { syntaxError } from './rules/syntaxError';
import { timeoutNotNumber } from './rules/timeoutNotNumber';
import { unbalancedBrace } from './rules/unbalancedBrace';
import { unknownCommand } from './rules/unknownCommand';
import { unknownDefault } from './rules/unknownDefault';
import { unterminatedQuote } from './rules/unterminatedQuote';
import { urlPath } from './rules/urlPath';

export { parseGrub } from './parser';
export { looksLikeGrub } from './recognize';
export { grubFileRefs, kernelArgs, kernelCommand, localPathOf, type GrubFileRef, type GrubFileRole } from './fileRefs';
export { readGrubImage, IMAGE_READ_CAP, type GrubImage } from './image';
export { grubImagesIn } from './loader';
export { tftpRootOf as grubTftpRootOf } from './paths';
export { grubLookupNames, grubLookupOrder, type GrubLookupInput } from './lookup';
export { explainGrubLookup, formatGrubLookup, type GrubLookup, type GrubLookupStep } from './lookupFiles';
export type { GrubConfig, MenuEntry, Command as GrubCommand, Word as GrubWord } from './ast';

export const grub = defineLanguage({
  id: 'grub',
  title: 'GRUB configs',
  files: grubFiles,
  parserRules: [syntaxError, unterminatedQuote, unbalancedBrace],
  rules: [
    unknownCommand,
    setSyntax,
    unknownDefault,
    timeoutNotNumber,
    initrdBeforeLinux,
    urlPath,
    missingFile,
    commandUnavailable,
    linux16OnEfi,
    linuxefi,
  ],
  parse: parseGrub,
  complete: completeGrub,
  hover: hoverGrub,
  symbols: symbolsGrub,
  definition: definitionGrub,
  folding: foldingGrub,
});
