export { RULES, RULES_BY_ID, SERVICES } from './registry';
export { InputError, lintPaths, type FileReport } from './files';
export { grade, levelOf, lintText, type Finding, type LintResult, type RuleLevels } from './lint';
