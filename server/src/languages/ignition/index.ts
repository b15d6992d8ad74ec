import type { LanguageService } from '../../core/language';
import type { RuleMeta } from '../../core/rule';
import { parseStrictJson } from '../../json/parse';
import type { IgnitionConfig } from './ast';
import { autologin, modeLooksOctal, oldSpec, placeholderSshKey } from './rules/advice';
import { dataUrlTooLarge } from './rules/limits';
import { schemaRule, unknownKey } from './rules/schema';
import { duplicateEntry, invalidSource, invalidUnit, invalidValue, notAbsolute } from './rules/semantics';
import { missingVersion, unsupportedVersion } from './rules/version';
import { completeIgnition } from './complete';
import { hoverIgnition } from './hover';
import { actionsIgnition, symbolsIgnition } from './symbols';

export type { IgnitionConfig } from './ast';
export { SPEC_VERSIONS, LATEST_STABLE } from './versions';

const parserRules: RuleMeta[] = [
  {
    id: 'ignition.jsonSyntax',
    language: 'ignition',
    severity: 'error',
    summary: 'The config is not valid JSON (Ignition accepts no comments and no trailing commas).',
    example: '{ "ignition": { "version": "3.4.0", } }',
    fix: 'Fix the JSON at the reported position.',
  },
];

export const ignition: LanguageService<IgnitionConfig> = {
  id: 'ignition',
  parserRules,
  rules: [
    missingVersion,
    unsupportedVersion,
    schemaRule,
    unknownKey,
    notAbsolute,
    duplicateEntry,
    invalidSource,
    dataUrlTooLarge,
    invalidValue,
    invalidUnit,
    modeLooksOctal,
    placeholderSshKey,
    autologin,
    oldSpec,
  ],
  parse: (text) => parseStrictJson(text, 'ignition.jsonSyntax'),
  complete: completeIgnition,
  hover: hoverIgnition,
  symbols: symbolsIgnition,
  actions: actionsIgnition,
};
