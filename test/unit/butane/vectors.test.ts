/**
 * Butane's upstream test vectors (vectors/*.yaml, transcribed from coreos/butane's *_test.go and checked against
 * the butane binary by test/oracle/butaneVectors.test.ts) run through our parser and translator: the same
 * Ignition (data: URLs decoded), the same reports (level and Butane path; our messages are our own).
 */
import { describe, expect, it } from 'vitest';
import { parseButane } from '../../../lib/languages/butane/parser';
import { translateButane } from '../../../lib/languages/butane/translate';
import {
  CASE_FILES,
  comparable,
  decimalModeConfig,
  differingPaths,
  lineOf,
  loadDecimalModes,
  loadVectors,
  makeFilesDir,
  parsePathText,
  pathText,
  reportKeys,
  warnedModes,
  type VectorCase,
} from './vectorsLib';

const isRoot = process.getuid?.() === 0;

function translate(text: string, filesDir?: string) {
  const { ast, problems } = parseButane(text);
  const translation = translateButane(ast, { filesDir });
  const reports = translation.reports.map((r) => ({
    level: r.level,
    path: pathText(r.path),
    line: lineOf(text, r.start),
  }));
  return { problems, translation, reports };
}

function reportDifferences(c: VectorCase, ours: { level: string; path: string; line: number }[]): string[] {
  const out: string[] = [];
  const theirs = reportKeys(c.reports);
  const mine = reportKeys(ours);
  for (const key of new Set([...theirs, ...mine])) {
    const want = theirs.filter((k) => k === key).length;
    const got = mine.filter((k) => k === key).length;
    if (got < want) out.push(`missing report: ${key}`);
    if (got > want) out.push(`extra report: ${key}`);
  }
  for (const r of c.reports.filter((x) => x.line !== undefined)) {
    const lines = ours.filter((o) => o.level === r.level && o.path === r.path).map((o) => o.line);
    if (lines.length > 0 && !lines.includes(r.line as number))
      out.push(`report ${r.level} ${r.path} on line ${lines.join(',')}, not ${r.line}`);
  }
  return out;
}

/** One line per difference between our translation and the case (empty: the case passes). */
async function differences(c: VectorCase): Promise<string[]> {
  const files = await makeFilesDir(c);
  try {
    const { problems, translation, reports } = translate(c.butane, files?.dir);
    const out = problems.map((p) => `parse problem: ${p.message}`);
    out.push(...reportDifferences(c, reports));
    for (const [ignition, butane] of Object.entries(c.sources ?? {})) {
      const from = translation.sourceOf(parsePathText(ignition));
      if (!from || pathText(from) !== butane)
        out.push(`sourceOf ${ignition} is ${from ? pathText(from) : 'undefined'}, not ${butane}`);
    }
    if (c.ignition === null && translation.ignition !== undefined) out.push('output produced, but an error stops it');
    if (c.ignition !== null && c.ignition !== 'unchecked') {
      if (translation.ignition === undefined) out.push('no output');
      else {
        const diff = differingPaths(comparable(translation.ignition, c.partial), comparable(c.ignition, c.partial));
        out.push(...diff.map((d) => `output ${d}`));
      }
    }
    return out;
  } catch (error) {
    return [`threw: ${(error as Error).message}`];
  } finally {
    await files?.close();
  }
}

describe('upstream Butane vectors through our translator', () => {
  for (const name of CASE_FILES) {
    describe(name, () => {
      for (const c of loadVectors(name).cases) {
        it.skipIf(c.unlessRoot && isRoot)(c.name, async () => {
          const found = await differences(c);
          expect(found, found.join('; ')).toEqual([]);
        });
      }
    });
  }
  describe('util', () => {
    const v = loadDecimalModes();
    for (const kind of ['files', 'directories'] as const) {
      // One config of ten thousand entries: a few seconds.
      it(`${v.name}: ${kind}`, { timeout: 60_000 }, () => {
        const { reports } = translate(decimalModeConfig(v.range, kind));
        expect(warnedModes(reports, v.range)).toEqual(kind === 'files' ? v.file : v.directory);
      });
    }
  });
});
