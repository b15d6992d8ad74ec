import { INTERNAL } from '../core/coreRules';
import { bindLanguage, type BoundLanguage } from '../core/language';
import type { RuleMeta } from '../core/rule';
import { CHAIN_RULES } from '../chain/rules';
import { butane } from '../languages/butane';
import { grub } from '../languages/grub';
import { ignition } from '../languages/ignition';
import { ipxe } from '../languages/ipxe';
import { pxelinux } from '../languages/pxelinux';
import { routeros } from '../languages/routeros';
import { site } from '../site';

/**
 * Every language, in the order the docs list them and `classify` asks them: a new language is its folder
 * and one entry here (its id, file names, rules and features all come from its service).
 */
const LANGUAGES = [ipxe, pxelinux, grub, routeros, ignition, butane, site] as const;

/** The id of one of our languages. */
export type LanguageId = (typeof LANGUAGES)[number]['id'];

/** Every language, its AST type bound inside. */
export const SERVICES: ReadonlyMap<LanguageId, BoundLanguage<LanguageId>> = new Map(
  LANGUAGES.map((language) => [language.id, bindLanguage<unknown, LanguageId>(language)]),
);

/** True for the id of one of our languages (an editor's id may be anything). */
export function isLanguageId(id: string): id is LanguageId {
  return SERVICES.has(id as LanguageId);
}

/** The rules the core and the engine report themselves (a rule that failed, a file not read). */
const GENERAL_RULES = Object.values(INTERNAL);

type LanguageRule = (typeof LANGUAGES)[number]['parserRules' | 'rules'][number];

/** Every rule id there is: derived from the rule objects, so a finding's rule is always one of these. */
export type RuleId = (typeof GENERAL_RULES)[number]['id'] | LanguageRule['id'] | (typeof CHAIN_RULES)[number]['id'];

/** Every rule, in a stable order: the source of package.json's settings and docs/rules.md. */
export const RULES: readonly RuleMeta<RuleId>[] = [
  ...GENERAL_RULES,
  ...LANGUAGES.flatMap((language) => [...language.parserRules, ...language.rules].map(meta)),
  ...CHAIN_RULES,
];

export const RULES_BY_ID: ReadonlyMap<string, RuleMeta<RuleId>> = new Map(RULES.map((r) => [r.id, r]));

/** True for an id some rule has (a finding with any other id is a bug of ours). */
export function isRuleId(id: string): id is RuleId {
  return RULES_BY_ID.has(id);
}

function meta<Id extends string>(rule: RuleMeta<Id>): RuleMeta<Id> {
  const { id, language, severity, summary, example, fix, levelWhy } = rule;
  return { id, language, severity, summary, example, fix, ...(levelWhy ? { levelWhy } : {}) };
}
