import { report } from '../../../core/rule';
import { LATEST_STABLE } from '../versions';
import { versionValue } from '../document';
import { hasSpec1, hasVersion, ignitionRule, isLegacy } from './shared';

const FLATCAR =
  'Flatcar still reads it (with Ignition 0.x before release 3185.0.0, translated to spec 3 at boot since)';

export const unsupportedVersion = ignitionRule({
  id: 'ignition.unsupportedVersion',
  language: 'ignition',
  severity: 'warning',
  summary:
    'A spec 2.x (or spec 1 `ignitionVersion`) config: Fedora CoreOS and RHEL CoreOS 4.6+ (Ignition 2.0.0 and later) ' +
    'refuse it; only Flatcar still reads it.',
  example: '{ "ignition": { "version": "2.2.0" } }',
  fix:
    `For Fedora CoreOS, rewrite the config for spec ${LATEST_STABLE} (Butane, or ign-converter for a mechanical ` +
    `translation); for a Flatcar-only repository set this rule to "off".`,
  levelWhy:
    'Upstream Ignition 2.0.0 and later (Fedora CoreOS, RHEL CoreOS 4.6+) refuse it and the first boot fails, but Flatcar ' +
    'reads it: the linter cannot know the target, so a warning (off for Flatcar-only work), not an ' +
    'error.',
  check(config) {
    if (!hasVersion(config) && hasSpec1(config)) {
      const message =
        `\`ignitionVersion\` is spec 1, the format of Ignition 0.x (CoreOS Container Linux, 2015–2016). ` +
        `Ignition 2.0.0 and later (Fedora CoreOS, RHEL CoreOS 4.6+) refuse it ("invalid config version ` +
        `(couldn't parse)"): ignition-fetch fails and the first boot stops in the initramfs emergency ` +
        `shell; ${FLATCAR}. Nothing else in this file is checked.`;
      return [report(this, config.rangeAt(['ignitionVersion']), message)];
    }
    const version = versionValue(config);
    if (typeof version !== 'string' || !isLegacy(version)) return [];
    const message =
      `Spec ${version} is the legacy 2.x format (Ignition 0.x: CoreOS Container Linux, RHEL CoreOS up to ` +
      `4.5). Ignition 2.0.0 and later (Fedora CoreOS, RHEL CoreOS 4.6+) refuse it ("unsupported config ` +
      `version"): ignition-fetch fails and the first boot stops in the initramfs emergency shell; ` +
      `${FLATCAR}. Nothing else in this file is checked.`;
    return [report(this, config.rangeAt(['ignition', 'version']), message)];
  },
});
