/**
 * Every rule id a finding can carry is a registered rule with its section in docs/rules.md: the ids the CLI's
 * lint emits over the examples and the corpora, the ids of each rule's own example, the ids the unit fixtures
 * mark, and (at compile time) the RuleId type, which must stay a union of literal ids.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, expectTypeOf, it } from 'vitest';
import { docsAnchor } from '../../../lib/core/rule';
import { grade, lintPaths, lintText, RULES, RULES_BY_ID } from '../../../lib/engine';
import type { RuleId } from '../../../lib/engine/registry';

const LINTED = ['examples', join('test', 'corpus', 'realworld'), join('..', 'shared', 'corpus')].filter((d) =>
  existsSync(d),
);

/** A file name each language reads its rules' examples as. */
const EXAMPLE_FILE: Record<string, string> = {
  ipxe: 'example.ipxe',
  pxelinux: join('tftp', 'pxelinux.cfg', 'default'),
  routeros: 'example.rsc',
  ignition: 'example.ign',
  site: 'pxe-site.json',
};

const docs = readFileSync(join('docs', 'rules.md'), 'utf8');

function* testFiles(dir: string): Generator<string> {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) yield* testFiles(path);
    else if (name.endsWith('.test.ts')) yield path;
  }
}

function unregistered(ids: Iterable<string>): string[] {
  return [...new Set(ids)].filter((id) => !RULES_BY_ID.has(id)).sort();
}

/** The anchor GitHub gives a heading: lower case, punctuation dropped, blanks as hyphens. */
const githubAnchor = (heading: string): string =>
  heading
    .toLowerCase()
    .replace(/[^a-z0-9 -]/g, '')
    .replace(/ /g, '-');

/** Ids without a `### id` section in docs/rules.md, or whose diagnostics link (docsAnchor) misses it. */
function undocumented(ids: Iterable<string>): string[] {
  return [...new Set(ids)]
    .filter((id) => !docs.includes(`\n### ${id}\n`) || docsAnchor(id).split('#')[1] !== githubAnchor(id))
    .sort();
}

describe('rule ids', () => {
  it('RuleId is a union of literal ids, not plain string', () => {
    expectTypeOf<string>().not.toExtend<RuleId>();
    expectTypeOf<'ipxe.missingInitrd'>().toExtend<RuleId>();
  });

  it(
    'every id the CLI emits over the examples and the corpora is registered and documented',
    { timeout: 120_000 },
    async () => {
      const ids = new Set<string>();
      for (const dir of LINTED)
        for (const report of await lintPaths([dir])) for (const f of report.findings) ids.add(f.ruleId);
      // Enough of the rules fire that the check means something.
      expect(ids.size).toBeGreaterThan(30);
      expect(unregistered(ids)).toEqual([]);
      expect(undocumented(ids)).toEqual([]);
    },
  );

  it("every id a rule's own example produces is registered and documented", () => {
    const ids = new Set<string>();
    for (const rule of RULES) {
      const file = EXAMPLE_FILE[rule.language];
      if (!file) continue;
      for (const f of lintText(join('/site', file), rule.example, {
        languageId: rule.language === 'site' ? undefined : rule.language,
      }).findings)
        ids.add(f.ruleId);
    }
    expect(ids.size).toBeGreaterThan(30);
    expect(unregistered(ids)).toEqual([]);
    expect(undocumented(ids)).toEqual([]);
  });

  it('every id the unit tests check for (`const RULE = …`, fixture markers, lintFixture/flagged) is registered and documented', () => {
    const named = [
      /\bRULE = '([a-z]+\.[A-Za-z0-9]+)'/g,
      /^\s*\^+\s+([a-z]+\.[A-Za-z0-9]+)\s*$/gm,
      /\b(?:lintFixture|flagged)\([^)]*?'((?:ipxe|pxelinux|routeros|ignition|site|chain|internal)\.[A-Za-z0-9]+)'/g,
    ];
    const ids = new Set<string>();
    for (const file of testFiles(join('test', 'unit')))
      for (const pattern of named) for (const m of readFileSync(file, 'utf8').matchAll(pattern)) ids.add(m[1]!);
    expect(ids.size).toBeGreaterThan(60);
    expect(unregistered(ids)).toEqual([]);
    expect(undocumented(ids)).toEqual([]);
  });

  it('shows a finding of an unregistered id as internal.ruleFailed naming it, never with a guessed level', () => {
    const [finding] = grade([{ ruleId: 'ipxe.noSuchRule', start: 3, end: 5, message: 'odd' }], {});
    expect(finding).toMatchObject({ ruleId: 'internal.ruleFailed', severity: 'error', start: 3, end: 5 });
    expect(finding?.message).toContain('`ipxe.noSuchRule` (odd)');
    // A registered id keeps its own name and level.
    expect(grade([{ ruleId: 'ipxe.missingInitrd', start: 0, end: 1, message: 'm' }], {})[0]?.ruleId).toBe(
      'ipxe.missingInitrd',
    );
  });
});
