import type { Completion, LanguageService } from '../../core/language';
import type { PxelinuxConfig } from './ast';
import { KEYWORDS, MENU_KEYWORDS } from './catalog';
import { hoverPxelinux } from './hover';
import { parsePxelinux } from './parser';
import { efiHttpHost, httpNeedsLpxelinux, missingFile, missingModule } from './rules/files';
import { missingLabel } from './rules/missingLabel';
import { duplicateDefault, duplicateLabel, initrdTwice, misplacedKeyword } from './rules/structure';
import { unknownKeyword } from './rules/unknownKeyword';
import { invalidAppendFlags, timeoutRange } from './rules/values';

export { parsePxelinux } from './parser';
export type { PxelinuxConfig } from './ast';

/** Keywords at the start of a line, MENU directives after `MENU `, labels after DEFAULT/ONTIMEOUT. */
function completePxelinux(config: PxelinuxConfig, text: string, offset: number): Completion[] {
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  const before = text.slice(lineStart, offset);
  if (/^\s*[\w-]*$/.test(before)) {
    return [...KEYWORDS].map(([name, spec]) => ({ label: name.toUpperCase(), kind: 'keyword', detail: spec.argument, documentation: spec.summary }));
  }
  if (/^\s*menu\s+[\w-]*$/i.test(before)) {
    return [...MENU_KEYWORDS].map(([name, spec]) => ({ label: name.toUpperCase(), kind: 'keyword', detail: spec.argument, documentation: spec.summary }));
  }
  if (/^\s*(default|ontimeout|onerror)\s+\S*$/i.test(before)) {
    return config.labels.map((l) => ({ label: l.name.text, kind: 'reference', detail: 'LABEL' }));
  }
  return [];
}

export const pxelinux: LanguageService<PxelinuxConfig> = {
  id: 'pxelinux',
  parserRules: [],
  rules: [
    unknownKeyword,
    misplacedKeyword,
    missingLabel,
    duplicateLabel,
    duplicateDefault,
    timeoutRange,
    invalidAppendFlags,
    initrdTwice,
    missingFile,
    missingModule,
    httpNeedsLpxelinux,
    efiHttpHost,
  ],
  parse: parsePxelinux,
  complete: completePxelinux,
  hover: hoverPxelinux,
};
