/**
 * Ignition is declared context-free (issue #24): one analysis per text serves the boot chain and the file's
 * own lint. That holds only while no rule reads its context, and the shared analyses stay bounded.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyze } from '../../../lib/core/language';
import { forgetTextMemos, TEXT_MEMO_CHARS } from '../../../lib/core/textMemo';
import { NO_CONTEXT } from '../../../lib/core/ruleContext';
import { ignition } from '../../../lib/languages/ignition';
import { diskContext } from '../../../lib/site/view';

/** Every .ign of the examples and the real-world corpus. */
function configs(): string[] {
  const found: string[] = [];
  const visit = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) visit(path);
      else if (/\.(ign|json)$/.test(entry.name) && entry.name !== 'pxe-site.json') found.push(path);
    }
  };
  visit(resolve('examples'));
  visit(resolve('../shared/corpus/ignition'));
  return found.filter((path) => /"ignition"/.test(readFileSync(path, 'utf8')));
}

describe('Ignition analyses shared by text', () => {
  it('come from rules that read no context: each finds the same with the site and the path as without', () => {
    const paths = configs();
    expect(paths.length).toBeGreaterThan(10);
    for (const path of paths) {
      const text = readFileSync(path, 'utf8');
      const { ast } = ignition.parse(text);
      const context = diskContext(path);
      for (const rule of ignition.rules)
        expect(rule.check(ast, text, context), `${rule.id} on ${path}`).toEqual(rule.check(ast, text, NO_CONTEXT));
    }
  });

  it('serve a second caller of the same text, each with a list of its own', () => {
    const text = '{ "ignition": { "version": "3.4.0" }, "storage": { "files": [{ "path": "relative" }] } }';
    const first = analyze(ignition, text);
    const second = analyze(ignition, text, diskContext(resolve('examples/home-lab/tftp/fedora-coreos/config.ign')));
    expect(second.ast).toBe(first.ast);
    expect(second.problems).toEqual(first.problems);
    expect(second.problems).not.toBe(first.problems);
    expect(first.problems.map((p) => p.ruleId)).toContain('ignition.pathNotAbsolute');
    // The bench forgets them before each timed run, so it measures the analysis, not a lookup.
    forgetTextMemos();
    expect(analyze(ignition, text).ast).not.toBe(first.ast);
  });

  it('hold at most TEXT_MEMO_CHARS of text: the oldest is analysed again', () => {
    const config = (n: number, pad: number): string =>
      `{ "ignition": { "version": "3.4.0" }, "x${n}": "${'a'.repeat(pad)}" }`;
    const oldest = analyze(ignition, config(0, 10));
    expect(analyze(ignition, config(0, 10)).ast).toBe(oldest.ast);
    const pad = Math.ceil(TEXT_MEMO_CHARS / 4);
    for (let n = 1; n <= 4; n++) analyze(ignition, config(n, pad));
    expect(analyze(ignition, config(0, 10)).ast).not.toBe(oldest.ast);
    // A text bigger than the whole budget is analysed, never kept.
    const huge = config(9, TEXT_MEMO_CHARS);
    expect(analyze(ignition, huge).ast).not.toBe(analyze(ignition, huge).ast);
  });
});
