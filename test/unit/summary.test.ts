import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { expect, it } from 'vitest';
// @ts-expect-error -- a plain .mjs script without types
import { summarize } from '../../scripts/summary.mjs';

it('counts a suite whose hook failed as a failure in the closing line', () => {
  const out = join(mkdtempSync(join(tmpdir(), 'pxe-summary-')), 'report.json');
  const fixtures = resolve('test/fixtures/summary');
  const run = spawnSync(
    process.execPath,
    [
      resolve('node_modules/vitest/vitest.mjs'),
      'run',
      '--root',
      fixtures,
      '--reporter=json',
      `--outputFile.json=${out}`,
    ],
    { encoding: 'utf8', env: { ...process.env, CI: '1' } },
  );
  expect(run.status).not.toBe(0);
  const json = JSON.parse(readFileSync(out, 'utf8')) as { numFailedTests: number };
  expect(json.numFailedTests).toBe(0); // what the old summary trusted: "1 passed, 0 failed"
  const counted = summarize(json) as { passed: number; failed: number; notes: string[] };
  expect(counted).toMatchObject({ passed: 1, failed: 1 });
  expect(counted.notes.join('\n')).toContain('hook.test.ts');
}, 60_000);
