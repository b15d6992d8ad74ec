export { isLanguageId, RULES, RULES_BY_ID, SERVICES, type LanguageId, type RuleId } from './registry';
export { classify } from './classify';
export { InputError, lintPaths, type FileReport } from './files';
export {
  analyzeDocument,
  grade,
  gradeDocument,
  levelOf,
  lintDocument,
  lintText,
  type DocumentAnalysis,
  type Finding,
  type LintContext,
  type LintedDocument,
  type LintResult,
  type RuleLevels,
} from './lint';
export type { BoundLanguage, DocumentFeatures } from '../core/language';
