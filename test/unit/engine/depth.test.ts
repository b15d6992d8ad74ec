/**
 * JSON nested far past the cap (issue #19, item 5): jsonc-parser recurses once per level, so 20,000 levels
 * overflow the stack. Every parse of user JSON stops at the cap and says where, instead of crashing.
 */
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { visit } from 'jsonc-parser';
import { describe, expect, it } from 'vitest';
import { classify } from '../../../lib/engine/classify';
import { depthMessage, jsonDepthExceeded, MAX_JSON_DEPTH } from '../../../lib/core/untrusted';
import { lintText } from '../../../lib/engine';
import { parseStrictJson } from '../../../lib/json/parse';
import { ignition } from '../../../lib/languages/ignition';
import { jsonSyntax } from '../../../lib/languages/ignition/rules/jsonSyntax';
import { buildChain, readDisk, type Hop } from '../../../lib/chain';
import { diskFiles } from '../../../lib/site/disk';
import { readSite } from '../../../lib/site/view';

const arrays = (n: number): string => `${'['.repeat(n)}${']'.repeat(n)}`;
/** A config that starts like Ignition and then nests `n` levels deep. */
const deepConfig = (n: number): string => `{"ignition":{"version":"3.4.0"},"x":${arrays(n)}}`;
/** Where the cap is first exceeded in `deepConfig`: the top-level object is level 1, so MAX_JSON_DEPTH - 1 brackets in. */
const CAP_AT = '{"ignition":{"version":"3.4.0"},"x":'.length + MAX_JSON_DEPTH - 1;

describe.each([20_000, 100_000])('JSON nested %i deep', (n) => {
  it('parseStrictJson reports where the cap is exceeded and returns no tree', () => {
    const text = deepConfig(n);
    const parsed = parseStrictJson(text, jsonSyntax);
    expect(parsed.ast.root).toBeUndefined();
    expect(parsed.problems).toEqual([
      { ruleId: 'ignition.jsonSyntax', start: CAP_AT, end: CAP_AT + 1, message: depthMessage() },
    ]);
    expect(parseStrictJson(arrays(n), { id: 'site.jsonSyntax' }).problems.map((p) => [p.ruleId, p.start])).toEqual([
      ['site.jsonSyntax', MAX_JSON_DEPTH],
    ]);
  });

  it('classify gives up on content sniffing, and still classifies by name', () => {
    expect(classify('fcos/config.json', deepConfig(n))).toBeUndefined();
    expect(classify('fcos/config.ign', deepConfig(n))).toBe('ignition');
  });

  it('lintText of a .ign reports the depth as a syntax error and runs no rule on it', () => {
    const result = lintText('/w/deep.ign', deepConfig(n));
    expect(result.language).toBe('ignition');
    expect(result.findings.map((f) => `${f.severity} ${f.ruleId} ${f.start}`)).toEqual([
      `error ignition.jsonSyntax ${CAP_AT}`,
    ]);
  });

  it('completion, hover and the outline answer nothing past the cap, and root keys before it', () => {
    const text = deepConfig(n);
    const { ast } = ignition.parse(text);
    expect(ignition.complete?.(ast, text, text.length - 2)).toEqual([]);
    expect(ignition.complete?.(ast, text, 1)?.map((c) => c.label)).toContain('storage');
    expect(ignition.hover?.(ast, text, 3)).toBeUndefined();
    expect(ignition.symbols?.(ast, text)).toEqual([]);
  });
});

describe('the depth guard tokenises as jsonc-parser does', () => {
  // Each of these once passed the guard and then overflowed the parser.
  const N = 20_000;
  it.each([
    ['stray closers that the parser skips', `[${'},['.repeat(N)}`],
    ['a quote inside a line comment', `// "\n${'['.repeat(N)}`],
    ['a quote inside a block comment', `/* " */${'['.repeat(N)}`],
    ['a string ended by a line break', `["\n${'['.repeat(N)}`],
  ])('%s', (_name, text) => {
    expect(jsonDepthExceeded(text)).toBeGreaterThan(0);
    const parsed = parseStrictJson(text, jsonSyntax);
    expect(parsed.ast.root).toBeUndefined();
    expect(parsed.problems.map((p) => p.message)).toEqual([depthMessage()]);
  });

  it('never lets the parser nest deeper than it counted (property, over JSON-ish noise)', () => {
    const noise = fc.string({
      unit: fc.constantFrom('[', ']', '{', '}', '"', '\\', '/', '*', '\n', ',', ':', 'a', '1', ' '),
      maxLength: 80,
    });
    fc.assert(
      fc.property(noise, (text) => {
        let depth = 0;
        let deepest = 0;
        const down = (): void => void (deepest = Math.max(deepest, ++depth));
        const up = (): void => void depth--;
        visit(
          text,
          { onObjectBegin: down, onArrayBegin: down, onObjectEnd: up, onArrayEnd: up },
          { disallowComments: true },
        );
        if (jsonDepthExceeded(text, 3) < 0) expect(deepest).toBeLessThanOrEqual(3);
      }),
      { numRuns: 20_000, seed: 19 },
    );
  });

  it('counts no brackets inside strings or comments, so a real config is never refused', () => {
    const brackets = '['.repeat(MAX_JSON_DEPTH + 1);
    expect(jsonDepthExceeded(`{"a": "${brackets}", "b": "\\"${brackets}"}`)).toBe(-1);
    expect(jsonDepthExceeded(`// ${brackets}\n/* ${brackets} */ {}`)).toBe(-1);
    expect(jsonDepthExceeded(arrays(MAX_JSON_DEPTH))).toBe(-1);
  });
});

describe('the boot chain through a deep Ignition config', () => {
  it('reports the config instead of throwing when a script references it', () => {
    const root = join(mkdtempSync(join(tmpdir(), 'pxe-deep-chain-')), 'site');
    cpSync('examples/home-lab', root, { recursive: true });
    // fedora-coreos.ipxe names this file in ignition.config.url; the pxelinux label names it too.
    writeFileSync(join(root, 'tftp/fedora-coreos/config.ign'), deepConfig(20_000));
    // config.ign as it is, not translated from config.bu: the chain reads the deep file.
    const siteFile = join(root, 'pxe-site.json');
    writeFileSync(
      siteFile,
      JSON.stringify({ ...JSON.parse(readFileSync(siteFile, 'utf8')), butane: undefined }, null, 2),
    );
    const site = readSite(join(root, 'pxe-site.json'));
    if (!site) throw new Error('the copied site is not readable');
    const chain = buildChain({ site, files: diskFiles(), read: readDisk });
    const hops: Hop[] = [];
    const walk = (h: Hop): void => void (hops.push(h), h.children.forEach(walk));
    for (const client of chain.clients) walk(client.root);
    const ignitionHops = hops.filter((h) => h.kind === 'ignition' && h.path?.endsWith('config.ign'));
    expect(ignitionHops.length).toBeGreaterThan(0);
    for (const hop of ignitionHops) {
      expect(hop.status).toBe('warning');
      expect(hop.message).toMatch(new RegExp(`nests deeper than ${MAX_JSON_DEPTH} levels`));
    }
    expect([...chain.problems.values()].flat().map((p) => p.ruleId)).not.toContain('internal.analysisFailed');
    // The script that references it is linted with the chain, and its own findings are unchanged.
    expect(
      lintText(join(root, 'tftp/fedora-coreos.ipxe'), readDisk(join(root, 'tftp/fedora-coreos.ipxe')) ?? '').findings,
    ).toEqual([]);
  });
});
