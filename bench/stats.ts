import { performance } from 'node:perf_hooks';
import { forgetTextMemos } from '../lib/core';

export interface Stats {
  median: number;
  p99: number;
  runs: number;
}

export function stats(samples: number[]): Stats {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number): number => sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)] ?? NaN;
  return { median: at(0.5), p99: at(0.99), runs: sorted.length };
}

/**
 * Times `task` (after a warm-up run). Before each run the shared results by text are forgotten
 * (`forgetTextMemos`): a lint of the same text again measures the lint, as in a new process, not a lookup.
 */
export async function time(runs: number, task: () => unknown): Promise<Stats> {
  await task(); // warm-up
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    forgetTextMemos();
    const started = performance.now();
    await task();
    samples.push(performance.now() - started);
  }
  return stats(samples);
}

/**
 * Times tasks that are compared with each other in turns (one run of each, then again), after a warm-up of
 * each: a machine that slows down for a while slows them all, not the one that happened to run then.
 */
export async function interleaved(runs: number, tasks: (() => unknown)[]): Promise<Stats[]> {
  for (const task of tasks) await task();
  const samples = tasks.map((): number[] => []);
  for (let i = 0; i < runs; i++) {
    for (const [k, task] of tasks.entries()) {
      forgetTextMemos();
      const started = performance.now();
      await task();
      samples[k]!.push(performance.now() - started);
    }
  }
  return samples.map(stats);
}

export interface Row {
  name: string;
  measured: Stats;
  baselineName: string;
  baseline: Stats;
}

export function printTable(rows: Row[]): void {
  const ms = (n: number): string => `${n.toFixed(2)} ms`;
  const header = ['measurement', 'median', 'p99', 'baseline (same run)', 'baseline median', 'ratio'];
  const lines = rows.map((r) => [
    r.name,
    ms(r.measured.median),
    ms(r.measured.p99),
    r.baselineName,
    ms(r.baseline.median),
    `${(r.measured.median / r.baseline.median).toFixed(2)}×`,
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => (l[i] as string).length)));
  const format = (cells: string[]): string => `| ${cells.map((c, i) => c.padEnd(widths[i] as number)).join(' | ')} |`;
  console.log(format(header));
  console.log(`|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`);
  for (const line of lines) console.log(format(line));
}
