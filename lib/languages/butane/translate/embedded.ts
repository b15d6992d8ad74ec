/**
 * An Ignition config embedded with `ignition.config.merge`/`replace` `inline` or `local`: Butane parses it
 * and, when its version is the one this spec emits, validates it (its reports keep the embedded config's own
 * paths, as Butane's do); another version only gets a warning that it was not checked.
 */
import type { ConfigPath } from '../ast';
import { BUTANE } from '../ruleIds';
import type { TranslateContext } from './context';

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
  return true;
}
