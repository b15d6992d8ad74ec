import { templateVariable } from '../core/coreRules';
import { defineLanguage } from '../core/define';
import { siteFiles } from './recognize';
import { parserRule } from '../core/rule';
import { parseStrictJson } from '../json/parse';
import { nodesRule, schemaRule, secretRule } from './rules';
import { linkOutsideRootRule } from './links';
import { butaneRule } from './butane';

export { SITE_FILE_NAME } from './recognize';

const jsonSyntax = parserRule({
  id: 'site.jsonSyntax',
  language: 'site',
  severity: 'error',
  summary: 'pxe-site.json is not valid JSON.',
  example: '{ "version": 1, "name": "lab", }',
  fix: 'Fix the JSON at the reported position.',
  levelWhy: 'the file cannot be read at all: every command that uses the site fails.',
});

/** The site file as a "language": validated against its schema, and never allowed to hold a secret. */
export const site = defineLanguage({
  id: 'site',
  title: 'Site file (pxe-site.json)',
  files: siteFiles,
  // templateVariable is reported by the core, which renders profile templates.
  parserRules: [jsonSyntax, templateVariable],
  rules: [schemaRule, secretRule, nodesRule, linkOutsideRootRule, butaneRule],
  parse: (text) => parseStrictJson(text, jsonSyntax),
});
export { buildSiteFile, checkAnswer, DEFAULT_ANSWERS, type SiteAnswers } from './create';
export { diskFiles } from './disk';
export { siteOf, sitesIn, skippedFolder, SKIP_DIRS, trustedSiteFile, workspaceSites } from './discover';
export { loadSite, MAX_SITE_BYTES, SiteFileError } from './load';
export { targetOf } from './model';
export type * from './model';
export { diskContext, loadSiteView, readSite, siteView } from './view';
