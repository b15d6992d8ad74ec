/**
 * The real-world corpus (test/corpus/realworld/<language>/, files by many authors, sources in SOURCES.md):
 * every warning and error it produces must be judged true in that language's JUDGED.md, and every judged
 * finding must still be produced; each one-mistake variant in variants.json must be caught at its line.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { lintPaths, lintText } from '../../../lib/engine';
import { diskContext } from '../../../lib/site/view';

const CORPUS = resolve('test/corpus/realworld');
const LANGUAGES = ['ipxe', 'pxelinux', 'grub', 'routeros', 'ignition', 'butane'] as const;

interface Judged {
  file: string;
  line: number;
  rule: string;
  why: string;
}

interface Variant {
  file: string;
  find: string;
  replace: string;
  rule: string;
  why: string;
}

const lineOf = (text: string, offset: number): number => text.slice(0, offset).split('\n').length;

/** `| file | line | rule | why |` rows of JUDGED.md (the header and separator rows are skipped). */
function judged(language: string): Judged[] {
  const file = join(CORPUS, language, 'JUDGED.md');
  if (!existsSync(file)) return [];
  const rows: Judged[] = [];
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    const cells = line.split('|').map((c) => c.trim());
    if (cells.length < 6 || !/^\d+$/.test(cells[2] ?? '')) continue;
    rows.push({
      file: cells[1]!.replace(/^`|`$/g, ''),
      line: Number(cells[2]),
      rule: cells[3]!.replace(/^`|`$/g, ''),
      why: cells[4]!,
    });
  }
  return rows;
}

export async function corpusFindings(
  language: string,
): Promise<{ key: string; file: string; line: number; rule: string; message: string; severity: string }[]> {
  const root = join(CORPUS, language);
  const reports = await lintPaths([root], { cwd: root });
  return reports.flatMap((r) =>
    r.findings
      .filter((f) => f.severity === 'error' || f.severity === 'warning')
      .map((f) => {
        const file = relative(root, r.path);
        const line = lineOf(r.text, f.start);
        return {
          key: `${file}:${line}:${f.ruleId}`,
          file,
          line,
          rule: f.ruleId,
          message: f.message,
          severity: f.severity,
        };
      }),
  );
}

describe.each(LANGUAGES)('real-world corpus: %s', (language) => {
  it('every warning and error is judged true, and every judged finding is still found', async () => {
    const found = await corpusFindings(language);
    const list = judged(language);
    for (const j of list) expect(j.why.length, `${j.file}:${j.line} ${j.rule} needs a reason`).toBeGreaterThan(10);
    const judgedKeys = new Set(list.map((j) => `${j.file}:${j.line}:${j.rule}`));
    const foundKeys = new Set(found.map((f) => f.key));
    const unjudged = found.filter((f) => !judgedKeys.has(f.key)).map((f) => `${f.key} (${f.severity}): ${f.message}`);
    const gone = [...judgedKeys].filter((k) => !foundKeys.has(k));
    expect(unjudged, 'findings not in JUDGED.md: judge them (true, with why) or fix the rule').toEqual([]);
    expect(gone, 'judged-true findings that disappeared').toEqual([]);
  }, 120_000);

  const variantsFile = join(CORPUS, language, 'variants.json');
  const variants: Variant[] = existsSync(variantsFile)
    ? (JSON.parse(readFileSync(variantsFile, 'utf8')) as Variant[])
    : [];
  it.each(variants.map((v) => [`${v.rule} in ${v.file}: ${v.why}`, v] as const))('variant: %s', (_name, v) => {
    const path = join(CORPUS, language, v.file);
    const original = readFileSync(path, 'utf8');
    const at = original.indexOf(v.find);
    expect(at, `"${v.find}" is in ${v.file}`).toBeGreaterThanOrEqual(0);
    expect(original.indexOf(v.find, at + 1), `"${v.find}" is unique in ${v.file}`).toBe(-1);
    const text = original.slice(0, at) + v.replace + original.slice(at + v.find.length);
    const line = lineOf(text, at + v.replace.search(/\S|$/));
    const findings = lintText(path, text, { context: diskContext(path) }).findings.filter(
      (f) => f.severity === 'error' || f.severity === 'warning',
    );
    const before = lintText(path, original, { context: diskContext(path) }).findings.filter(
      (f) => f.ruleId === v.rule && lineOf(original, f.start) === line,
    );
    expect(before, 'the original has no such finding at that line').toEqual([]);
    expect(findings.filter((f) => f.ruleId === v.rule).map((f) => lineOf(text, f.start))).toContain(line);
  });
});

const MINIMUM: Record<(typeof LANGUAGES)[number], number> = {
  ipxe: 60,
  pxelinux: 40,
  grub: 45,
  routeros: 40,
  ignition: 40,
  butane: 50,
};

it.each(LANGUAGES)(
  'the %s corpus has the files the issue asks for, and 40 variants in all',
  async (language) => {
    const reports = await lintPaths([join(CORPUS, language)]);
    expect(reports.filter((r) => r.language === language).length).toBeGreaterThanOrEqual(MINIMUM[language]);
    const variants = LANGUAGES.map((l) => join(CORPUS, l, 'variants.json'))
      .filter(existsSync)
      .flatMap((f) => JSON.parse(readFileSync(f, 'utf8')) as Variant[]);
    expect(variants.length).toBeGreaterThanOrEqual(40);
  },
  120_000,
);
