import type { LanguageService } from './language';
import type { ParserRule, Rule } from './rule';

/** A language's service whose rule lists keep their types: the registry derives the `RuleId` union from them. */
export type DefinedLanguage<
  Ast,
  Rules extends readonly Rule<Ast, string>[],
  ParserRules extends readonly ParserRule[],
> = LanguageService<Ast> & { readonly rules: Rules; readonly parserRules: ParserRules };

/** Declares a language's service (every `languages/<lang>/index.ts` exports one made here). */
export function defineLanguage<
  Ast,
  const Rules extends readonly Rule<Ast, string>[],
  const ParserRules extends readonly ParserRule[],
>(
  service: LanguageService<Ast> & { rules: Rules; parserRules: ParserRules },
): DefinedLanguage<Ast, Rules, ParserRules> {
  return service;
}
