import { findNodeAtLocation, type Node } from 'jsonc-parser';
import type { Problem } from '../../../core/problem';
import type { Rule } from '../../../core/rule';
import type { IgnitionConfig } from '../ast';
import { FIRST_IGNITION, LATEST_STABLE, SPEC_VERSIONS } from '../versions';

const LATEST = `${LATEST_STABLE} (Ignition ${FIRST_IGNITION[LATEST_STABLE]} and later)`;

/** The spec 1 marker (`"ignitionVersion": 1` at the top level), which came before `ignition.version`. */
function spec1(root: Node | undefined): Node | undefined {
  return root?.type === 'object' ? findNodeAtLocation(root, ['ignitionVersion']) : undefined;
}

const isLegacy = (version: string): boolean => /^2\.\d+\.\d+(-experimental)?$/.test(version);

export const missingVersion: Rule<IgnitionConfig> = {
  id: 'ignition.missingVersion',
  language: 'ignition',
  severity: 'error',
  summary: 'The config has no `ignition.version`, so Ignition cannot tell which spec it follows and rejects it.',
  example: '{ "passwd": { "users": [] } }',
  fix: `Add \`"ignition": { "version": "${LATEST_STABLE}" }\` at the top level.`,
  levelWhy:
    'Every Ignition release refuses a config without a version ("invalid config version (couldn\'t parse)"): the first boot fails.',
  check(config, text) {
    const root = config.root;
    if (!root || root.type !== 'object') {
      if (!root) return [];
      return [
        {
          ruleId: this.id,
          start: root.offset,
          end: root.offset + root.length,
          message: 'An Ignition config must be a JSON object with `ignition.version`.',
        },
      ];
    }
    if (findNodeAtLocation(root, ['ignition', 'version']) || spec1(root)) return [];
    const open = root.offset + 1;
    const first = text.slice(open).match(/^\s*/)?.[0].length ?? 0;
    return [
      {
        ruleId: this.id,
        start: root.offset,
        end: root.offset + 1,
        message: `Missing \`ignition.version\`: every Ignition release rejects a config without it. Add \`"ignition": { "version": "${LATEST_STABLE}" }\`.`,
        fixes: [
          {
            title: `Add "ignition": { "version": "${LATEST_STABLE}" }`,
            edits: [
              {
                start: open + first,
                end: open + first,
                newText: `"ignition": { "version": "${LATEST_STABLE}" }${root.children?.length ? ',\n  ' : ''}`,
              },
            ],
            preferred: true,
          },
        ],
      },
    ];
  },
};

export const invalidVersion: Rule<IgnitionConfig> = {
  id: 'ignition.invalidVersion',
  language: 'ignition',
  severity: 'error',
  summary:
    'An `ignition.version` no Ignition release reads: not a full X.Y.Z version (`"3.4"`), or a spec that does not exist (`"3.8.0"`).',
  example: '{ "ignition": { "version": "3.4" } }',
  fix: `Write a full spec version, e.g. "${LATEST_STABLE}" (or the newest your machines' Ignition reads).`,
  levelWhy:
    'Every Ignition release refuses the config ("invalid config version" / "unsupported config version"): the first boot fails on every distribution.',
  check(config) {
    const node = config.root && findNodeAtLocation(config.root, ['ignition', 'version']);
    if (!node) return [];
    const problems: Problem[] = [];
    const range = { start: node.offset, end: node.offset + node.length };
    if (node.type !== 'string') {
      problems.push({
        ruleId: this.id,
        ...range,
        message: `\`ignition.version\` must be a string such as "${LATEST_STABLE}": every Ignition release refuses this config.`,
      });
      return problems;
    }
    const version = String(node.value);
    if (SPEC_VERSIONS.includes(version) || isLegacy(version)) return problems;
    const full = /^\d+\.\d+$/.test(version) ? `${version}.0` : undefined;
    const fixed = full && SPEC_VERSIONS.includes(full) ? full : LATEST_STABLE;
    problems.push({
      ruleId: this.id,
      ...range,
      message: full
        ? `"${version}" is not a spec version: Ignition wants all three parts ("${full}") and every release refuses this config ("invalid config version (couldn't parse)").`
        : `No Ignition release reads spec "${version}" ("unsupported config version"): the stable specs are ${SPEC_VERSIONS.filter((v) => FIRST_IGNITION[v]).join(', ')}; the newest is ${LATEST}.`,
      fixes: [
        { title: `Use version ${fixed}`, edits: [{ ...range, newText: `"${fixed}"` }], preferred: fixed === full },
      ],
    });
    return problems;
  },
};

const FLATCAR =
  'Flatcar still reads it (with Ignition 0.x before release 3185.0.0, translated to spec 3 at boot since)';

export const unsupportedVersion: Rule<IgnitionConfig> = {
  id: 'ignition.unsupportedVersion',
  language: 'ignition',
  severity: 'warning',
  summary:
    'A spec 2.x (or spec 1 `ignitionVersion`) config: Fedora CoreOS and RHEL CoreOS 4.6+ (Ignition 2.0.0 and later) refuse it; only Flatcar still reads it.',
  example: '{ "ignition": { "version": "2.2.0" } }',
  fix: `For Fedora CoreOS, rewrite the config for spec ${LATEST_STABLE} (Butane, or ign-converter for a mechanical translation); for a Flatcar-only repository set this rule to "off".`,
  levelWhy:
    'Upstream Ignition 2.0.0 and later (Fedora CoreOS, RHEL CoreOS 4.6+) refuse it and the first boot fails, but Flatcar reads it: the linter cannot know the target, so a warning (off for Flatcar-only work), not an error.',
  check(config) {
    const root = config.root;
    const node = root && findNodeAtLocation(root, ['ignition', 'version']);
    const old = node ? undefined : spec1(root);
    if (old) {
      const message = `\`ignitionVersion\` is spec 1, the format of Ignition 0.x (CoreOS Container Linux, 2015–2016). Ignition 2.0.0 and later (Fedora CoreOS, RHEL CoreOS 4.6+) refuse it ("invalid config version (couldn't parse)"): ignition-fetch fails and the first boot stops in the initramfs emergency shell; ${FLATCAR}. Nothing else in this file is checked.`;
      return [{ ruleId: this.id, start: old.offset, end: old.offset + old.length, message }];
    }
    if (node?.type !== 'string' || !isLegacy(String(node.value))) return [];
    const version = String(node.value);
    const message = `Spec ${version} is the legacy 2.x format (Ignition 0.x: CoreOS Container Linux, RHEL CoreOS up to 4.5). Ignition 2.0.0 and later (Fedora CoreOS, RHEL CoreOS 4.6+) refuse it ("unsupported config version"): ignition-fetch fails and the first boot stops in the initramfs emergency shell; ${FLATCAR}. Nothing else in this file is checked.`;
    return [{ ruleId: this.id, start: node.offset, end: node.offset + node.length, message }];
  },
};
