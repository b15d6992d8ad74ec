import type { Problem } from '../../../core/problem';
import { report } from '../../../core/rule';
import { templated } from '../document';
import { each, ignitionRule, range, str } from './shared';

const ABSOLUTE_PATHS = new RegExp(
  `^(${[
    String.raw`storage\.(files|directories|links)\[\]\.path`,
    String.raw`storage\.filesystems\[\]\.(path|device)`,
    String.raw`storage\.disks\[\]\.device`,
    String.raw`storage\.raid\[\]\.devices\[\]`,
    String.raw`storage\.luks\[\]\.device`,
    String.raw`passwd\.users\[\]\.homeDir`,
  ].join('|')})$`,
);

const OPTIONAL_PATHS = /^(storage\.filesystems\[\]\.path|passwd\.users\[\]\.homeDir)$/;

export const pathNotAbsolute = ignitionRule({
  id: 'ignition.pathNotAbsolute',
  language: 'ignition',
  severity: 'error',
  summary:
    'A file, directory, link, device or home path that does not start with `/`: Ignition rejects the config ("path not absolute").',
  example: '{ "ignition": { "version": "3.4.0" }, "storage": { "files": [{ "path": "etc/motd" }] } }',
  fix: 'Write the absolute path, starting with `/`.',
  levelWhy: 'Ignition refuses the config ("path not absolute"): the first boot fails.',
  check(config) {
    const problems: Problem[] = [];
    each(
      config,
      (p) => ABSOLUTE_PATHS.test(p),
      ({ specPath, value }) => {
        const text = str(value);
        // An empty optional path (a filesystem's mount point, a home directory) is no path: Ignition skips it.
        if (text === '' && OPTIONAL_PATHS.test(specPath)) return;
        if (text !== undefined && !text.startsWith('/') && !templated(text) && value)
          problems.push(
            report(
              this,
              range(value),
              `"${text}" is not an absolute path: Ignition rejects the config. Write "/${text}".`,
              {
                fixes: [
                  {
                    title: `Change to "/${text}"`,
                    edits: [{ ...range(value), newText: JSON.stringify(`/${text}`) }],
                    preferred: true,
                  },
                ],
              },
            ),
          );
      },
    );
    return problems;
  },
});
