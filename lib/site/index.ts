import type { LanguageService } from '../core/language';
import type { RuleMeta } from '../core/rule';
import { parseStrictJson, type JsonDocument } from '../json/parse';
import { nodesRule, schemaRule, secretRule } from './rules';
import { linkOutsideRootRule } from './links';

export { SITE_FILE_NAME } from '../core/classify';

const parserRules: RuleMeta[] = [
  {
    id: 'site.jsonSyntax',
    language: 'site',
    severity: 'error',
    summary: 'pxe-site.json is not valid JSON.',
    example: '{ "version": 1, "name": "lab", }',
    fix: 'Fix the JSON at the reported position.',
    levelWhy: 'the file cannot be read at all: every command that uses the site fails.',
  },
  {
    id: 'site.templateVariable',
    language: 'site',
    severity: 'error',
    summary:
      'A profile template uses a `${node.…}` or `${site.…}` variable that does not exist, ' +
      'so the generated files would keep it literally.',
    example: 'kernel ${site.baseUrl}vmlinuz ignition.config.url=${node.ignitionURL}',
    fix:
      'Use one of the variables the message lists (node.name, node.mac, node.macHyphen, node.ip, ' +
      'node.firmware, node.profile, node.kernelArgs, node.ignitionUrl, site.baseUrl, site.nas, site.router).',
    levelWhy: 'the generated files keep the variable literally and the machine boots with a broken URL or argument.',
  },
];

/** The site file as a "language": validated against its schema, and never allowed to hold a secret. */
export const site: LanguageService<JsonDocument> = {
  id: 'site',
  parserRules,
  rules: [schemaRule, secretRule, nodesRule, linkOutsideRootRule],
  parse: (text) => parseStrictJson(text, 'site.jsonSyntax'),
};
export { buildSiteFile, checkAnswer, DEFAULT_ANSWERS, type SiteAnswers } from './create';
export { diskFiles } from './disk';
export { siteOf, sitesIn, skippedFolder, SKIP_DIRS, trustedSiteFile, workspaceSites } from './discover';
export { loadSite, MAX_SITE_BYTES, SiteFileError } from './load';
export { targetOf } from './model';
export type * from './model';
export { diskContext, loadSiteView, readSite, siteView } from './view';
