/** What several Ignition rules share (not a rule): the rule declarer, value helpers, the version markers. */
import { ruleOver } from '../../../core/rule';
import type { IgnitionConfig } from '../ast';
import { objectOf, versionOf, visitsWhere, type PropertyVisit } from '../document';

/** Declares an Ignition rule (its id stays a literal type). */
export const ignitionRule = ruleOver<IgnitionConfig>();

/** Every property visit whose spec path matches, in document order, for configs of a known version. */
export function each(
  config: IgnitionConfig,
  match: (specPath: string) => boolean,
  then: (v: PropertyVisit, version: string) => void,
): void {
  const version = versionOf(config);
  if (!version) return;
  // Indexed: `each` serves every rule with its own callback, and its loop over thousands of visits may run
  // unoptimised, where `for…of` makes an iterator result per visit.
  const visits = visitsWhere(config, match);
  for (let i = 0; i < visits.length; i++) then(visits[i] as PropertyVisit, version);
}

/** A string value, else undefined. */
export const str = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);

/** True when the config has the spec 1 marker (`"ignitionVersion": …` at the top level), which came before `ignition.version`. */
export const hasSpec1 = (config: IgnitionConfig): boolean =>
  Object.hasOwn(objectOf(config.value) ?? {}, 'ignitionVersion');

/** True when the config has an `ignition.version` member (of any value). */
export const hasVersion = (config: IgnitionConfig): boolean =>
  Object.hasOwn(objectOf(objectOf(config.value)?.ignition) ?? {}, 'version');

/** A legacy spec 2.x version. */
export const isLegacy = (version: string): boolean => /^2\.\d+\.\d+(-experimental)?$/.test(version);
