/**
 * The real-world corpus in ../shared/corpus (see its README): no file may produce an error, except the
 * ones written to contain errors; a legacy Ignition config gets one clear "unsupported version".
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { lintPaths } from '../../../server/src/engine';

const CORPUS = join('..', 'shared', 'corpus');
const INTENTIONAL = new Set(['tikoci-intentional-errors.rsc']);

describe.skipIf(!existsSync(CORPUS))('real-world corpus', () => {
  it.each(['ipxe', 'pxelinux', 'routeros', 'ignition'])('%s: no false errors', async (language) => {
    const reports = await lintPaths([join(CORPUS, language)]);
    expect(reports.length).toBeGreaterThan(0);
    const errors = reports
      .filter((r) => !INTENTIONAL.has(r.path.split('/').pop() as string))
      .flatMap((r) => r.findings.filter((f) => f.severity === 'error').map((f) => `${r.path}: ${f.ruleId} ${f.message}`));
    const legacy = errors.filter((e) => e.includes('ignition-quench.ign: ignition.unsupportedVersion'));
    expect(errors.filter((e) => !legacy.includes(e))).toEqual([]);
    if (language === 'ignition') expect(legacy).toHaveLength(1);
  });

  it('pxelinux: no diagnostics at all', async () => {
    const reports = await lintPaths([join(CORPUS, 'pxelinux')]);
    expect(reports).toHaveLength(12);
    expect(reports.flatMap((r) => r.findings.map((f) => `${r.path}: ${f.ruleId} ${f.message}`))).toEqual([]);
  });
});
