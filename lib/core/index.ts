export { positionsOf, rangeOf, type Positions } from './positions';
export {
  escapeControl,
  readCapped,
  MAX_TEXT_BYTES,
  MAX_TREE_BYTES,
  parseJsonCapped,
  readCappedAsync,
  readTextOrThrow,
  UntrustedInputError,
  readTextOrUndefined,
  textLooksBinary,
} from './untrusted';
export { docsAnchor, type RuleMeta } from './rule';
export { LEVELS, type Level, type Problem, type Severity } from './problem';
export {
  analysisFailed,
  analyze,
  type HoverInfo,
  type ActionInfo,
  type Completion,
  type Span,
  type SymbolInfo,
  type LanguageService,
} from './language';
export { butaneFilesDir, NO_CONTEXT, type RuleContext, servedPath, type SiteView } from './ruleContext';
export { COMPILE_CACHE_FLAG, compileCacheArgs, MAX_COMPILE_CACHE_BYTES, SERVER_ENV, SERVER_NODE_FLAGS } from './launch';
export { forgetTextMemos } from './textMemo';
