import { defineLanguage } from '../../core/define';
import { ignitionFiles } from './recognize';
import { actionsIgnition } from './actions';
import { completeIgnition } from './complete';
import { hoverIgnition } from './hover';
import { parseIgnition } from './parser';
import { symbolsIgnition } from './symbols';
import { autologin } from './rules/autologin';
import { dataUrlTooLarge } from './rules/dataUrlTooLarge';
import { duplicateEntry } from './rules/duplicateEntry';
import { invalidEntry } from './rules/invalidEntry';
import { invalidSource } from './rules/invalidSource';
import { invalidUnit } from './rules/invalidUnit';
import { invalidValue } from './rules/invalidValue';
import { invalidVersion } from './rules/invalidVersion';
import { jsonSyntax } from './rules/jsonSyntax';
import { malformedUrl } from './rules/malformedUrl';
import { missingVersion } from './rules/missingVersion';
import { modeLooksOctal } from './rules/modeLooksOctal';
import { oldSpec } from './rules/oldSpec';
import { pathNotAbsolute } from './rules/pathNotAbsolute';
import { placeholderSshKey } from './rules/placeholderSshKey';
import { schema } from './rules/schema';
import { template } from './rules/template';
import { unknownKey } from './rules/unknownKey';
import { unsupportedVersion } from './rules/unsupportedVersion';

export type { IgnitionConfig, JsonPath } from './ast';
export { objectOf } from './document';
export { SPEC_VERSIONS, LATEST_STABLE } from './versions';

export const ignition = defineLanguage({
  id: 'ignition',
  title: 'Ignition configs',
  files: ignitionFiles,
  parserRules: [jsonSyntax, template],
  // No Ignition rule reads the site or the path (test/unit/ignition/shared.test.ts holds them to it).
  contextFree: true,
  rules: [
    missingVersion,
    invalidVersion,
    unsupportedVersion,
    schema,
    unknownKey,
    pathNotAbsolute,
    duplicateEntry,
    invalidSource,
    malformedUrl,
    invalidEntry,
    dataUrlTooLarge,
    invalidValue,
    invalidUnit,
    modeLooksOctal,
    placeholderSshKey,
    autologin,
    oldSpec,
  ],
  parse: parseIgnition,
  complete: completeIgnition,
  hover: hoverIgnition,
  symbols: symbolsIgnition,
  actions: actionsIgnition,
});
