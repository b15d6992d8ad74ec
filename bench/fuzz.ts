/**
 * `npm run fuzz` (not part of `npm test`): for each language, generated and mutated inputs seeded from
 * ../shared/corpus and the examples — every one linted; a throw or an input under 1,000 lines that takes
 * over 100 ms is a finding (printed with a reproduction file). Then an edit storm against the language
 * server over stdio: random incremental edits, and its final diagnostics must equal a fresh lint of the
 * final text. Then random request paths against the test VM's HTTP server: every answer comes, and no 200
 * serves a file outside the HTTP folder. `npm run fuzz -- --runs 1000000` sets inputs per language (default
 * 1,000,000), `--http-paths 100000` the paths (default 100,000); FUZZ_LANGS=routeros,site,http picks groups
 * (site: hostile site files, --runs of them).
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import fc from 'fast-check';
import { lintText } from '../lib/engine';
import { LspClient } from '../test/helpers/lspClient';
import { fuzzHttpPaths, type HttpFuzzResult } from '../test/helpers/httpPaths';
import { siteCampaign } from './fuzzSite';

type Lang = 'ipxe' | 'pxelinux' | 'grub' | 'routeros' | 'ignition';
const EXT: Record<Lang, string> = {
  ipxe: 'x.ipxe',
  pxelinux: 'pxelinux.cfg/default',
  grub: 'grub/grub.cfg',
  routeros: 'x.rsc',
  ignition: 'x.ign',
};

/** Tokens each language is made of, for generated inputs and insertions. */
const TOKENS: Record<Lang, string[]> = {
  ipxe: [
    '#!ipxe',
    'kernel',
    'initrd',
    'chain',
    'boot',
    'goto',
    ':label',
    'set',
    '${net0/mac}',
    '${',
    '}',
    'isset',
    '||',
    '&&',
    'iseq',
    'menu',
    'item',
    'choose',
    'http://192.168.255.2/tftp/',
    'initrd=main',
    '--name',
    'dhcp',
    'imgfetch',
    '\\',
    '"',
    "'",
    '#',
    '\n',
    ' ',
    '=',
    'console=ttyS0',
  ],
  pxelinux: [
    'DEFAULT',
    'LABEL',
    'KERNEL',
    'INITRD',
    'APPEND',
    'MENU',
    'LABEL',
    'UI menu.c32',
    'TIMEOUT',
    'PROMPT',
    'INCLUDE',
    'CONFIG',
    'LOCALBOOT',
    'IPAPPEND 2',
    'vmlinuz',
    'initrd=',
    'http://x/y',
    '\n',
    '  ',
    '^',
    '#',
    '=',
    ' ',
  ],
  grub: [
    'menuentry',
    "'t'",
    '--id',
    '{',
    '}',
    'if',
    'then',
    'elif',
    'else',
    'fi',
    'for x in a b; do',
    'done',
    'function',
    'set default=',
    'set timeout=',
    'linux',
    'initrd',
    '(tftp)/vmlinuz',
    '${net_default_server}',
    '$',
    '"',
    "'",
    '\\',
    '{{ x }}',
    '&&',
    ';',
    '#',
    '\n',
    ' ',
  ],
  routeros: [
    '/ip',
    'dhcp-server',
    'option',
    'sets',
    'add',
    'set',
    'remove',
    '[find',
    ']',
    'name=',
    'code=67',
    'value="\'lpxelinux.0\'"',
    'value=0x0007',
    '{',
    '}',
    ':foreach',
    ':local',
    '$x',
    '"',
    '\\',
    '\n',
    ' ',
    ';',
    '=',
    'options=a,b',
    "s'x'",
  ],
  ignition: [
    '{',
    '}',
    '[',
    ']',
    '"ignition"',
    '"version"',
    '"3.4.0"',
    '"storage"',
    '"files"',
    '"path"',
    '"/etc/x"',
    '"mode"',
    '420',
    ':',
    ',',
    '"source"',
    '"data:,x"',
    '"systemd"',
    '"units"',
    'null',
    'true',
    '"',
    '\\u',
    '\n',
    ' ',
  ],
};

