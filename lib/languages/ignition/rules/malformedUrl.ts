import type { Problem } from '../../../core/problem';
import { report } from '../../../core/rule';
import { versionOf, visitsWhere } from '../document';
import { ignitionRule } from './shared';

/** Schemes whose URL names a host; written without `//` the host is read as part of the path. */
const HOSTED = /^(https?|tftp|s3|gs):(?!\/\/[^/?#\s])/i;

export const malformedUrl = ignitionRule({
  id: 'ignition.malformedUrl',
  language: 'ignition',
  severity: 'warning',
  summary:
    'A `source` URL with no host after its scheme (`http:10.0.0.1/key`, `https:/host/x`): the config validates, but the ' +
    'fetch fails at first boot.',
  example:
    '{ "ignition": { "version": "3.4.0" }, "storage": { "files": [{ "path": "/etc/key", "contents": { "source": ' +
    '"http:192.168.122.1/key" } }] } }',
  fix: 'Write `scheme://host/path` (the quick fix adds the `//`).',
  levelWhy:
    'Ignition (and ignition-validate) accept the config and fail only when this URL is fetched at first boot ("no Host ' +
    'in request URL"); a warning keeps our error verdict the same as ignition-validate\'s.',
  check(config) {
    if (!versionOf(config)) return [];
    const problems: Problem[] = [];
    for (const v of visitsWhere(config, (p) => p.endsWith('.source'))) {
      const url = v.value;
      if (typeof url !== 'string') continue;
      const m = HOSTED.exec(url);
      if (!m) continue;
      const scheme = m[1] as string;
      const fixed = `${scheme}://${url.slice(scheme.length + 1).replace(/^\/+/, '')}`;
      const range = config.rangeAt(v.path);
      problems.push(
        report(
          this,
          range,
          `"${url}" has no host after "${scheme}:" (a URL needs "${scheme}://host/…"): Ignition accepts the config, but ` +
            `fetching it fails at first boot. Did you mean "${fixed}"?`,
          {
            fixes: [
              { title: `Change to "${fixed}"`, edits: [{ ...range, newText: JSON.stringify(fixed) }], preferred: true },
            ],
          },
        ),
      );
    }
    return problems;
  },
});
