import type { Problem } from '../../../core/problem';
import { report } from '../../../core/rule';
import { DataUrlTooLargeError, MAX_DATA_URL_CHARS } from '../dataUrl';
import { visitsWhere } from '../document';
import { ignitionRule } from './shared';

const CAP = `${MAX_DATA_URL_CHARS / 1048576} MiB`;

export const dataUrlTooLarge = ignitionRule({
  id: 'ignition.dataUrlTooLarge',
  language: 'ignition',
  severity: 'info',
  summary:
    `A \`data:\` URL longer than ${CAP}: Ignition reads it, but PXE Workbench does not decode it, so its contents ` +
    `(escapes, base64, gzip, what the file says) are not checked.`,
  example:
    '{ "ignition": { "version": "3.4.0" }, "storage": { "files": [{ "path": "/opt/big.bin", "contents": { "source": ' +
    '"data:;base64,AAAA… (9 MiB)" } }] } }',
  fix:
    'Serve a file this large over HTTP (`"source": "http://…"` with a `verification.hash`) instead of embedding it; ' +
    'or set this rule to "off".',
  levelWhy: 'Advice: Ignition reads the URL; only our check of its contents is skipped, and this says so.',
  check(config) {
    const problems: Problem[] = [];
    for (const v of visitsWhere(config, (p) => p.endsWith('.source'))) {
      const url = v.value;
      if (typeof url !== 'string' || !/^data:/i.test(url) || url.length <= MAX_DATA_URL_CHARS) continue;
      const why = new DataUrlTooLargeError(url.length, MAX_DATA_URL_CHARS).message;
      const message = `${why[0]?.toUpperCase()}${why.slice(1)}. Serve a file this large over HTTP instead.`;
      problems.push(report(this, config.rangeAt(v.path), message));
    }
    return problems;
  },
});
