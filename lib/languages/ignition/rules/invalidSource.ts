import type { Problem } from '../../../core/problem';
import { report } from '../../../core/rule';
import { DataUrlError, DataUrlTooLargeError, decodeDataUrl } from '../dataUrl';
import { templated } from '../document';
import { compareVersions } from '../catalog';
import { each, ignitionRule, range, str } from './shared';

const SOURCE_PATHS = /(\.source|^ignition\.proxy\.https?Proxy)$/;

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
      ({ value }, version) => {
        const url = str(value);
        if (!url || !value || templated(url)) return;
        const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(url)?.[1]?.toLowerCase();
        const schemes = [
          'http',
          'https',
          'tftp',
          's3',
          'data',
          ...(compareVersions(version, '3.2.0') >= 0 ? ['gs'] : []),
          ...(compareVersions(version, '3.4.0') >= 0 ? ['arn'] : []),
        ];
        if (!scheme || !schemes.includes(scheme)) {
          problems.push(
            report(
              this,
              range(value),
              `${scheme ? `The scheme "${scheme}"` : 'This URL has no scheme and'} is not one spec ${version} can fetch ` +
                `(${schemes.join(', ')}): Ignition rejects the config ("invalid url scheme").`,
            ),
          );
          return;
        }
        if (scheme !== 'data') return;
        try {
          decodeDataUrl(url);
        } catch (error) {
          if (error instanceof DataUrlError)
            problems.push(
              report(
                this,
                range(value),
                `Broken data: URL (${error.message}): Ignition rejects the config. Percent-encode "%" as %25, or use base64.`,
              ),
            );
          else if (!(error instanceof DataUrlTooLargeError)) throw error; // too large: said by ignition.dataUrlTooLarge
        }
      },
    );
    return problems;
  },
});
