/**
 * Proves the transcription of Butane's upstream test vectors (test/unit/butane/vectors/): every case, run
 * through the official butane v0.29.0 binary, gives the output and reports the Go test expects. A case the
 * binary disagrees with is a transcription mistake, unless the case notes a real difference.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  CASE_FILES,
  comparable,
  decimalModeConfig,
  loadDecimalModes,
  loadVectors,
  makeFilesDir,
  reportKeys,
  warnedModes,
  type VectorCase,
} from '../unit/butane/vectorsLib';

const BUTANE = resolve('../shared/tools/butane/butane');

interface OracleReport {
  level: string;
  path: string;
  line?: number;
  message: string;
}

interface OracleResult {
  status: number | null;
  ignition?: unknown;
  reports: OracleReport[];
  stderr: string;
}

function runButane(text: string, filesDir?: string): OracleResult {
  const args = ['--raw-errors', ...(filesDir ? ['-d', filesDir] : [])];
  const r = spawnSync(BUTANE, args, { input: text, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (r.error) throw r.error;
  const reports: OracleReport[] = [];
  for (const line of r.stderr.split('\n')) {
    const m = /^(error|warning) at (\$[^,:]*)(?:, line (\d+) col \d+)?: (.*)$/.exec(line);
    const [, level = '', path = '', at, message = ''] = m ?? [];
    if (m) reports.push({ level, path, line: at ? Number(at) : undefined, message });
  }
  const ignition = r.status === 0 && r.stdout.trim() ? (JSON.parse(r.stdout) as unknown) : undefined;
  return { status: r.status, ignition, reports, stderr: r.stderr };
}

const isRoot = process.getuid?.() === 0;

async function check(c: VectorCase): Promise<void> {
  const files = await makeFilesDir(c);
  try {
    const theirs = runButane(c.butane, files?.dir);
    const where = `${c.name}\n${theirs.stderr}`;
    expect(reportKeys(theirs.reports), where).toEqual(reportKeys(c.reports));
    for (const want of c.reports) {
      const message = want.message.replaceAll('{filesDir}', files?.dir ?? '');
      const got = theirs.reports.filter((r) => r.level === want.level && r.path === want.path);
      expect(
        got.some((r) => r.message.includes(message)),
        `${where}: no ${want.level} at ${want.path} saying "${message}"`,
      ).toBe(true);
      if (want.line !== undefined)
        expect(
          got.map((r) => r.line),
          where,
        ).toContain(want.line);
    }
    if (c.ignition === 'unchecked') return;
    if (c.ignition === null) {
      expect(theirs.status, where).not.toBe(0);
      return;
    }
    expect(theirs.status, where).toBe(0);
    expect(comparable(theirs.ignition, c.partial), where).toEqual(comparable(c.ignition, c.partial));
  } finally {
    await files?.close();
  }
}

describe('upstream Butane vectors: the butane binary agrees with the transcription', () => {
  it('finds the binary', () => {
    expect(existsSync(BUTANE), `${BUTANE} (see ../shared/TESTING.md)`).toBe(true);
  });
  for (const name of CASE_FILES) {
    describe(name, () => {
      for (const c of loadVectors(name).cases) {
        it.skipIf(c.unlessRoot && isRoot)(c.name, () => check(c));
      }
    });
  }
  describe('util', () => {
    const v = loadDecimalModes();
    for (const kind of ['files', 'directories'] as const) {
      it(`${v.name}: ${kind}`, () => {
        const theirs = runButane(decimalModeConfig(v.range, kind));
        expect(warnedModes(theirs.reports, v.range)).toEqual(kind === 'files' ? v.file : v.directory);
      });
    }
  });
});
