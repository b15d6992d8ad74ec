/**
 * The real-world Ignition corpus (test/corpus/realworld/ignition/) against the official validator: every file
 * we check as an Ignition config and that is JSON gets the same error/no-error verdict from us and from
 * `ignition-validate` (the current upstream build in ../shared/tools; Debian's 2.14 too for specs 3.0–3.3).
 * One documented difference: a legacy spec 1/2.x config is refused by upstream Ignition 2.x (what
 * ignition-validate is) but read by Flatcar, so we warn (ignition.unsupportedVersion) instead of erring.
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { lintPaths } from '../../lib/engine';

const run = promisify(execFile);
const CORPUS = resolve('test/corpus/realworld/ignition');
const CURRENT = resolve('../shared/tools/ignition-validate/ignition-validate');
const DEBIAN = '/usr/bin/ignition-validate';

async function verdict(binary: string, file: string): Promise<{ valid: boolean; output: string }> {
  try {
    const { stdout, stderr } = await run(binary, [file]);
    return { valid: true, output: stdout + stderr };
  } catch (error) {
    const e = error as { code?: number | string; stdout?: string; stderr?: string };
    if (e.code === 'ENOENT')
      throw new Error(`${binary} is missing: see ../shared/TESTING.md (Ignition oracle).`, { cause: error });
    return { valid: false, output: `${e.stdout ?? ''}${e.stderr ?? ''}` };
  }
}

const isJson = (text: string): boolean => {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false; // a template (Go, Terraform): not a config until rendered
  }
};

describe('the Ignition corpus: our verdicts agree with ignition-validate', () => {
  it('on every corpus config that is JSON', async () => {
    expect(existsSync(CURRENT), `${CURRENT} (see ../shared/TESTING.md)`).toBe(true);
    const reports = (await lintPaths([CORPUS], { cwd: CORPUS })).filter(
      (r) => r.language === 'ignition' && isJson(r.text),
    );
    const rows: string[] = [];
    const disagreements: string[] = [];
    let agreed = 0;
    let legacy = 0;
    for (const r of reports) {
      const name = relative(CORPUS, r.path);
      const errors = r.findings.filter((f) => f.severity === 'error').map((f) => `${f.ruleId}: ${f.message}`);
      const unsupportedVersion = r.findings.some((f) => f.ruleId === 'ignition.unsupportedVersion');
      const version = String((JSON.parse(r.text) as { ignition?: { version?: unknown } }).ignition?.version ?? '');
      const binaries = [CURRENT, ...(/^3\.[0-3]\.0$/.test(version) && existsSync(DEBIAN) ? [DEBIAN] : [])];
      for (const binary of binaries) {
        const theirs = await verdict(binary, r.path);
        const tool = binary === DEBIAN ? 'ignition-validate 2.14' : 'ignition-validate (current)';
        if (unsupportedVersion) {
          legacy++;
          // Upstream refuses it, Flatcar reads it: we warn, and say so, and nothing else errs.
          if (
            theirs.valid ||
            !/unsupported config version|invalid config version/.test(theirs.output) ||
            errors.length > 0
          )
            disagreements.push(`${name}: legacy spec, ${tool}: ${theirs.output.trim()}; ours: ${errors.join('; ')}`);
          continue;
        }
        if (theirs.valid === (errors.length === 0)) agreed++;
        else
          disagreements.push(
            `${name}: ${tool} says ${theirs.valid ? 'valid' : `invalid (${theirs.output.trim()})`}, ` +
              `we say ${errors.length ? `invalid: ${errors.join('; ')}` : 'valid'}`,
          );
        rows.push(`${name} ${tool}: ${theirs.valid ? 'valid' : 'invalid'}`);
      }
    }
    if (process.env.ORACLE_COUNTS)
      console.log({ files: reports.length, agreed, legacy, disagreements: disagreements.length });
    expect(reports.length).toBeGreaterThanOrEqual(37);
    expect(agreed).toBeGreaterThanOrEqual(30);
    expect(legacy).toBeGreaterThanOrEqual(9);
    expect(disagreements).toEqual([]);
    expect(rows.length).toBe(agreed);
  }, 300_000);
});
