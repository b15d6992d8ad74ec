import type { Problem } from '../../../core/problem';
import { report } from '../../../core/rule';
import { DataUrlError, dataUrlError } from '../dataUrl';
import { templated } from '../document';
import { compareVersions } from '../catalog';
import { each, ignitionRule, str } from './shared';

const SOURCE_PATHS = /(\.source|^ignition\.proxy\.https?Proxy)$/;

const schemesBySpec = new Map<string, string[]>();

/**
 * A URL's scheme in lower case (a letter, then letters, digits, `+`, `-`, `.`, before a `:`), or undefined.
 * A known scheme written in lower case is found without a match or a new string: a config of thousands of
 * files has a source each.
 */
function schemeOf(url: string, known: readonly string[]): string | undefined {
  for (const scheme of known) if (url.startsWith(scheme) && url.charCodeAt(scheme.length) === 58 /* : */) return scheme;
  return /^([a-z][a-z0-9+.-]*):/i.exec(url)?.[1]?.toLowerCase();
}

/** The URL schemes a spec version's Ignition fetches. */
function schemesOf(version: string): string[] {
  let schemes = schemesBySpec.get(version);
  if (!schemes)
    schemesBySpec.set(
      version,
      (schemes = [
        'http',
        'https',
        'tftp',
        's3',
        'data',
        ...(compareVersions(version, '3.2.0') >= 0 ? ['gs'] : []),
        ...(compareVersions(version, '3.4.0') >= 0 ? ['arn'] : []),
      ]),
    );
  return schemes;
}

export const invalidSource = ignitionRule({
  id: 'ignition.invalidSource',
  language: 'ignition',
  severity: 'error',
  summary:
    'A `source` URL Ignition cannot fetch: a scheme the spec version does not support, or a broken `data:` URL (bad ' +
    'percent escape, bad base64).',
  example:
    '{ "ignition": { "version": "3.4.0" }, "storage": { "files": [{ "path": "/etc/motd", "contents": { "source": "data:,100%" } }] } }',
  fix: 'Use http, https, tftp, s3, gs (3.2.0+), arn (3.4.0+) or a valid data: URL (percent-encode %, or use base64).',
  levelWhy:
    'Ignition refuses the config ("invalid url scheme", "invalid data character", "illegal base64 data"): the first boot fails.',
  check(config) {
    const problems: Problem[] = [];
    each(
      config,
      (p) => SOURCE_PATHS.test(p) && !p.startsWith('ignition.proxy'),
      (v, version) => {
        const value = v.value;
        const url = str(value);
        if (!url || templated(url)) return;
        const schemes = schemesOf(version);
        const scheme = schemeOf(url, schemes);
        if (!scheme || !schemes.includes(scheme)) {
          problems.push(
            report(
              this,
              config.rangeAt(v.path),
              `${scheme ? `The scheme "${scheme}"` : 'This URL has no scheme and'} is not one spec ${version} can fetch ` +
                `(${schemes.join(', ')}): Ignition rejects the config ("invalid url scheme").`,
            ),
          );
          return;
        }
        if (scheme !== 'data') return;
        // Too large is said by ignition.dataUrlTooLarge.
        const decoded = dataUrlError(url);
        if (decoded instanceof DataUrlError)
          problems.push(
            report(
              this,
              config.rangeAt(v.path),
              `Broken data: URL (${decoded.message}): Ignition rejects the config. Percent-encode "%" as %25, or use base64.`,
            ),
          );
      },
    );
    return problems;
  },
});
