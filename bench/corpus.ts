/**
 * `npm run corpus`: the real-world corpus in figures — files, lines, and findings per level per 1,000
 * lines, for each language — so a change in how loud the linter is shows as a number.
 */
import { join, resolve } from 'node:path';
import { lintPaths } from '../lib/engine';

const CORPUS = resolve('test/corpus/realworld');
const LANGUAGES = ['ipxe', 'pxelinux', 'grub', 'routeros', 'ignition'] as const;
const LEVELS = ['error', 'warning', 'info', 'hint'] as const;

async function main(): Promise<void> {
  console.log(
    '| corpus | files | lines | errors /1k lines | warnings /1k lines | info /1k lines | hints /1k lines | skipped (binary or not ours) |',
  );
  console.log('|---|---|---|---|---|---|---|---|');
  for (const language of LANGUAGES) {
    let skipped = 0;
    const reports = (await lintPaths([join(CORPUS, language)], { onSkip: () => void skipped++ })).filter(
      (r) => r.language === language,
    );
    const lines = reports.reduce((n, r) => n + r.text.split('\n').length, 0);
    const per = (level: string): string =>
      (
        (reports.reduce((n, r) => n + r.findings.filter((f) => f.severity === level).length, 0) * 1000) /
        Math.max(1, lines)
      ).toFixed(2);
    console.log(
      `| ${language} | ${reports.length} | ${lines.toLocaleString('en')} | ${LEVELS.map(per).join(' | ')} | ${skipped} |`,
    );
  }
}

void main();
