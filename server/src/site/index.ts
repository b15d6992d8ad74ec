import type { LanguageService } from '../core/language';
import type { RuleMeta } from '../core/rule';
import { parseStrictJson, type JsonDocument } from '../json/parse';
import { schemaRule, secretRule } from './rules';

export { SITE_FILE_NAME } from '../core/classify';

const parserRules: RuleMeta[] = [
  {
    id: 'site.jsonSyntax',
    language: 'site',
    severity: 'error',
    summary: 'pxe-site.json is not valid JSON.',
    example: '{ "version": 1, "name": "lab", }',
    fix: 'Fix the JSON at the reported position.',
  },
];

/** The site file as a "language": validated against its schema, and never allowed to hold a secret. */
export const site: LanguageService<JsonDocument> = {
  id: 'site',
  parserRules,
  rules: [schemaRule, secretRule],
  parse: (text) => parseStrictJson(text, 'site.jsonSyntax'),
};
