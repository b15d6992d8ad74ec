import { findNodeAtLocation } from 'jsonc-parser';
import { report } from '../../../core/rule';
import { LATEST_STABLE } from '../versions';
import { ignitionRule, spec1 } from './shared';

export const missingVersion = ignitionRule({
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
        report(
          this,
          { start: root.offset, end: root.offset + root.length },
          'An Ignition config must be a JSON object with `ignition.version`.',
        ),
      ];
    }
    if (findNodeAtLocation(root, ['ignition', 'version']) || spec1(root)) return [];
    const open = root.offset + 1;
    const first = text.slice(open).match(/^\s*/)?.[0].length ?? 0;
    return [
      report(
        this,
        { start: root.offset, end: root.offset + 1 },
        `Missing \`ignition.version\`: every Ignition release rejects a config without it. Add \`"ignition": { ` +
          `"version": "${LATEST_STABLE}" }\`.`,
        {
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
      ),
    ];
  },
});
