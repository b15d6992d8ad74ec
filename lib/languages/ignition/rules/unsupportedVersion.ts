import { findNodeAtLocation } from 'jsonc-parser';
import { report } from '../../../core/rule';
import { LATEST_STABLE } from '../versions';
import { ignitionRule, isLegacy, spec1 } from './shared';

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
    const root = config.root;
    const node = root && findNodeAtLocation(root, ['ignition', 'version']);
    const old = node ? undefined : spec1(root);
    if (old) {
      const message =
        `\`ignitionVersion\` is spec 1, the format of Ignition 0.x (CoreOS Container Linux, 2015–2016). ` +
        `Ignition 2.0.0 and later (Fedora CoreOS, RHEL CoreOS 4.6+) refuse it ("invalid config version ` +
        `(couldn't parse)"): ignition-fetch fails and the first boot stops in the initramfs emergency ` +
        `shell; ${FLATCAR}. Nothing else in this file is checked.`;
      return [report(this, { start: old.offset, end: old.offset + old.length }, message)];
    }
    if (node?.type !== 'string' || !isLegacy(String(node.value))) return [];
    const version = String(node.value);
    const message =
      `Spec ${version} is the legacy 2.x format (Ignition 0.x: CoreOS Container Linux, RHEL CoreOS up to ` +
      `4.5). Ignition 2.0.0 and later (Fedora CoreOS, RHEL CoreOS 4.6+) refuse it ("unsupported config ` +
      `version"): ignition-fetch fails and the first boot stops in the initramfs emergency shell; ` +
      `${FLATCAR}. Nothing else in this file is checked.`;
    return [report(this, { start: node.offset, end: node.offset + node.length }, message)];
  },
});
