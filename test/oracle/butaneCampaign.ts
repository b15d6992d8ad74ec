/**
 * The long differential campaign against `butane` v0.29.0 (`npm run butane:diff -- [options]`): generated
 * configs in chunks, a pool of oracle processes over the CPUs, our translator in-process; prints progress,
 * the counts and every cause of disagreement with a minimized example.
 *
 *   --runs N     configs (default 100000)     --seed S    generator seed (default 22)
 *   --width W    oracle processes at a time   --out FILE  also write the report as Markdown
 *   --no-cache   do not reuse oracle runs (kept by content in node_modules/.cache/pxe-butane-oracle)
 *   --examples K minimized examples per cause (default 1)
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { CHUNK, chunkOf, type ButaneCase } from './butaneGen';
import { check, minimize, pool, type Disagreement } from './butaneCompare';
import { directoryCache, type OracleOptions } from './butaneOracle';
import { translateOurs } from './butaneOurs';

interface Options {
  runs: number;
  seed: number;
  width: number;
  out?: string;
  cache: boolean;
  examples: number;
}

function parseArgs(argv: string[]): Options {
  const options: Options = { runs: 100_000, seed: 22, width: availableParallelism() * 3, cache: true, examples: 1 };
  for (let i = 0; i < argv.length; i++) {
    const value = (): string => argv[++i] ?? '';
    const flag = argv[i];
    if (flag === '--runs') options.runs = Number(value());
    else if (flag === '--seed') options.seed = Number(value());
    else if (flag === '--width') options.width = Number(value());
    else if (flag === '--out') options.out = resolve(value());
    else if (flag === '--no-cache') options.cache = false;
    else if (flag === '--examples') options.examples = Number(value());
    else throw new Error(`unknown option ${flag} (see test/oracle/butaneCampaign.ts)`);
  }
  return options;
}

interface Cause {
  count: number;
  examples: { c: ButaneCase; found: Disagreement[] }[];
}

interface Tally {
  configs: number;
  valid: number;
  butaneOk: number;
  disagreeing: number;
  causes: Map<string, Cause>;
}

function record(tally: Tally, c: ButaneCase, ok: boolean, found: Disagreement[], keep: number): void {
  tally.configs++;
  if (c.tags[0] === 'valid') tally.valid++;
  if (ok) tally.butaneOk++;
  if (!found.length) return;
  tally.disagreeing++;
  for (const category of new Set(found.map((d) => d.category))) {
    const cause = tally.causes.get(category) ?? { count: 0, examples: [] };
    cause.count++;
    // The smallest configs make the best examples: keep the shortest few.
    cause.examples.push({ c, found });
    cause.examples.sort((a, b) => a.c.yaml.length - b.c.yaml.length).splice(keep);
    tally.causes.set(category, cause);
  }
}

function summary(tally: Tally, seconds: number): string {
  return (
    `${tally.configs} configs (${tally.valid} generated valid, butane accepted ${tally.butaneOk}), ` +
    `${tally.disagreeing} with a disagreement, ${tally.causes.size} causes, ${seconds.toFixed(0)} s`
  );
}

async function exampleOf(category: string, cause: Cause, root: string, oracleOptions: OracleOptions): Promise<string> {
  const lines = [`## ${category} — ${cause.count} config(s)`, ''];
  for (const { c, found } of cause.examples) {
    const small = await minimize(c, root, translateOurs, category, { ...oracleOptions, budget: 80 });
    const { found: now } = await check(small, root, translateOurs, oracleOptions);
    const details = (now.length ? now : found).map(
      (d) => `- ${d.category}${d.detail ? `\n  ${d.detail.replace(/\n/g, '\n  ')}` : ''}`,
    );
    const files = small.files.filter((f) => !f.dir).map((f) => f.path);
    lines.push(
      `${c.spec.variant} ${c.spec.version}, tags ${c.tags.join('+')}, ${c.filesDir ? 'with' : 'without'} files dir` +
        (files.length ? ` (local files: ${files.slice(0, 6).join(', ')}${files.length > 6 ? ', …' : ''})` : ''),
      '',
      '```yaml',
      small.yaml.replace(/\r/g, '\\r').trimEnd(),
      '```',
      '',
      ...details,
      '',
    );
  }
  return lines.join('\n');
}

/** One minimized example per cause (the most frequent first), the causes minimized in parallel. */
function examplesOf(tally: Tally, dir: string, options: Options, oracleOptions: OracleOptions): Promise<string[]> {
  const causes = [...tally.causes].sort((a, b) => b[1].count - a[1].count);
  return pool(causes, options.width, ([category, cause], _, worker) =>
    exampleOf(category, cause, join(dir, `min${worker}`), oracleOptions),
  );
}

async function main(): Promise<void> {
  const options = parseArgs(process.argv.slice(2));
  const dir = mkdtempSync(join(tmpdir(), 'pxe-butane-diff-'));
  const oracleOptions: OracleOptions = {
    cache: options.cache ? directoryCache(resolve('node_modules/.cache/pxe-butane-oracle')) : undefined,
  };
  const tally: Tally = { configs: 0, valid: 0, butaneOk: 0, disagreeing: 0, causes: new Map() };
  const started = Date.now();
  const seconds = (): number => (Date.now() - started) / 1000;
  try {
    for (let k = 0; k * CHUNK < options.runs; k++) {
      const cases = chunkOf(options.seed, k, Math.min(CHUNK, options.runs - k * CHUNK));
      await pool(cases, options.width, async (c, i, worker) => {
        const { theirs, found } = await check(c, join(dir, `w${worker}`), translateOurs, {
          ...oracleOptions,
          alwaysStrict: i % 10 === 0,
        });
        record(tally, c, theirs.ok, found, options.examples);
      });
      console.log(summary(tally, seconds()));
    }
    const sections = await examplesOf(tally, dir, options, oracleOptions);
    const head = [
      `# Butane differential campaign: ours vs butane v0.29.0`,
      '',
      `seed ${options.seed}: ${summary(tally, seconds())}.`,
      '',
      '| cause | configs |',
      '|---|---|',
      ...[...tally.causes]
        .sort((a, b) => b[1].count - a[1].count)
        .map(([category, cause]) => `| ${category.replace(/\|/g, '\\|')} | ${cause.count} |`),
      '',
    ];
    const text = [...head, ...sections].join('\n');
    console.log(text);
    if (options.out) writeFileSync(options.out, text);
    process.exitCode = tally.disagreeing ? 1 : 0;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

void main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 2;
});
