import { report } from '../../../core/rule';
import { versionOf } from '../document';
import { compareVersions } from '../catalog';
import { FIRST_IGNITION, LATEST_STABLE, specWithReaders } from '../versions';
import { ignitionRule } from './shared';

const OLD_BELOW = '3.4.0';

export const oldSpec = ignitionRule({
  id: 'ignition.oldSpec',
  language: 'ignition',
  severity: 'hint',
  summary: `The config uses a spec older than ${OLD_BELOW}: it still works, but newer fields (and their checks) are not available.`,
  example: '{ "ignition": { "version": "3.0.0" } }',
  fix: `Raise ignition.version to ${LATEST_STABLE} when every machine runs Ignition ${FIRST_IGNITION[LATEST_STABLE]} or later.`,
  levelWhy: 'Style: the config works on every Ignition that reads its spec; newer specs only add fields and checks.',
  check(config) {
    const version = versionOf(config);
    // Two minor versions of grace: Butane and Fedora CoreOS docs lag the newest spec a little.
    if (!version || compareVersions(version, OLD_BELOW) >= 0) return [];
    const message =
      `${specWithReaders(version)[0]?.toUpperCase()}${specWithReaders(version).slice(1)} works; ` +
      `${LATEST_STABLE} is current (Ignition ${FIRST_IGNITION[LATEST_STABLE]} and later), and every ` +
      `Ignition that reads ${LATEST_STABLE} also reads ${version}.`;
    return [report(this, config.rangeAt(['ignition', 'version']), message)];
  },
});
