import type { Problem } from '../../../core/problem';
import { report } from '../../../core/rule';
import { didYouMean } from '../../../core/suggest';
import { versionOf, visitsWhere } from '../document';
import { fieldIndexFor, fieldsFor, firstVersionWith } from '../catalog';
import { FIRST_IGNITION } from '../versions';
import { ignitionRule } from './shared';

export const unknownKey = ignitionRule({
  id: 'ignition.unknownKey',
  language: 'ignition',
  severity: 'warning',
  summary:
    'A key the config\'s spec version does not have: Ignition ignores it ("Unused key"), so whatever it meant does not happen.',
  example:
    '{ "ignition": { "version": "3.4.0" }, "passwd": { "users": [{ "name": "core", "sshAuthorisedKeys": [] }] } }',
  fix: 'Correct the spelling (the message suggests the closest key), or raise ignition.version when the key is newer.',
  levelWhy:
    'Ignition boots with the config but ignores the key ("Unused key"): very likely a misspelt or misplaced field whose ' +
    'effect silently does not happen.',
  check(config) {
    const version = versionOf(config);
    if (!version) return [];
    const problems: Problem[] = [];
    const known = fieldIndexFor(version);
    for (const v of visitsWhere(config, (p) => !known.has(p))) {
      const { key: name, specPath } = v;
      if (name === undefined) continue;
      const parent = specPath.slice(0, Math.max(0, specPath.lastIndexOf('.')));
      if (parent && !known.has(parent)) continue; // reported on the parent already
      const newer = firstVersionWith(specPath);
      const siblings = fieldsFor(version).filter(
        (f) =>
          f.path.startsWith(parent ? `${parent}.` : '') &&
          !f.path.slice(parent ? parent.length + 1 : 0).includes('.') &&
          !f.path.endsWith('[]'),
      );
      const suggestion = newer
        ? undefined
        : didYouMean(
            name,
            siblings.map((f) => f.path.slice(parent ? parent.length + 1 : 0)),
          );
      const range = config.keyRangeAt(v.path);
      problems.push(
        report(
          this,
          range,
          newer
            ? `\`${name}\` exists from spec ${newer} on (Ignition ${FIRST_IGNITION[newer] ?? newer} and later read it); ` +
                `with version ${version} Ignition ignores it. Raise ignition.version to ${newer} or newer.`
            : `Unused key \`${name}\`: spec ${version} has no such field, so Ignition ignores ` +
                `it${suggestion ? `. Did you mean \`${suggestion}\`?` : '.'}`,
          suggestion
            ? {
                fixes: [
                  {
                    title: `Change to "${suggestion}"`,
                    edits: [{ ...range, newText: JSON.stringify(suggestion) }],
                    preferred: true,
                  },
                ],
              }
            : undefined,
        ),
      );
    }
    return problems;
  },
});