function seeds(lang: Lang): string[] {
  const out: string[] = [];
  const corpus = resolve('..', 'shared', 'corpus', lang);
  if (existsSync(corpus))
    for (const f of readdirSync(corpus, { recursive: true }) as string[])
      if (statSync(join(corpus, f)).isFile()) out.push(readFileSync(join(corpus, f), 'utf8'));
  const walk = (dir: string): void => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      const stat = statSync(path, { throwIfNoEntry: false });
      if (!stat) continue; // a dangling link (the broken examples have one on purpose)
      if (stat.isDirectory()) walk(path);
      else if (
        (lang === 'ipxe' && name.endsWith('.ipxe')) ||
        (lang === 'routeros' && name.endsWith('.rsc')) ||
        (lang === 'ignition' && name.endsWith('.ign')) ||
        (lang === 'pxelinux' && path.includes('pxelinux.cfg')) ||
        (lang === 'grub' && /grub[^/]*$/.test(name))
      )
        out.push(readFileSync(path, 'utf8'));
    }
  };
  walk('examples');
  if (lang === 'grub') walk(join('test', 'corpus', 'realworld', 'grub'));
  return out;
}

/** An input: a seed mutated a few times, or a string of the language's tokens. */
function inputs(lang: Lang): fc.Arbitrary<string> {
  const pool = seeds(lang);
  const token = fc.oneof(
    fc.constantFrom(...TOKENS[lang]),
    fc.string({ maxLength: 6 }),
    fc.string({ unit: 'binary', maxLength: 3 }),
  );
  const generated = fc.array(token, { maxLength: 200 }).map((t) => t.join(''));
  const mutation = fc.tuple(fc.nat(), fc.nat(), fc.nat(), fc.integer({ min: 0, max: 5 }), token);
  const mutated = fc
    .tuple(fc.constantFrom(...pool), fc.array(mutation, { minLength: 1, maxLength: 6 }))
    .map(([seed, ops]) => {
      let text = seed;
      for (const [a, b, c, op, tok] of ops) {
        const i = text.length ? a % text.length : 0;
        const j = text.length ? b % text.length : 0;
        const [lo, hi] = i < j ? [i, j] : [j, i];
        if (op === 0) text = text.slice(0, i) + tok + text.slice(i);
        else if (op === 1) text = text.slice(0, lo) + text.slice(Math.min(hi, lo + 1 + (c % 40)));
        else if (op === 2) text = text.slice(0, i);
        else if (op === 3) text = text.slice(0, i) + text.slice(lo, hi).slice(0, 2000) + text.slice(i);
        else if (op === 4) {
          const lines = text.split('\n');
          const x = a % Math.max(1, lines.length);
          const y = b % Math.max(1, lines.length);
          [lines[x], lines[y]] = [lines[y] ?? '', lines[x] ?? ''];
          text = lines.join('\n');
        } else text = text.replace(/\n/g, c % 2 ? '\r\n' : '\r');
      }
      return text;
    });
  return fc.oneof({ arbitrary: mutated, weight: 3 }, { arbitrary: generated, weight: 1 });
}

interface LangResult {
  lang: Lang;
  runs: number;
  throws: number;
  slow: number;
  maxMs: number;
  maxLines: number;
  seconds: number;
}

