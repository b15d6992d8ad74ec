import { posix } from 'node:path';
import type { Fix, Problem } from '../../../core/problem';
import { report } from '../../../core/rule';
import { templated } from '../document';
import type { Span } from '../ast';
import { each, ignitionRule, str } from './shared';

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

/** Go's path.Clean of an absolute path: no `//`, `.`, `..` or trailing `/` (but the root). */
function cleanPath(path: string): string {
  // Most paths are clean already: no `//`, no `.` or `..` step, no trailing `/` — then they are their own answer.
  if (!/\/\/|\/\.\.?(\/|$)|.\/$/.test(path)) return path;
  const clean = posix.normalize(path);
  return clean.length > 1 && clean.endsWith('/') ? clean.slice(0, -1) : clean;
}

/** Ignition wants storage paths fully simplified (every spec 3.x); a home directory is not checked. */
const SIMPLIFIED_PATHS = /^storage\./;

export const pathNotAbsolute = ignitionRule({
  id: 'ignition.pathNotAbsolute',
  language: 'ignition',
  severity: 'error',
  summary:
    'A file, directory, link, device or home path that does not start with `/`, or a storage path not in its simplest ' +
    'form (`//`, `.`, `..`, a trailing `/`): Ignition rejects the config.',
  example: '{ "ignition": { "version": "3.4.0" }, "storage": { "files": [{ "path": "etc/motd" }] } }',
  fix: 'Write the absolute path, starting with `/`, in its simplest form.',
  levelWhy: 'Ignition refuses the config ("path not absolute", "path is not fully simplified"): the first boot fails.',
  check(config) {
    const problems: Problem[] = [];
    each(
      config,
      (p) => ABSOLUTE_PATHS.test(p),
      (v) => {
        const { specPath, value } = v;
        const text = str(value);
        // An empty optional path (a filesystem's mount point, a home directory) is no path: Ignition skips it.
        if (text === '' && OPTIONAL_PATHS.test(specPath)) return;
        if (text === undefined || templated(text)) return;
        const range = (): Span => config.rangeAt(v.path);
        if (text.startsWith('/') && SIMPLIFIED_PATHS.test(specPath) && cleanPath(text) !== text)
          problems.push(
            report(
              this,
              range(),
              `"${text}" is not fully simplified: Ignition rejects the config ("path is not fully simplified"). ` +
                `Write "${cleanPath(text)}".`,
              { fixes: [fixTo(range(), cleanPath(text))] },
            ),
          );
        else if (!text.startsWith('/'))
          problems.push(
            report(this, range(), `"${text}" is not an absolute path: Ignition rejects the config. Write "/${text}".`, {
              fixes: [fixTo(range(), `/${text}`)],
            }),
          );
      },
    );
    return problems;
  },
});

/** The quick fix that writes `path` in place of the value at `range`. */
function fixTo(range: Span, path: string): Fix {
  return { title: `Change to "${path}"`, edits: [{ ...range, newText: JSON.stringify(path) }], preferred: true };
}
