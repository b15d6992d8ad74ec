import { defineLanguage } from '../../core/define';
import { actionsButane } from './actions';
import { completeButane } from './complete';
import { hoverButane } from './hover';
import { parseButane } from './parser';
import { butaneFiles } from './recognize';
import { bootDevice } from './rules/bootDevice';
import { conflict } from './rules/conflict';
import { decimalMode } from './rules/decimalMode';
import { embeddedVersion } from './rules/embeddedVersion';
import { grub } from './rules/grub';
import { ignitionWarning } from './rules/ignitionWarning';
import { otherVariant } from './rules/otherVariant';
import { invalidValue } from './rules/invalidValue';
import { localFile } from './rules/localFile';
import { mountUnit } from './rules/mountUnit';
import { partition } from './rules/partition';
import { specialModeBits } from './rules/specialModeBits';
import { tooManySources } from './rules/tooManySources';
import { translatedIgnition } from './rules/translatedIgnition';
import { unit } from './rules/unit';
import { unitWithoutInstall } from './rules/unitWithoutInstall';
import { unknownKey } from './rules/unknownKey';
import { unsupported } from './rules/unsupported';
import { version } from './rules/version';
import { yamlSyntax } from './rules/yamlSyntax';
import { foldingButane, symbolsButane } from './symbols';

export type { ButaneDocument, ButaneReport, ConfigPath } from './ast';
export type { ButaneSpec, Translation, TranslateOptions } from './translate/types';
export { parseButane } from './parser';
export { translateButane, translationIn, translationOf, filesDirOf } from './translate/index';
export { looksLikeButane } from './recognize';
export { butanePath, ignitionText, reportLine, translateText, type TranslatedText } from './text';

/** Butane configs (Fedora CoreOS and Flatcar), checked through their translation to Ignition. */
export const butane = defineLanguage({
  id: 'butane',
  title: 'Butane configs',
  files: butaneFiles,
  parserRules: [yamlSyntax],
  rules: [
    version,
    otherVariant,
    unknownKey,
    invalidValue,
    tooManySources,
    localFile,
    decimalMode,
    specialModeBits,
    unsupported,
    conflict,
    embeddedVersion,
    bootDevice,
    grub,
    mountUnit,
    unit,
    partition,
    unitWithoutInstall,
    ignitionWarning,
    translatedIgnition,
  ],
  parse: parseButane,
  complete: completeButane,
  hover: hoverButane,
  symbols: symbolsButane,
  folding: foldingButane,
  actions: (doc, text, start) => actionsButane(doc, text, start),
});
