/**
 * The language contract (issue #21): every folder under lib/languages/ has the same core files, its face
 * exports the service registered under the folder's name, and rules/ holds one rule per file, named after it.
 * A new language passes by adding a folder of that shape and one line to the registry.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, join, relative, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { LanguageService } from '../../../lib/core/language';
import type { RuleMeta } from '../../../lib/core/rule';
import { RULES_BY_ID, SERVICES, type LanguageId } from '../../../lib/engine';

const LIB = join(__dirname, '..', '..', '..', 'lib');
const ROOT = join(LIB, 'languages');
const LANGUAGES = readdirSync(ROOT).filter((name) => statSync(join(ROOT, name)).isDirectory());
const CORE_FILES = [
  'index.ts',
  'parser.ts',
  'ast.ts',
  'catalog.ts',
  'complete.ts',
  'hover.ts',
  'symbols.ts',
  'recognize.ts',
];
/** Files in rules/ that hold what several rules share: never a rule. */
const HELPERS = new Set(['shared.ts']);
/** The file each optional feature lives in, when the language has it. */
const FEATURE_FILES: [keyof LanguageService, string][] = [
  ['definition', 'navigate.ts'],
  ['references', 'navigate.ts'],
  ['rename', 'navigate.ts'],
  ['actions', 'actions.ts'],
  ['format', 'format.ts'],
];

const load = (path: string): Promise<Record<string, unknown>> => import(pathToFileURL(path).href);

const isRule = (value: unknown): value is RuleMeta =>
  typeof value === 'object' &&
  value !== null &&
  typeof (value as RuleMeta).id === 'string' &&
  typeof (value as RuleMeta).severity === 'string' &&
  typeof (value as RuleMeta).summary === 'string';

async function serviceOf(language: string): Promise<LanguageService | undefined> {
  const face = await load(join(ROOT, language, 'index.ts'));
  return Object.values(face).find(
    (value): value is LanguageService =>
      typeof value === 'object' && value !== null && (value as LanguageService).id === language,
  );
}

describe('language contract', () => {
  it('has a folder for every registered language (the site file aside), and each folder registered', () => {
    expect(LANGUAGES.length).toBeGreaterThanOrEqual(4);
    expect([...LANGUAGES].sort()).toEqual([...SERVICES.keys()].filter((id) => id !== 'site').sort());
  });

  it("reads the catalog data (lib/data/*.json) only in a catalog.ts (the languages', Secure Boot's)", () => {
    const readers: string[] = [];
    const walk = (dir: string): void => {
      for (const name of readdirSync(dir)) {
        const path = join(dir, name);
        if (statSync(path).isDirectory()) walk(path);
        else if (name.endsWith('.ts') && /from '(\.\.\/)+data\/[\w-]+\.json'/.test(readFileSync(path, 'utf8')))
          readers.push(relative(LIB, path).split(sep).join('/'));
      }
    };
    walk(LIB);
    expect(readers.length).toBeGreaterThan(0);
    for (const reader of readers) expect(reader).toMatch(/^(languages\/[a-z]+|secureboot)\/catalog\.ts$/);
  });

  describe.each(LANGUAGES)('%s', (language) => {
    const folder = join(ROOT, language);

    it('has the core files and a rules/ folder', () => {
      for (const file of CORE_FILES) expect(existsSync(join(folder, file)), `${language}/${file}`).toBe(true);
      expect(statSync(join(folder, 'rules')).isDirectory()).toBe(true);
    });

    it('exports from its face the service whose id is the folder name, with its rules registered', async () => {
      const service = await serviceOf(language);
      expect(service, `lib/languages/${language}/index.ts exports no service with id '${language}'`).toBeDefined();
      expect(SERVICES.get(service!.id as LanguageId)?.rules.map((r) => r.id)).toEqual(service!.rules.map((r) => r.id));
      for (const rule of [...service!.parserRules, ...service!.rules]) expect(RULES_BY_ID.has(rule.id)).toBe(true);
    });

    it('keeps each optional feature in its own file', async () => {
      const service = (await serviceOf(language))!;
      for (const [feature, file] of FEATURE_FILES)
        if (service[feature]) expect(existsSync(join(folder, file)), `${language}.${feature} → ${file}`).toBe(true);
    });

    it('has one rule per file in rules/, named after it, and every rule of the service in rules/', async () => {
      const service = (await serviceOf(language))!;
      const declared = new Set([...service.parserRules, ...service.rules]);
      const found: RuleMeta[] = [];
      for (const file of readdirSync(join(folder, 'rules')).filter((f) => f.endsWith('.ts'))) {
        const module = await load(join(folder, 'rules', file));
        const rules = Object.values(module).filter(isRule);
        if (HELPERS.has(file)) {
          expect(rules, `rules/${file} shares helpers and declares no rule`).toEqual([]);
          continue;
        }
        expect(Object.keys(module), `rules/${file} exports exactly one thing, its rule`).toHaveLength(1);
        expect(rules.map((r) => r.id)).toEqual([`${language}.${basename(file, '.ts')}`]);
        expect(declared.has(rules[0]!), `${rules[0]!.id} is in the service's rules`).toBe(true);
        found.push(rules[0]!);
      }
      expect(found.length).toBe(declared.size);
    });
  });
});