function campaign(lang: Lang, runs: number, seed: number, findings: string): LangResult {
  const result: LangResult = { lang, runs: 0, throws: 0, slow: 0, maxMs: 0, maxLines: 0, seconds: 0 };
  const started = performance.now();
  fc.assert(
    fc.property(inputs(lang), (text) => {
      result.runs++;
      const lines = text.split('\n').length;
      if (process.env.FUZZ_TRACE) writeFileSync(process.env.FUZZ_TRACE, text);
      const t0 = performance.now();
      try {
        lintText(`/fuzz/${EXT[lang]}`, text, { languageId: lang });
      } catch (error) {
        result.throws++;
        writeFileSync(join(findings, `${lang}-throw-${result.throws}.txt`), text);
        console.log(`  THROW (${lang}): ${String(error).slice(0, 200)}`);
        return true;
      }
      const ms = performance.now() - t0;
      if (ms > result.maxMs && lines < 1000) [result.maxMs, result.maxLines] = [ms, lines];
      if (ms > 100 && lines < 1000) {
        // Re-time once: a garbage collection pause is not the input's fault.
        const t1 = performance.now();
        lintText(`/fuzz/${EXT[lang]}`, text, { languageId: lang });
        if (performance.now() - t1 > 100) {
          result.slow++;
          writeFileSync(join(findings, `${lang}-slow-${result.slow}.txt`), text);
          console.log(`  SLOW (${lang}): ${(performance.now() - t1).toFixed(0)} ms for ${lines} lines`);
        }
      }
      if (result.runs % 100_000 === 0) console.log(`  ${lang}: ${result.runs.toLocaleString('en')} inputs…`);
      return true;
    }),
    { numRuns: runs, seed, endOnFailure: true },
  );
  result.seconds = (performance.now() - started) / 1000;
  return result;
}

/** 10,000 random incremental edits over stdio; the last diagnostics must equal a fresh lint of the final text. */
async function editStorm(
  edits: number,
  seed: number,
): Promise<{ edits: number; alive: boolean; equal: boolean; seconds: number }> {
  const started = performance.now();
  const client = new LspClient();
  await client.initialize(resolve('examples', 'home-lab'));
  const file = resolve('examples', 'home-lab', 'tftp', 'fedora-coreos.ipxe');
  const uri = pathToFileURL(`${file}.storm.ipxe`).href;
  let text = readFileSync(file, 'utf8');
  await client.open(uri, 'ipxe', text);
  const rand = fc.sample(fc.tuple(fc.nat(), fc.nat({ max: 30 }), fc.constantFrom(...TOKENS.ipxe, 'x', '\n')), {
    numRuns: edits,
    seed,
  });
  let version = 1;
  for (const [at, del, insert] of rand) {
    const i = text.length ? at % text.length : 0;
    const end = Math.min(text.length, i + (del % 5));
    const before = text.slice(0, i);
    const line = before.split('\n').length - 1;
    const character = before.length - before.lastIndexOf('\n') - 1;
    const endBefore = text.slice(0, end);
    const endLine = endBefore.split('\n').length - 1;
    const endChar = endBefore.length - endBefore.lastIndexOf('\n') - 1;
    text = text.slice(0, i) + insert + text.slice(end);
    version++;
    void client.connection.sendNotification('textDocument/didChange', {
      textDocument: { uri, version },
      contentChanges: [
        { range: { start: { line, character }, end: { line: endLine, character: endChar } }, text: insert },
      ],
    });
  }
  const final = await client.diagnosticsFor(uri, (p) => p.version === version, 60_000).catch(() => undefined);
  const expected = lintText(`${file}.storm.ipxe`, text, { languageId: 'ipxe' })
    .findings.map((f) => f.message)
    .sort();
  const got = (final ?? []).map((d) => d.message).sort();
  const alive = final !== undefined;
  await client.dispose();
  return {
    edits,
    alive,
    equal: alive && JSON.stringify(expected) === JSON.stringify(got),
    seconds: (performance.now() - started) / 1000,
  };
}

/** Every group `npm run fuzz` runs when FUZZ_LANGS does not pick some. */
const GROUPS = ['ipxe', 'pxelinux', 'grub', 'routeros', 'ignition', 'site', 'http'];

const USAGE =
  'usage: npm run fuzz -- [--runs N] [--seed S] [--http-paths N]\n' +
  `  FUZZ_LANGS=${GROUPS.join(',')} picks the groups (default: all); --runs is inputs per language (default 1,000,000).`;

