/**
 * An Ignition config embedded with `ignition.config.merge`/`replace` `inline` or `local`: Butane parses it
 * and, when its version is the one this spec emits, validates it (its reports keep the embedded config's own
 * paths, as Butane's do); another version only gets a warning that it was not checked.
 */
import type { ConfigPath } from '../ast';
import { BUTANE } from '../ruleIds';
import type { JsonObject, TranslateContext } from './context';
import { ignitionExtras } from './ignitionExtras';
import { ignitionFindings } from './ignitionChecks';

/** Checks an embedded config; false when it is not a config at all (Butane then stops). */
export function validateEmbeddedConfig(
  ctx: TranslateContext,
  resource: ConfigPath,
  field: 'inline' | 'local',
  contents: Buffer,
): boolean {
  const at = [...resource, field];
  let parsed: unknown;
  try {
    parsed = JSON.parse(contents.toString('utf8'));
  } catch (error) {
    const detail = (error as Error).message;
    ctx.report(BUTANE.invalidValue, 'error', at, `the embedded Ignition config is not JSON (${detail}).`);
    if (field === 'inline')
      ctx.report(BUTANE.invalidValue, 'error', at, 'config is not valid. Embed an Ignition (JSON) config.');
    return false;
  }
  if (parsed !== null && (typeof parsed !== 'object' || Array.isArray(parsed))) {
    const kind = Array.isArray(parsed) ? 'an array' : `a ${typeof parsed}`;
    ctx.report(BUTANE.invalidValue, 'error', at, `the embedded Ignition config is ${kind}, not a JSON object.`);
    if (field === 'inline')
      ctx.report(BUTANE.invalidValue, 'error', at, 'config is not valid. Embed an Ignition (JSON) config.');
    return false;
  }
  const version = (parsed as { ignition?: { version?: unknown } } | null)?.ignition?.version;
  if (version !== ctx.spec.ignition) {
    ctx.report(
      BUTANE.embeddedVersion,
      'warning',
      field === 'inline' ? [...resource, 'version'] : [...at, 'version'],
      `skipping validation for the merge/replace ignition config due to an unkown version (Butane checks an ` +
        `embedded config only when its version is ${ctx.spec.ignition}).`,
    );
    return true;
  }
  // Butane validates it as Ignition would; the findings keep the embedded config's own paths (as Butane's do),
  // placed at the Butane field that embeds it.
  const span = ctx.spanOf(at);
  for (const f of ignitionFindings(contents.toString('utf8'), 'embedded'))
    ctx.reports.push({ level: f.level, rule: f.problem.ruleId, path: f.path, ...span, message: f.problem.message });
  const direct: TranslateContext = {
    ...ctx,
    reportIgnition: (rule, level, path, message) => ctx.reports.push({ level, rule, path, ...span, message }),
  };
  if (parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed))
    ignitionExtras(direct, parsed as JsonObject);
  return !ctx.failed();
}
