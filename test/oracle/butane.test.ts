/**
 * Differential test of our Butane translator against the official `butane` v0.29.0 binary (the test oracle in
 * ../shared/tools/butane): on generated configs (every variant/version, valid and with mistakes, varied YAML
 * styles, local files; butaneGen.ts) and on the whole real-world Butane corpus, the verdict without and with
 * `--strict`, the Ignition output with `data:` URLs decoded, and the (level, path) of every report must agree
 * (butaneCompare.ts). Any disagreement fails, printed minimized with its YAML. The long campaign (100,000
 * configs) is `npm run butane:diff`.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { check, checkAt, minimize, pool, type Checked, type Disagreement } from './butaneCompare';
import { BUTANE, firstDifference, normalizeIgnition, parseRawErrors } from './butaneOracle';
import { MUTATIONS } from './butaneMutate';
import { chunkOf, type ButaneCase } from './butaneGen';
import { SPECS } from './butaneFields';
import { translateOurs } from './butaneOurs';

const dir = mkdtempSync(join(tmpdir(), 'pxe-butane-oracle-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const WIDTH = availableParallelism() * 3;
const CORPUS = resolve('test/corpus/realworld/butane');

function describeFound(found: Disagreement[]): string {
  return found
    .map((d) => `  - ${d.category}${d.detail ? `\n    ${d.detail.replace(/\n/g, '\n    ')}` : ''}`)
    .join('\n');
}

/** The configs of the corpus (SOURCES.md's table) with their variant and version as written there. */
function corpusConfigs(): { path: string; spec: string }[] {
  const sources = readFileSync(join(CORPUS, 'SOURCES.md'), 'utf8');
  const configs = sources.slice(sources.indexOf('## Configs'), sources.indexOf('## Companion files'));
  return [...configs.matchAll(/^\| `([^`]+)` \| [^|]+ \| [^|]+ \| [^|]+ \| ([^|]+) \|/gm)].map((m) => ({
    path: m[1]!,
    spec: m[2]!.trim(),
  }));
}

describe('the comparison reads Butane', () => {
  it('parses --raw-errors: path reports, YAML type and duplicate-key errors by line, syntax and global errors', () => {
    const stderr = [
      'warning at $.storage.files.0.bogus, line 10 col 7: unused key bogus',
      'error at $.storage.files.0.contents.inline, line 8 col 17: only one of the following can be set: inline, local, source',
      'Error translating config: source config is invalid',
      'Error translating config: yaml: unmarshal errors:',
      '  line 6: cannot unmarshal !!str `0644` into int',
      '  line 9: mapping key "a" already defined at line 3',
      'Error translating config: Error unmarshaling yaml: yaml: line 3: did not find expected node content',
      'Error translating config: error parsing variant; must be specified',
      'Config produced warnings and --strict was specified',
    ].join('\n');
    expect(parseRawErrors(stderr).map((r) => `${r.level} ${r.key}`)).toEqual([
      'warning storage.files.0.bogus',
      'error storage.files.0.contents.inline',
      'error line:6',
      'error line:9',
      'error syntax',
      'error global',
    ]);
  });

  it('decodes data: URLs (gunzipped under compression: gzip) before comparing outputs', () => {
    const gz = gzipSync('hello').toString('base64');
    const a = normalizeIgnition({ files: [{ contents: { compression: 'gzip', source: `data:;base64,${gz}` } }] });
    const b = normalizeIgnition({
      files: [{ contents: { compression: 'gzip', source: 'data:;base64,H4sIAAAAAAAA/8pIzcnJBwQAAP//hqYQNgUAAAA=' } }],
    });
    const c = normalizeIgnition({ files: [{ contents: { compression: '', source: 'data:,hello' } }] });
    expect(firstDifference(a, b)).toBeUndefined();
    expect(firstDifference(a, c)).toEqual(['files', 0, 'contents', 'compression']);
  });
});

describe('Butane translation agrees with butane v0.29.0', () => {
  it('has the oracle', () => expect(existsSync(BUTANE), `${BUTANE} (see ../shared/tools/butane/README.md)`).toBe(true));

  it('on 2,000 generated configs (every variant/version, valid and broken)', async () => {
    const cases: ButaneCase[] = [0, 1, 2, 3].flatMap((k) => chunkOf(2026, k));
    const results = await pool(cases, WIDTH, (c, i, worker) =>
      check(c, join(dir, `w${worker}`), translateOurs, { alwaysStrict: i % 8 === 0 }),
    );
    // The sample covers every spec and every mutation, and the generator's valid configs are valid to Butane.
    expect(new Set(cases.map((c) => `${c.spec.variant} ${c.spec.version}`)).size).toBe(SPECS.length);
    expect(new Set(cases.flatMap((c) => c.tags))).toEqual(new Set(['valid', ...MUTATIONS.map(([tag]) => tag)]));
    const valid = results.filter((_, i) => cases[i]!.tags[0] === 'valid');
    expect(valid.filter((r) => r.theirs.ok).length / valid.length).toBeGreaterThan(0.97);

    const failing = results.flatMap((r, i) => (r.found.length ? [{ c: cases[i]!, r }] : []));
    const shown: string[] = [];
    for (const { c, r } of failing.slice(0, 5)) shown.push(await minimized(c, r));
    expect(`${failing.length} of ${cases.length} configs disagree\n${shown.join('\n')}`).toBe(
      `0 of ${cases.length} configs disagree\n`,
    );
  }, 1_200_000); // ~2 minutes on an idle 2-core machine; a busy one may take several times that

  it('on the real-world corpus (each config with its folder as files dir)', async () => {
    const configs = corpusConfigs();
    expect(configs.length).toBeGreaterThanOrEqual(57);
    // Our translator reads the fcos and flatcar variants (issue #22); the one openshift config is out of scope.
    const inScope = configs.filter((c) => !c.spec.startsWith('openshift'));
    expect(configs.length - inScope.length).toBe(1);
    const runs = [
      ...inScope.map((c) => ({ path: c.path, filesDir: dirname(join(CORPUS, c.path)) })),
      // The repository's own workflow translates this one with `-d files`.
      {
        path: 'eriksjolund__run-butane-with-github-actions/example.bu',
        filesDir: join(CORPUS, 'eriksjolund__run-butane-with-github-actions/files'),
      },
    ];
    const results = await pool(runs, WIDTH, (run) => {
      const config = join(CORPUS, run.path);
      return checkAt({ config, filesDir: run.filesDir }, readFileSync(config, 'utf8'), translateOurs, {
        alwaysStrict: true,
      });
    });
    const failing = results.flatMap((r, i) => (r.found.length ? [`${runs[i]!.path}:\n${describeFound(r.found)}`] : []));
    expect(failing.join('\n')).toBe('');
  });
});

/** A disagreement as the test prints it: the smallest YAML that still shows its first cause. */
async function minimized(c: ButaneCase, r: Checked): Promise<string> {
  const root = join(dir, 'min');
  const small = await minimize(c, root, translateOurs, r.found[0]!.category, { budget: 30 });
  const { found } = await check(small, root, translateOurs);
  return [
    `${c.spec.variant} ${c.spec.version} [${c.tags.join('+')}]${c.filesDir ? '' : ' (no files dir)'}:`,
    small.yaml.replace(/^/gm, '  | '),
    describeFound(found.length ? found : r.found),
  ].join('\n');
}
