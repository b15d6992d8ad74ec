import { report } from '../../../core/rule';
import { LATEST_STABLE } from '../versions';
import { objectOf } from '../document';
import { hasSpec1, hasVersion, ignitionRule } from './shared';

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
    if (config.value === undefined) return [];
    const object = objectOf(config.value);
    if (!object)
      return [report(this, config.rangeAt([]), 'An Ignition config must be a JSON object with `ignition.version`.')];
    if (hasVersion(config) || hasSpec1(config)) return [];
    const root = config.braceAt([]);
    const open = root.start + 1;
    const first = text.slice(open).match(/^\s*/)?.[0].length ?? 0;
    return [
      report(
        this,
        root,
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
                  newText: `"ignition": { "version": "${LATEST_STABLE}" }${Object.keys(object).length ? ',\n  ' : ''}`,
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
