import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { lintPaths } from '../../../lib/engine';

/** The table in examples/broken/README.md: file → the one rule it must produce. */
function expectations(): [string, string][] {
  const readme = readFileSync('examples/broken/README.md', 'utf8');
  return [...readme.matchAll(/^\| `([^`]+)` \| `([\w.]+)` \|/gm)].map((m) => [m[1] as string, m[2] as string]);
}

describe('examples', () => {
  it('home-lab is clean', async () => {
    const reports = await lintPaths(['examples/home-lab']);
    expect(reports.map((r) => r.language).sort()).toEqual([
      'butane',
      'ignition',
      'ipxe',
      'pxelinux',
      'routeros',
      'site',
    ]);
    expect(reports.flatMap((r) => r.findings.map((f) => `${r.path}: ${f.ruleId} ${f.message}`))).toEqual([]);
  });

  it('secure-boot is clean, its GRUB config included', async () => {
    const reports = await lintPaths(['examples/secure-boot']);
    expect(reports.map((r) => r.language).sort()).toEqual(['grub', 'ignition', 'pxelinux', 'routeros', 'site']);
    expect(reports.flatMap((r) => r.findings.map((f) => `${r.path}: ${f.ruleId} ${f.message}`))).toEqual([]);
  });

  it('every broken file produces exactly its expected rule', async () => {
    const table = expectations();
    expect(table.length).toBeGreaterThanOrEqual(12);
    // chain/ is one site with a broken hop per machine: its own test (test/unit/site/chain.test.ts).
    const reports = (await lintPaths(['examples/broken'])).filter((r) => !r.path.includes('/broken/chain/'));
    const byFile = new Map(reports.map((r) => [r.path, r]));
    expect(reports).toHaveLength(table.length);
    for (const [file, rule] of table) {
      const report = byFile.get(join(process.cwd(), 'examples/broken', file));
      expect(report, file).toBeDefined();
      expect([...new Set(report!.findings.map((f) => f.ruleId))], file).toEqual([rule]);
      const text = readFileSync(join('examples/broken', file), 'utf8');
      if (!file.endsWith('.json') && !file.endsWith('.ign')) expect(text, file).toContain(`# expect: ${rule}`);
    }
  });
});
