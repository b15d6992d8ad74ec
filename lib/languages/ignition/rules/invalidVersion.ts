import type { Problem } from '../../../core/problem';
import { report } from '../../../core/rule';
import { FIRST_IGNITION, LATEST_STABLE, SPEC_VERSIONS } from '../versions';
import { versionValue } from '../document';
import { hasVersion, ignitionRule, isLegacy } from './shared';

const LATEST = `${LATEST_STABLE} (Ignition ${FIRST_IGNITION[LATEST_STABLE]} and later)`;

export const invalidVersion = ignitionRule({
  id: 'ignition.invalidVersion',
  language: 'ignition',
  severity: 'error',
  summary:
    'An `ignition.version` no Ignition release reads: not a full X.Y.Z version (`"3.4"`), or a spec that does not exist (`"3.8.0"`).',
  example: '{ "ignition": { "version": "3.4" } }',
  fix: `Write a full spec version, e.g. "${LATEST_STABLE}" (or the newest your machines' Ignition reads).`,
  levelWhy:
    'Every Ignition release refuses the config ("invalid config version" / "unsupported config version"): the first boot ' +
    'fails on every distribution.',
  check(config) {
    if (!hasVersion(config)) return [];
    const value = versionValue(config);
    if (typeof value === 'string' && (SPEC_VERSIONS.includes(value) || isLegacy(value))) return [];
    const problems: Problem[] = [];
    const range = config.rangeAt(['ignition', 'version']);
    if (typeof value !== 'string') {
      problems.push(
        report(
          this,
          range,
          `\`ignition.version\` must be a string such as "${LATEST_STABLE}": every Ignition release refuses this config.`,
        ),
      );
      return problems;
    }
    const version = value;
    const full = /^\d+\.\d+$/.test(version) ? `${version}.0` : undefined;
    const fixed = full && SPEC_VERSIONS.includes(full) ? full : LATEST_STABLE;
    problems.push(
      report(
        this,
        range,
        full
          ? `"${version}" is not a spec version: Ignition wants all three parts ("${full}") and every release refuses ` +
              `this config ("invalid config version (couldn't parse)").`
          : `No Ignition release reads spec "${version}" ("unsupported config version"): the stable specs are ` +
              `${SPEC_VERSIONS.filter((v) => FIRST_IGNITION[v]).join(', ')}; the newest is ${LATEST}.`,
        {
          fixes: [
            { title: `Use version ${fixed}`, edits: [{ ...range, newText: `"${fixed}"` }], preferred: fixed === full },
          ],
        },
      ),
    );
    return problems;
  },
});
