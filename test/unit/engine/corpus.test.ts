/**
 * The real-world corpus in ../shared/corpus (see its README): no file may produce an error, except the
 * ones written to contain errors; a legacy Ignition config gets one clear "unsupported version" warning.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { lintPaths } from '../../../lib/engine';

const CORPUS = join('..', 'shared', 'corpus');
const INTENTIONAL = new Set(['tikoci-intentional-errors.rsc']);

describe.skipIf(!existsSync(CORPUS))('real-world corpus', () => {
  it.each(['ipxe', 'pxelinux', 'routeros', 'ignition'])('%s: no false errors', async (language) => {
    const reports = await lintPaths([join(CORPUS, language)]);
    expect(reports.length).toBeGreaterThan(0);
    const errors = reports
      .filter((r) => !INTENTIONAL.has(r.path.split('/').pop() as string))
      .flatMap((r) =>
        r.findings.filter((f) => f.severity === 'error').map((f) => `${r.path}: ${f.ruleId} ${f.message}`),
      );
    // The spec 2.1.0 config: refused by Fedora CoreOS's Ignition, read by Flatcar's, so a warning (issue #20).
    const legacy = reports.flatMap((r) =>
      r.findings.filter((f) => f.ruleId === 'ignition.unsupportedVersion').map((f) => `${r.path}: ${f.severity}`),
    );
    expect(errors).toEqual([]);
    if (language === 'ignition') expect(legacy).toEqual([expect.stringMatching(/ignition-quench\.ign: warning$/)]);
  });

  it('pxelinux: no diagnostics at all', async () => {
    const reports = await lintPaths([join(CORPUS, 'pxelinux')]);
    expect(reports).toHaveLength(12);
    expect(reports.flatMap((r) => r.findings.map((f) => `${r.path}: ${f.ruleId} ${f.message}`))).toEqual([]);
  });
});