/** The command line, or undefined (after saying why) when it asks for help or is not understood. */
function options(args: string[]): string[] | undefined {
  if (args.includes('--help') || args.includes('-h')) return void console.log(USAGE);
  const unknown = args.filter((a) => a.startsWith('-') && !['--runs', '--seed', '--http-paths'].includes(a));
  if (!unknown.length) return args;
  console.error(`fuzz: unknown option ${unknown.join(', ')}\n${USAGE}`);
  process.exitCode = 2;
  return undefined;
}

async function main(): Promise<void> {
  const args = options(process.argv.slice(2));
  if (!args) return;
  const runs = Number(args[args.indexOf('--runs') + 1] ?? NaN) || 1_000_000;
  const seed = Number(args[args.indexOf('--seed') + 1] ?? NaN) || 20261125;
  const findings = resolve('out', 'fuzz-findings');
  mkdirSync(findings, { recursive: true });
  const at = args.indexOf('--http-paths');
  const httpPaths = at >= 0 ? Number(args[at + 1]) : 100_000;
  const groups = process.env.FUZZ_LANGS?.split(',') ?? GROUPS;
  const results: LangResult[] = [];
  for (const lang of groups.filter((g): g is Lang => g in EXT)) {
    console.log(`fuzz ${lang}: ${runs.toLocaleString('en')} inputs (seed ${seed})`);
    results.push(campaign(lang, runs, seed, findings));
  }
  const sites = groups.includes('site')
    ? (console.log(`fuzz site: ${runs.toLocaleString('en')} hostile site files (seed ${seed})`),
      siteCampaign(runs, seed, findings))
    : undefined;
  let http: HttpFuzzResult | string | undefined;
  if (groups.includes('http') && httpPaths > 0) {
    console.log(`fuzz http: ${httpPaths.toLocaleString('en')} request paths (seed ${seed})`);
    http = await fuzzHttpPaths({
      runs: httpPaths,
      seed,
      progress: (n) => console.log(`  http: ${n.toLocaleString('en')} paths…`),
    }).catch((error: unknown) => String(error));
  }
  const storm = await editStorm(10_000, seed);
  if (results.length)
    console.log('\n| language | inputs | throws | over 100 ms (< 1,000 lines) | slowest (< 1,000 lines) | time |');
  if (results.length) console.log('|---|---|---|---|---|---|');
  for (const r of results)
    console.log(
      `| ${r.lang} | ${r.runs.toLocaleString('en')} | ${r.throws} | ${r.slow} | ` +
        `${r.maxMs.toFixed(1)} ms (${r.maxLines} lines) | ${r.seconds.toFixed(0)} s |`,
    );
  console.log(
    `\nedit storm: ${storm.edits.toLocaleString('en')} incremental edits over stdio — ` +
      `server ${storm.alive ? 'up' : 'DOWN'}, final diagnostics ${storm.equal ? 'equal' : 'DIFFER from'} a fresh lint ` +
      `(${storm.seconds.toFixed(1)} s)`,
  );
  if (sites)
    console.log(
      `\nsite files: ${sites.runs.toLocaleString('en')} hostile site files — ${sites.crashes} crashes (${sites.seconds.toFixed(0)} s)`,
    );
  if (typeof http === 'string') console.log(`\nhttp paths: FINDING\n${http}`);
  else if (http) {
    const statuses = Object.entries(http.statuses)
      .map(([status, n]) => `${status}: ${n.toLocaleString('en')}`)
      .join(', ');
    console.log(
      `\nhttp paths: ${http.runs.toLocaleString('en')} requests (${statuses}) — ${http.hangs} without an answer, ` +
        `${http.escapes.length} served from outside the HTTP folder, ` +
        `slowest ${http.maxMs.toFixed(1)} ms (${http.seconds.toFixed(0)} s)`,
    );
  }
  if (results.some((r) => r.throws || r.slow) || !storm.equal || typeof http === 'string' || sites?.crashes)
    process.exitCode = 1;
}

void main();
