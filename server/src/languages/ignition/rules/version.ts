import { findNodeAtLocation } from 'jsonc-parser';
import type { Problem } from '../../../core/problem';
import type { Rule } from '../../../core/rule';
import type { IgnitionConfig } from '../ast';
import { LATEST_STABLE, SPEC_VERSIONS } from '../versions';

export const missingVersion: Rule<IgnitionConfig> = {
  id: 'ignition.missingVersion',
  language: 'ignition',
  severity: 'error',
  summary: 'The config has no `ignition.version`, so Ignition cannot tell which spec it follows and rejects it.',
  example: '{ "passwd": { "users": [] } }',
  fix: `Add \`"ignition": { "version": "${LATEST_STABLE}" }\` at the top level.`,
  check(config, text) {
    const root = config.root;
    if (!root || root.type !== 'object') {
      if (!root) return [];
      return [{ ruleId: this.id, start: root.offset, end: root.offset + root.length, message: 'An Ignition config must be a JSON object with `ignition.version`.' }];
    }
    if (findNodeAtLocation(root, ['ignition', 'version'])) return [];
    const open = root.offset + 1;
    const first = text.slice(open).match(/^\s*/)?.[0].length ?? 0;
    return [
      {
        ruleId: this.id,
        start: root.offset,
        end: root.offset + 1,
        message: `Missing \`ignition.version\`: Ignition rejects a config without it. Add \`"ignition": { "version": "${LATEST_STABLE}" }\`.`,
        fixes: [
          {
            title: `Add "ignition": { "version": "${LATEST_STABLE}" }`,
            edits: [{ start: open + first, end: open + first, newText: `"ignition": { "version": "${LATEST_STABLE}" }${root.children?.length ? ',\n  ' : ''}` }],
            preferred: true,
          },
        ],
      },
    ];
  },
};

export const unsupportedVersion: Rule<IgnitionConfig> = {
  id: 'ignition.unsupportedVersion',
  language: 'ignition',
  severity: 'error',
  summary: 'The `ignition.version` is not a 3.x spec Fedora CoreOS understands (2.x is the legacy Container Linux format).',
  example: '{ "ignition": { "version": "2.1.0" } }',
  fix: `Write the config for spec ${LATEST_STABLE} (Butane can translate older configs) and set that version.`,
  check(config) {
    const node = config.root && findNodeAtLocation(config.root, ['ignition', 'version']);
    if (!node) return [];
    const problems: Problem[] = [];
    const range = { start: node.offset, end: node.offset + node.length };
    if (node.type !== 'string') {
      problems.push({ ruleId: this.id, ...range, message: `\`ignition.version\` must be a string such as "${LATEST_STABLE}".` });
      return problems;
    }
    const version = String(node.value);
    if (SPEC_VERSIONS.includes(version)) return [];
    const legacy = /^[12]\./.test(version);
    problems.push({
      ruleId: this.id,
      ...range,
      message: legacy
        ? `Spec ${version} is the legacy Ignition format (Container Linux, Ignition 0.x): Fedora CoreOS only reads spec 3.x. Rewrite the config for ${LATEST_STABLE}; the rest of this file is not checked until then.`
        : `Unknown Ignition spec version "${version}": use one of ${SPEC_VERSIONS.join(', ')}.`,
      ...(legacy ? {} : { fixes: [{ title: `Use version ${LATEST_STABLE}`, edits: [{ ...range, newText: `"${LATEST_STABLE}"` }] }] }),
    });
    return problems;
  },
};
