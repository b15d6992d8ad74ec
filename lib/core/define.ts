import type { LanguageService } from './language';
import type { ParserRule, Rule } from './rule';

/** A language's service whose id and rule lists keep their types: the registry derives its unions from them. */
export type DefinedLanguage<
  Ast,
  Id extends string,
  Rules extends readonly Rule<Ast, string>[],
  ParserRules extends readonly ParserRule[],
> = LanguageService<Ast, Id> & { readonly rules: Rules; readonly parserRules: ParserRules };

/** Declares a language's service (every `languages/<lang>/index.ts` exports one made here). */
export function defineLanguage<
  Ast,
  const Id extends string,
  const Rules extends readonly Rule<Ast, string>[],
  const ParserRules extends readonly ParserRule[],
>(
  service: LanguageService<Ast, Id> & { rules: Rules; parserRules: ParserRules },
): DefinedLanguage<Ast, Id, Rules, ParserRules> {
  return service;
}
