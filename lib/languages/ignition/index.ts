import type { LanguageService } from '../../core/language';
import type { RuleMeta } from '../../core/rule';
import type { IgnitionConfig } from './ast';
import { autologin, modeLooksOctal, oldSpec, placeholderSshKey } from './rules/advice';
import { invalidEntry } from './rules/entries';
import { malformedUrl } from './rules/fetch';
import { dataUrlTooLarge } from './rules/limits';
import { schemaRule, unknownKey } from './rules/schema';
import { duplicateEntry, invalidSource, invalidUnit, invalidValue, notAbsolute } from './rules/semantics';
import { invalidVersion, missingVersion, unsupportedVersion } from './rules/version';
import { parseIgnition } from './parser';
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
    levelWhy: 'Ignition refuses a config that is not JSON ("couldn\'t parse config"): the first boot fails.',
  },
  {
    id: 'ignition.template',
    language: 'ignition',
    severity: 'info',
    summary:
      'The file is a template (Go `{{…}}`, Terraform `${…}`) that is not JSON until rendered: it is not checked.',
    example:
      '{ "ignition": { "version": "3.4.0" }, "passwd": { "users": [{ "name": "core", "sshAuthorizedKeys": [${keys}] }] } }',
    fix: 'Lint the rendered config (or keep the template JSON-valid, with markup inside strings only).',
    levelWhy:
      'Advice: a template is rendered before any Ignition reads it, so its syntax errors are not mistakes; the note says that nothing was checked.',
  },
];

export const ignition: LanguageService<IgnitionConfig> = {
  id: 'ignition',
  parserRules,
  rules: [
    missingVersion,
    invalidVersion,
    unsupportedVersion,
    schemaRule,
    unknownKey,
    notAbsolute,
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
};
