/**
 * The shape of the code, checked: no import circles anywhere in the product, and code outside lib/ reaches the
 * library only through each area's face (ESLint's no-restricted-imports, run here on a planted deep import so the
 * guard itself is tested, not only the tree that happens to obey it today).
 */
import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ESLint } from 'eslint';
import madge from 'madge';

const PRODUCT = ['lib', 'server/src', 'client/src', 'cli/src', 'bench', 'scripts'];

describe('layers', () => {
  it('has no import circles (type-only imports count)', async () => {
    const graph = await madge(PRODUCT, { fileExtensions: ['ts'], tsConfig: 'tsconfig.json' });
    expect(graph.circular()).toEqual([]);
    // The graph is the real one: it saw the library's areas and their imports.
    const files = Object.keys(graph.obj());
    expect(files.filter((f) => f.startsWith('lib/')).length).toBeGreaterThan(100);
    expect(graph.depends('lib/core/untrusted.ts').length).toBeGreaterThan(10);
  }, 60_000);

  it('keeps the action areas (deploy, router, vm, images, nodes) and their SSH/API libraries out of the language server', async () => {
    const graph = await madge('server/src/server.ts', {
      fileExtensions: ['ts'],
      tsConfig: 'tsconfig.json',
      baseDir: '.',
    });
    const reached = new Set<string>();
    const visit = (file: string): void => {
      if (reached.has(file)) return;
      reached.add(file);
      for (const next of graph.obj()[file] ?? []) visit(next);
    };
    visit(Object.keys(graph.obj()).find((f) => f.endsWith('server/src/server.ts'))!);
    expect(reached.size).toBeGreaterThan(50);
    expect([...reached].filter((f) => /lib\/(deploy|router|vm|images|nodes)\//.test(f))).toEqual([]);
  }, 60_000);

  it('refuses a deep import of the library from the server, the extension, the CLI and the bench', async () => {
    const eslint = new ESLint();
    const cases = [
      ['cli/src/planted.ts', "import { parseSiteText } from '../../lib/site/load';\nexport const x = parseSiteText;\n"],
      ['server/src/lsp/planted.ts', "import { grade } from '../../../lib/engine/lint';\nexport const x = grade;\n"],
      ['client/src/planted.ts', "import { connect } from '../../lib/deploy/ssh';\nexport const x = connect;\n"],
      [
        'bench/planted.ts',
        "import { parseRouterOs } from '../lib/languages/routeros/parser';\nexport const x = parseRouterOs;\n",
      ],
    ] as const;
    for (const [filePath, code] of cases) {
      const [result] = await eslint.lintText(code, { filePath });
      expect(
        result?.messages.map((m) => m.ruleId),
        filePath,
      ).toContain('no-restricted-imports');
    }
    // Through the face it is fine, and inside the library deep imports are allowed.
    const [face] = await eslint.lintText("import { loadSite } from '../../lib/site';\nexport const x = loadSite;\n", {
      filePath: 'cli/src/planted.ts',
    });
    expect(face?.messages.filter((m) => m.ruleId === 'no-restricted-imports')).toEqual([]);
    const [inside] = await eslint.lintText(
      "import { parseSiteText } from '../site/load';\nexport const x = parseSiteText;\n",
      {
        filePath: 'lib/vm/planted.ts',
      },
    );
    expect(inside?.messages.filter((m) => m.ruleId === 'no-restricted-imports')).toEqual([]);
  }, 60_000);

  it('keeps yaml and ajv behind their first-use loaders in the library (types are free)', async () => {
    const eslint = new ESLint();
    const lint = async (filePath: string, code: string) =>
      (await eslint.lintText(code, { filePath }))[0]?.messages.map((m) => m.ruleId) ?? [];
    expect(await lint('lib/chain/planted.ts', "import { parse } from 'yaml';\nexport const x = parse;\n")).toContain(
      '@typescript-eslint/no-restricted-imports',
    );
    expect(await lint('lib/site/planted.ts', "import Ajv from 'ajv';\nexport const x = Ajv;\n")).toContain(
      '@typescript-eslint/no-restricted-imports',
    );
    expect(
      await lint('lib/chain/planted.ts', "import type { Document } from 'yaml';\nexport type X = Document;\n"),
    ).not.toContain('@typescript-eslint/no-restricted-imports');
  }, 60_000);

  it('gives every area of the library a face', () => {
    const areas = readdirSync('lib', { withFileTypes: true }).filter((d) => d.isDirectory() && d.name !== 'data');
    expect(areas.length).toBeGreaterThan(8);
    for (const area of areas) expect(readdirSync(`lib/${area.name}`), area.name).toContain('index.ts');
  });
});
