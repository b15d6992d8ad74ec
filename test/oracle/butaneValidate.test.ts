/**
 * Every Ignition config our Butane translator produces is one Ignition accepts: the translations of generated
 * configs (a sample of the campaign's cases, every variant and version) and of the real-world Butane corpus
 * are given to `ignition-validate` (the current upstream build in ../shared/tools, which knows every spec our
 * output uses, 3.0.0–3.7.0-experimental). A config we translate without an error must validate.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { parseButane } from '../../lib/languages/butane/parser';
import { translateButane } from '../../lib/languages/butane/translate';
import { pool } from './butaneCompare';
import { chunkOf } from './butaneGen';
import { writeCase } from './butaneOracle';

const run = promisify(execFile);
const VALIDATE = resolve('../shared/tools/ignition-validate/ignition-validate');
const CORPUS = resolve('test/corpus/realworld/butane');
const dir = mkdtempSync(join(tmpdir(), 'pxe-butane-validate-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Our translation's JSON, when it translates without an error. */
function translated(text: string, filesDir: string | undefined): string | undefined {
  const t = translateButane(parseButane(text).ast, filesDir ? { filesDir } : {});
  if (!t.ignition || t.reports.some((r) => r.level === 'error')) return undefined;
  return JSON.stringify(t.ignition);
}

/** ignition-validate's complaint about a config, or undefined when it accepts it. */
async function refusal(json: string, name: string): Promise<string | undefined> {
  const file = join(dir, `${name}.ign`);
  writeFileSync(file, json);
  try {
    await run(VALIDATE, [file]);
    return undefined;
  } catch (error) {
    const e = error as { code?: number | string; stdout?: string; stderr?: string };
    if (e.code === 'ENOENT') throw new Error(`${VALIDATE} is missing: see ../shared/TESTING.md.`, { cause: error });
    return `${e.stdout ?? ''}${e.stderr ?? ''}`.trim();
  }
}

function corpusConfigs(folder: string): string[] {
  return readdirSync(folder).flatMap((name) => {
    const path = join(folder, name);
    if (statSync(path).isDirectory()) return corpusConfigs(path);
    if (!/\.(bu|butane|fcc|ya?ml)$/.test(name)) return [];
    return /^variant:/m.test(readFileSync(path, 'utf8')) ? [path] : [];
  });
}

describe('ignition-validate accepts every translation', () => {
  it('of 1,000 generated configs (those we translate without an error)', async () => {
    const cases = [...chunkOf(22, 0), ...chunkOf(22, 1)];
    const refused = await pool(cases, 2, async (c, i) => {
      const root = join(dir, `case${i}`);
      const at = writeCase(root, c);
      const json = translated(c.yaml, at.filesDir);
      if (json === undefined) return { checked: false };
      const why = await refusal(json, `case${i}`);
      return { checked: true, why: why && `${c.spec.variant} ${c.spec.version}:\n${c.yaml}\n→ ${why}` };
    });
    expect(refused.filter((r) => r.checked).length).toBeGreaterThan(300);
    expect(refused.flatMap((r) => (r.why ? [r.why] : []))).toEqual([]);
  });

  it('of the real-world Butane corpus', async () => {
    const files = corpusConfigs(CORPUS);
    const results = await pool(files, 2, async (file, i) => {
      const json = translated(readFileSync(file, 'utf8'), dirname(file));
      if (json === undefined) return { checked: false };
      const why = await refusal(json, `corpus${i}`);
      return { checked: true, why: why && `${relative(CORPUS, file)}: ${why}` };
    });
    expect(results.filter((r) => r.checked).length).toBeGreaterThan(30);
    expect(results.flatMap((r) => (r.why ? [r.why] : []))).toEqual([]);
  });
});
